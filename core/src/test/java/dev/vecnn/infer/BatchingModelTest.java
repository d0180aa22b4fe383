package dev.vecnn.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vecnn.layers.Normalization;
import dev.vecnn.tensor.DType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchingModel}: concurrent single-example calls gathered into shared forward passes
 * return the bits of a direct call ({@link InferenceModel#scores(float[], int)} on one example,
 * the reference), bad inputs fail only their caller, interrupts and close behave as documented.
 * No clock is read: where a test needs a batch to wait, it uses a delay far longer than the test
 * and fills or closes the batch; where it needs callers to be waiting, it spins on
 * {@link BatchingModel#waitingCallers()}.
 */
class BatchingModelTest {
    private static final int[] DIMS = {70, 33, 10};
    private static final Duration FOREVER = Duration.ofHours(1);
    private static final int EXAMPLES = 41;

    private InferenceModel model;
    private float[] pool;
    private ExecutorService exec;

    @BeforeEach
    void setUp() {
        model = TestNets.builder(TestNets.randomParams(3, DIMS, Normalization.BATCHNORM), DIMS, true).build();
        pool = TestNets.gaussianFloats(4, EXAMPLES * DIMS[0]);
        exec = Executors.newCachedThreadPool();
    }

    @AfterEach
    void tearDown() {
        exec.shutdownNow();
    }

    private float[] example(int e) {
        return Arrays.copyOfRange(pool, e * DIMS[0], (e + 1) * DIMS[0]);
    }

    private static void assertSameBits(float[] got, float[] want, String what) {
        assertThat(got.length).isEqualTo(want.length);
        for (int j = 0; j < want.length; j++) {
            assertThat(Float.floatToRawIntBits(got[j])).as("%s, score %d", what, j)
                    .isEqualTo(Float.floatToRawIntBits(want[j]));
        }
    }

    private static void spinUntil(java.util.function.BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Test
    void eightConcurrentCallsMakeOneBatchWithTheBitsOfDirectCalls() throws Exception {
        try (BatchingModel batching = model.batching(8, FOREVER)) {
            CyclicBarrier start = new CyclicBarrier(8);
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                float[] x = example(t);
                results.add(exec.submit(() -> {
                    start.await();
                    return batching.scores(x);
                }));
            }
            for (int t = 0; t < 8; t++) {
                assertSameBits(results.get(t).get(), model.scores(example(t), 1), "caller " + t);
            }
            // the batch could only leave when full: all eight rows in one forward pass
            assertThat(batching.batches()).isEqualTo(1);
            assertThat(batching.predictions()).isEqualTo(8);
        }
    }

    @Test
    void manyThreadsManyCallsGiveTheDirectBitsAndLabels() throws Exception {
        int threads = 8;
        int calls = 150;
        double[] poolD = TestNets.toDoubles(pool);
        try (BatchingModel batching = model.batching(5, Duration.ZERO)) {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(exec.submit(() -> {
                    float[] out = new float[DIMS[2]];
                    start.await();
                    for (int c = 0; c < calls; c++) {
                        int e = (thread * 7 + c * 3) % EXAMPLES;
                        float[] x = example(e);
                        float[] want = model.scores(x, 1);
                        int label;
                        if (thread % 2 == 0) {
                            label = batching.scores(x, out);
                        } else { // double inputs are converted exactly as the direct call converts them
                            double[] xd = Arrays.copyOfRange(poolD, e * DIMS[0], (e + 1) * DIMS[0]);
                            double[] outD = batching.scores(xd);
                            for (int j = 0; j < out.length; j++) out[j] = (float) outD[j];
                            label = batching.predict(xd);
                        }
                        if (label != model.predict(x)) return "thread " + thread + " call " + c + ": label " + label;
                        for (int j = 0; j < want.length; j++) {
                            if (Float.floatToRawIntBits(out[j]) != Float.floatToRawIntBits(want[j])) {
                                return "thread " + thread + " call " + c + " score " + j + ": " + out[j] + " vs " + want[j];
                            }
                        }
                    }
                    return "ok";
                }));
            }
            for (Future<String> f : results) assertThat(f.get()).isEqualTo("ok");
            // odd threads make two requests per call
            assertThat(batching.predictions()).isEqualTo((long) threads / 2 * calls + (long) threads / 2 * calls * 2);
            assertThat(batching.batches()).isBetween(1L, batching.predictions());
        }
    }

    @Test
    void aPaddedBatchOfFiveGivesTheDirectBits() throws Exception {
        try (BatchingModel batching = model.batching(8, FOREVER)) {
            // a full batch of other examples first, so the padding rows of the next hold stale inputs
            List<Future<float[]>> full = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                float[] x = example(10 + t);
                full.add(exec.submit(() -> batching.scores(x)));
            }
            for (Future<float[]> f : full) f.get();
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < 5; t++) {
                float[] x = example(t);
                results.add(exec.submit(() -> batching.scores(x)));
            }
            spinUntil(() -> batching.waitingCallers() == 5);
            batching.close(); // runs the 5 gathered rows (computed as 8 where the skinny GEMM takes 8-row strips)
            for (int t = 0; t < 5; t++) assertSameBits(results.get(t).get(), model.scores(example(t), 1), "caller " + t);
            assertThat(batching.batches()).isEqualTo(2);
            assertThat(batching.predictions()).isEqualTo(13);
        }
    }

    @Test
    void aDoublePrecisionModelBatchesToo() throws Exception {
        InferenceModel m64 = TestNets.builder(TestNets.randomParams(5, DIMS, Normalization.BATCHNORM), DIMS, false)
                .precision(DType.FLOAT64).build();
        double[] x0 = TestNets.toDoubles(example(0));
        double[] x1 = TestNets.toDoubles(example(1));
        try (BatchingModel batching = m64.batching(2, FOREVER)) {
            Future<double[]> a = exec.submit(() -> batching.scores(x0));
            Future<double[]> b = exec.submit(() -> batching.scores(x1));
            assertThat(a.get()).containsExactly(m64.scores(x0, 1));
            assertThat(b.get()).containsExactly(m64.scores(x1, 1));
            assertThat(batching.batches()).isEqualTo(1);
        }
    }

    @Test
    void aBadInputFailsOnlyItsCaller() throws Exception {
        try (BatchingModel batching = model.batching(3, FOREVER)) {
            float[] x0 = example(0);
            Future<float[]> first = exec.submit(() -> batching.scores(x0));
            spinUntil(() -> batching.waitingCallers() == 1);
            // bad calls while a batch is being gathered: rejected at once, nothing queued
            assertThatThrownBy(() -> batching.predict(new float[DIMS[0] + 1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("x must hold inputDim = 70").hasMessageContaining("got 71");
            assertThatThrownBy(() -> batching.predict((float[]) null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must not be null");
            assertThatThrownBy(() -> batching.scores(example(1), new float[DIMS[2] - 1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("out must hold at least numClasses = 10").hasMessageContaining("got 9");
            assertThat(batching.waitingCallers()).isEqualTo(1);
            float[] x1 = example(1);
            float[] x2 = example(2);
            Future<float[]> second = exec.submit(() -> batching.scores(x1));
            Future<float[]> third = exec.submit(() -> batching.scores(x2));
            assertSameBits(first.get(), model.scores(x0, 1), "first");
            assertSameBits(second.get(), model.scores(x1, 1), "second");
            assertSameBits(third.get(), model.scores(x2, 1), "third");
            assertThat(batching.batches()).isEqualTo(1);
            assertThat(batching.predictions()).isEqualTo(3);
        }
    }

    @Test
    void closeAnswersTheQueuedCallsThenRejectsNewOnes() throws Exception {
        BatchingModel batching = model.batching(8, FOREVER);
        List<Future<float[]>> waiting = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            float[] x = example(t);
            waiting.add(exec.submit(() -> batching.scores(x)));
        }
        spinUntil(() -> batching.waitingCallers() == 3);
        assertThat(batching.batches()).isZero(); // 3 of 8: the batch waits for more
        batching.close();
        // close did not wait out the delay: the partial batch ran before close returned
        assertThat(batching.batches()).isEqualTo(1);
        for (int t = 0; t < 3; t++) assertSameBits(waiting.get(t).get(), model.scores(example(t), 1), "caller " + t);
        assertThat(batching.isClosed()).isTrue();
        assertThatThrownBy(() -> batching.predict(example(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        batching.close(); // idempotent
        assertThat(batching.batches()).isEqualTo(1);
    }

    @Test
    void anInterruptedWaitingCallerGetsInterruptedExceptionAndItsRowIsDropped() throws Exception {
        try (BatchingModel batching = model.batching(2, FOREVER)) {
            Thread[] caller = new Thread[1];
            Future<Object> interrupted = exec.submit(() -> {
                caller[0] = Thread.currentThread();
                try {
                    return batching.scores(example(0));
                } catch (InterruptedException e) {
                    return e;
                }
            });
            spinUntil(() -> batching.waitingCallers() == 1);
            caller[0].interrupt();
            assertThat(interrupted.get()).isInstanceOf(InterruptedException.class);
            assertThat(batching.waitingCallers()).isZero();
            // the cancelled request still took a slot of the gathered batch; the next call fills it
            float[] x1 = example(1);
            Future<float[]> next = exec.submit(() -> batching.scores(x1));
            assertSameBits(next.get(), model.scores(x1, 1), "next caller");
            assertThat(batching.predictions()).isEqualTo(1); // the interrupted row was not computed
        }
    }

    @Test
    void aCallWithTheInterruptStatusSetThrowsAtOnce() {
        try (BatchingModel batching = model.batching(4, FOREVER)) {
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> batching.predict(example(0))).isInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).isFalse();
            assertThat(batching.waitingCallers()).isZero();
        }
    }

    @Test
    void theThreadThatKeepsCallingReusesItsRequest() throws Exception {
        try (BatchingModel batching = model.batching(1, Duration.ZERO)) {
            float[] out = new float[DIMS[2]];
            for (int e = 0; e < EXAMPLES; e++) {
                int label = batching.scores(example(e), out);
                assertSameBits(out, model.scores(example(e), 1), "example " + e);
                assertThat(label).isEqualTo(model.predict(example(e)));
            }
            assertThat(batching.batches()).isEqualTo(EXAMPLES);
        }
    }

    @Test
    void smallBatchesArePaddedToAStripHeightWithinTheBuffer() {
        // 8-row strips (32 vector registers): every count up to 8 in one pass
        int[] want8 = {0, 1, 2, 4, 4, 8, 8, 8, 8, 9, 10};
        // 4-row strips (16 registers): 5 and 6 take two passes as they are and as 8 (4 + 4)
        int[] want4 = {0, 1, 2, 4, 4, 5, 6, 8, 8, 9, 10};
        // strip panels (read by 4 and 8 rows): every count from 2 to 8 to 4 or 8, either strip height
        int[] wantPanels = {0, 1, 4, 4, 4, 8, 8, 8, 8, 9, 10};
        for (int rows = 1; rows <= 10; rows++) {
            assertThat(BatchingModel.paddedRows(rows, 64, 8, false)).as("%d rows, 8-row strips", rows).isEqualTo(want8[rows]);
            assertThat(BatchingModel.paddedRows(rows, 64, 4, false)).as("%d rows, 4-row strips", rows).isEqualTo(want4[rows]);
            for (int strip : new int[] {4, 8}) {
                assertThat(BatchingModel.paddedRows(rows, 64, strip, true)).as("%d rows, strip panels, %d-row strips", rows, strip)
                        .isEqualTo(wantPanels[rows]);
            }
        }
        assertThat(BatchingModel.paddedRows(5, 6, 8, false)).as("no room for 8").isEqualTo(5);
        assertThat(BatchingModel.paddedRows(3, 4, 8, false)).isEqualTo(4);
        assertThat(BatchingModel.paddedRows(5, 6, 4, true)).as("no room for 8: as without panels").isEqualTo(5);
        assertThat(BatchingModel.paddedRows(7, 7, 4, true)).as("no room for 8").isEqualTo(7);
    }

    @Test
    void theOnlyPassKeepsItsShareAndLeavesTheRestForAPassBesideIt() {
        assertThat(BatchingModel.share(8, 2, 2)).isEqualTo(4);
        assertThat(BatchingModel.share(8, 2, 4)).isEqualTo(4);
        assertThat(BatchingModel.share(7, 2, 2)).isEqualTo(4);
        assertThat(BatchingModel.share(64, 2, 4)).isEqualTo(32);
        assertThat(BatchingModel.share(9, 3, 2)).isEqualTo(3);
        assertThat(BatchingModel.share(5, 2, 4)).as("1 left: too few for a pass of its own").isEqualTo(5);
        assertThat(BatchingModel.share(3, 2, 2)).as("1 left").isEqualTo(3);
        assertThat(BatchingModel.share(1, 2, 1)).isEqualTo(1);
        assertThat(BatchingModel.share(8, 1, 2)).as("one slot").isEqualTo(8);
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> model.batching(0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBatch must be in [1, 4096], got 0");
        assertThatThrownBy(() -> model.batching(4, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDelay must be >= 0");
        assertThatThrownBy(() -> model.batching(4, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDelay must not be null");
    }

    @Test
    void failuresOfOneCallerDoNotReachOthersUnderLoad() throws Exception {
        try (BatchingModel batching = model.batching(4, Duration.ZERO)) {
            CyclicBarrier start = new CyclicBarrier(6);
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                results.add(exec.submit(() -> {
                    start.await();
                    for (int c = 0; c < 100; c++) {
                        int e = (thread + c) % EXAMPLES;
                        if (thread % 3 == 0) {
                            try {
                                batching.predict(new float[c % DIMS[0]]);
                                return "bad input accepted";
                            } catch (IllegalArgumentException expected) {
                                continue;
                            }
                        }
                        float[] x = example(e);
                        float[] got = batching.scores(x);
                        if (!Arrays.equals(got, model.scores(x, 1))) return "thread " + thread + " call " + c;
                    }
                    return "ok";
                }));
            }
            for (Future<String> f : results) {
                try {
                    assertThat(f.get()).isEqualTo("ok");
                } catch (ExecutionException e) {
                    throw new AssertionError(e.getCause());
                }
            }
            assertThat(batching.predictions()).isEqualTo(4 * 100);
        }
    }

    @Test
    void aCallerWhoseAnswerCameBeforeItParkedDoesNotSleep() {
        BatchRequest r = new BatchRequest();
        r.waiter = Thread.currentThread();
        r.state.set(BatchRequest.TAKEN);
        r.finish(BatchRequest.DONE); // the caller has not parked: no unpark
        r.awaitChangeFrom(BatchRequest.TAKEN, this, 0); // would block forever if it parked
        assertThat(r.state.get()).isEqualTo(BatchRequest.DONE);
        assertThat(r.parked).isFalse();
    }

    @Test
    void aParkedCallerIsWokenByItsAnswer() throws Exception {
        BatchRequest r = new BatchRequest();
        r.state.set(BatchRequest.TAKEN);
        Thread caller = new Thread(() -> {
            while (r.state.get() == BatchRequest.TAKEN) {
                r.awaitChangeFrom(BatchRequest.TAKEN, this, 0);
            }
        });
        r.waiter = caller;
        caller.start();
        spinUntil(() -> r.parked && caller.getState() == Thread.State.WAITING);
        r.finish(BatchRequest.DONE);
        caller.join();
        assertThat(r.parked).isFalse();
    }

    @Test
    void anInterruptEndsTheWaitOfAParkedCaller() throws Exception {
        BatchRequest r = new BatchRequest();
        r.state.set(BatchRequest.QUEUED);
        boolean[] interrupted = new boolean[1];
        Thread caller = new Thread(() -> {
            while (r.state.get() == BatchRequest.QUEUED && !Thread.currentThread().isInterrupted()) {
                r.awaitChangeFrom(BatchRequest.QUEUED, this, 0);
            }
            interrupted[0] = Thread.currentThread().isInterrupted();
        });
        r.waiter = caller;
        caller.start();
        spinUntil(() -> caller.getState() == Thread.State.WAITING);
        caller.interrupt();
        caller.join();
        assertThat(interrupted[0]).isTrue();
        assertThat(r.state.get()).isEqualTo(BatchRequest.QUEUED);
    }

    @Test
    void aQueuedCallerWakesTheGathererOnlyWhenAPassBesideTheRunningOneMayStart() {
        // besidePassMayStart(running, slots, queued, maxBatch, notRunning, rowsBeside)
        assertThat(BatchingModel.besidePassMayStart(0, 2, 1, 64, 8, 2)).as("no pass runs").isTrue();
        assertThat(BatchingModel.besidePassMayStart(2, 2, 8, 64, 8, 2)).as("no slot free").isFalse();
        assertThat(BatchingModel.besidePassMayStart(1, 2, 1, 64, 4, 2)).as("too few rows beside a pass").isFalse();
        assertThat(BatchingModel.besidePassMayStart(1, 2, 3, 64, 4, 2)).as("a caller still to queue").isFalse();
        assertThat(BatchingModel.besidePassMayStart(1, 2, 4, 64, 4, 2)).as("every caller queued").isTrue();
        assertThat(BatchingModel.besidePassMayStart(1, 2, 5, 4, 9, 2)).as("a full batch").isTrue();
        assertThat(BatchingModel.besidePassMayStart(1, 2, 1, 1, 3, 2)).as("maxBatch 1 is full at 1").isTrue();
    }

    @Test
    void withSeveralPassSlotsEveryCallIsAnsweredWithTheDirectBits() throws Exception {
        int saved = dev.vecnn.kernels.Parallel.threads();
        for (int slots : new int[] {2, 3}) {
            dev.vecnn.kernels.Parallel.setThreads(slots);
            try (BatchingModel batching = model.batching(8, Duration.ZERO)) {
                int threads = 9;
                int calls = 200;
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<String>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    results.add(exec.submit(() -> {
                        float[] out = new float[DIMS[2]];
                        start.await();
                        for (int c = 0; c < calls; c++) {
                            float[] x = example((thread * 5 + c) % EXAMPLES);
                            batching.scores(x, out);
                            if (!Arrays.equals(out, model.scores(x, 1))) return "thread " + thread + " call " + c;
                        }
                        return "ok";
                    }));
                }
                for (Future<String> f : results) assertThat(f.get()).isEqualTo("ok");
                assertThat(batching.predictions()).as("%d slots", slots).isEqualTo((long) threads * calls);
                assertThat(batching.waitingCallers()).isZero();
            } finally {
                dev.vecnn.kernels.Parallel.setThreads(saved);
            }
        }
    }

    @Test
    void aCallerWhoseAnswerArrivesWhileItYieldsGetsItWithoutParking() throws Exception {
        BatchRequest r = new BatchRequest();
        r.state.set(BatchRequest.TAKEN);
        boolean[] everParked = new boolean[1];
        java.util.concurrent.atomic.AtomicBoolean inside = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = new Thread(() -> {
            inside.set(true);
            r.awaitChangeFrom(BatchRequest.TAKEN, this, Long.MAX_VALUE); // yields until the state changes
            everParked[0] = r.parked;
        });
        r.waiter = caller;
        caller.start();
        spinUntil(inside::get); // about to wait, or waiting: it never parks with an endless yield budget
        r.finish(BatchRequest.DONE);
        caller.join();
        assertThat(everParked[0]).isFalse();
        assertThat(r.state.get()).isEqualTo(BatchRequest.DONE);
    }

    @Test
    void anInterruptEndsTheYieldingPhaseOfAWait() throws Exception {
        BatchRequest r = new BatchRequest();
        r.state.set(BatchRequest.QUEUED);
        boolean[] interrupted = new boolean[1];
        Thread caller = new Thread(() -> {
            r.awaitChangeFrom(BatchRequest.QUEUED, this, Long.MAX_VALUE); // yields until interrupted
            interrupted[0] = Thread.currentThread().isInterrupted();
        });
        r.waiter = caller;
        caller.start();
        caller.interrupt();
        caller.join();
        assertThat(interrupted[0]).isTrue();
        assertThat(r.state.get()).isEqualTo(BatchRequest.QUEUED);
        assertThat(r.parked).isFalse();
    }
}
