package dev.vecnn.infer;

import dev.vecnn.layers.Normalization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * In steady state a thread's predictions allocate nothing: the thread's allocation counter
 * (HotSpot's {@code com.sun.management.ThreadMXBean}) must not grow by more than a few bytes per
 * round of calls over a window of many rounds, once the JIT has compiled the kernels. Skips on JVMs without the counter. (JMH {@code -prof gc} on
 * {@code InferenceBench} measures the same thing at full size.)
 *
 * <p>Tagged {@code steady-state}: core/pom.xml runs these in a JVM of their own, as what the JIT
 * compiles (and so whether escape analysis removes the vector objects) depends on the profiles the
 * other tests leave behind.
 */
@Tag("steady-state")
class SteadyStateAllocationTest {
    private static final int[] DIMS = {64, 48, 32, 10};

    @Test
    void predictionsAllocateNothingAfterWarmUp() {
        var bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter");
        var counter = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(counter.isThreadAllocatedMemorySupported() && counter.isThreadAllocatedMemoryEnabled(),
                "allocation counter disabled");
        InferenceModel f32 = TestNets.builder(
                TestNets.randomParams(3, DIMS, Normalization.LAYERNORM), DIMS, true).build();
        InferenceModel f64 = TestNets.builder(
                TestNets.randomParams(3, DIMS, Normalization.BATCHNORM), DIMS, false).build();
        int batch = 20;
        float[] x = TestNets.gaussianFloats(4, batch * DIMS[0]);
        double[] xd = TestNets.toDoubles(x);
        float[] scores = new float[batch * 10];
        double[] scoresD = new double[batch * 10];
        int[] labels = new int[batch];
        Runnable calls = () -> {
            f32.predict(x, 0);
            f32.predict(x, 0, batch, labels, 0);
            f32.scores(x, 0, batch, scores, 0);
            f64.predict(xd, 0);
            f64.scores(xd, 0, batch, scoresD, 0);
            f64.predict(x, 0);           // float input on a float64 model: converts in scratch
            f32.predict(xd, 0, batch, labels, 0);
        };
        calls.run(); // first call grows this thread's scratch
        // The SIMD kernels allocate vector objects until C2 compiles them, so "steady state" is
        // the best of up to 60 windows of 500 rounds: it must reach (almost) zero.
        long tid = Thread.currentThread().getId();
        int rounds = 500;
        double best = Double.MAX_VALUE;
        for (int window = 0; window < 60 && best >= 8.0; window++) {
            long before = counter.getThreadAllocatedBytes(tid);
            for (int i = 0; i < rounds; i++) {
                calls.run();
            }
            best = Math.min(best, (counter.getThreadAllocatedBytes(tid) - before) / (double) rounds);
        }
        assertThat(best).as("bytes allocated per round of 7 calls, best window").isLessThan(8.0);
    }

    @Test
    void batchingCallsAllocateNothingAfterWarmUp() throws Exception {
        var bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no allocation counter");
        var counter = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(counter.isThreadAllocatedMemorySupported() && counter.isThreadAllocatedMemoryEnabled(),
                "allocation counter disabled");
        InferenceModel f32 = TestNets.builder(
                TestNets.randomParams(3, DIMS, Normalization.LAYERNORM), DIMS, true).build();
        float[] x = TestNets.gaussianFloats(4, DIMS[0]);
        float[] scores = new float[10];
        // one caller: it gathers its own request and runs the pass on this thread, so this
        // thread's counter sees the whole call (request, batch, pass, answer)
        try (BatchingModel batching = f32.batching(4, java.time.Duration.ZERO)) {
            batching.scores(x, scores);
            long tid = Thread.currentThread().getId();
            int rounds = 500;
            double best = Double.MAX_VALUE;
            for (int window = 0; window < 60 && best >= 8.0; window++) {
                long before = counter.getThreadAllocatedBytes(tid);
                for (int i = 0; i < rounds; i++) {
                    batching.scores(x, scores);
                    batching.predict(x);
                }
                best = Math.min(best, (counter.getThreadAllocatedBytes(tid) - before) / (double) rounds);
            }
            assertThat(best).as("bytes allocated per round of 2 batching calls, best window").isLessThan(8.0);
        }
    }
}
