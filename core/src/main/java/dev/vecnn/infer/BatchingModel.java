package dev.vecnn.infer;

import dev.vecnn.tensor.DType;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A batching front for an {@link InferenceModel} (from {@link InferenceModel#batching}): many
 * threads each ask for one example, and one worker thread gathers the waiting examples into a
 * single forward pass of up to {@code maxBatch} rows, then hands each caller its own result.
 * One GEMM over 8 rows costs far less than 8 matrix-vector products (the weights are read once
 * instead of 8 times), so under concurrent load this raises throughput.
 *
 * <p><b>Same bits as a direct call.</b> Every row of a batch is computed with the operations it
 * gets alone (see {@link InferenceModel}, determinism), so {@code predict(x)} and
 * {@code scores(x)} return exactly what the model's own methods return for x, whatever else was
 * in the batch.
 *
 * <p><b>Gathering.</b> The worker takes the first waiting request, then keeps taking requests
 * until it has {@code maxBatch} of them or {@code maxDelay} has passed since it took the first
 * ({@link Duration#ZERO}: only those already waiting). Each caller has at most one request in
 * flight, so with N calling threads a batch holds at most N rows.
 *
 * <p>A batch of 3 or of 5 to 7 rows is computed as 4 or 8 rows (the extra rows hold stale
 * inputs and are discarded): the GEMM's skinny kernel then reads the weights once, not two or
 * three times.
 *
 * <p><b>Failures.</b> Inputs are checked on the caller's thread before anything is queued: a
 * null or wrong-length input fails only that call ({@link IllegalArgumentException}). If the
 * forward pass itself throws, the callers of that batch get an {@link IllegalStateException}
 * with the cause, and the worker goes on with the next batch.
 *
 * <p><b>Interrupts.</b> A caller interrupted while its request waits to be gathered gets an
 * {@link InterruptedException}, and its request is dropped (its row is not computed). A caller
 * interrupted once its batch is being computed receives its result (a few hundred microseconds
 * later at most) with its interrupt status set again. A call made with the interrupt status
 * already set throws at once.
 *
 * <p><b>Closing.</b> {@link #close()} stops accepting calls (later ones throw
 * {@link IllegalStateException}), lets the worker finish every request already queued, without
 * waiting out {@code maxDelay}, and returns when the worker thread has ended. Close it when done:
 * the worker is a daemon thread, but it holds the model until closed.
 *
 * <p>Allocation: a calling thread reuses one request object (a {@link ThreadLocal} per batching
 * model); {@code predict} and the {@code scores} methods that fill the caller's array allocate
 * nothing in steady state.
 */
public final class BatchingModel implements AutoCloseable {
    /** The largest maxBatch accepted. */
    public static final int MAX_BATCH_LIMIT = 4096;
    private static final Request POISON = new Request();
    private static final AtomicInteger WORKERS = new AtomicInteger();

    private final InferenceModel model;
    private final int maxBatch;
    private final Duration maxDelay;
    private final long maxDelayNanos;
    private final ArrayBlockingQueue<Request> queue;
    private final ThreadLocal<Request> requests = ThreadLocal.withInitial(Request::new);
    private final Thread worker;
    /** Callers between their closed check and the end of their enqueue (see {@link #close()}). */
    private final AtomicInteger submitting = new AtomicInteger();
    /** Callers that have queued a request and not yet returned. */
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicBoolean closeStarted = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile long batches;
    private volatile long predictions;

    /** The worker's batch buffers, in the model's precision. */
    private final Object batchIn;
    private final Object batchOut;

    BatchingModel(InferenceModel model, int maxBatch, Duration maxDelay) {
        if (maxBatch < 1 || maxBatch > MAX_BATCH_LIMIT) {
            throw new IllegalArgumentException("maxBatch must be in [1, " + MAX_BATCH_LIMIT + "], got " + maxBatch);
        }
        if (maxDelay == null) {
            throw new IllegalArgumentException("maxDelay must not be null (Duration.ZERO: no waiting)");
        }
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must be >= 0, got " + maxDelay);
        }
        this.model = model;
        this.maxBatch = maxBatch;
        this.maxDelay = maxDelay;
        this.maxDelayNanos = saturatedNanos(maxDelay);
        this.queue = new ArrayBlockingQueue<>(Math.max(1024, 4 * maxBatch));
        boolean single = model.precision() == DType.FLOAT32;
        int in = model.inputDim();
        int classes = model.numClasses();
        this.batchIn = single ? new float[maxBatch * in] : new double[maxBatch * in];
        this.batchOut = single ? new float[maxBatch * classes] : new double[maxBatch * classes];
        this.worker = new Thread(this::work, "vecnn-batching-" + WORKERS.incrementAndGet());
        worker.setDaemon(true);
        worker.start();
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** The model this front calls. */
    public InferenceModel model() {
        return model;
    }

    /** The most rows one forward pass gathers. */
    public int maxBatch() {
        return maxBatch;
    }

    /** How long the worker waits for more requests after taking the first of a batch. */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** Forward passes run so far. */
    public long batches() {
        return batches;
    }

    /** Rows computed so far (requests answered by a forward pass). */
    public long predictions() {
        return predictions;
    }

    /** Callers waiting for a result right now (their request queued or being computed). */
    public int waitingCallers() {
        return waiting.get();
    }

    /** True once {@link #close()} has been called. */
    public boolean isClosed() {
        return closed;
    }

    // ---- calls ----

    /** Predicted class of one example ({@link InferenceModel#predict(float[])}, the same label). */
    public int predict(float[] x) throws InterruptedException {
        return call(checkInput(x == null ? -1 : x.length, x), null).label;
    }

    /** Double-array twin of {@link #predict(float[])}. */
    public int predict(double[] x) throws InterruptedException {
        return call(checkInput(x == null ? -1 : x.length, x), null).label;
    }

    /** Class scores of one example: a new array of {@code numClasses} values, the bits of {@code model().scores(x, 1)}. */
    public float[] scores(float[] x) throws InterruptedException {
        float[] out = new float[model.numClasses()];
        scores(x, out);
        return out;
    }

    /** Double-array twin of {@link #scores(float[])}. */
    public double[] scores(double[] x) throws InterruptedException {
        double[] out = new double[model.numClasses()];
        scores(x, out);
        return out;
    }

    /**
     * Class scores of one example into {@code out[0 .. numClasses)}; returns the predicted class.
     * Allocates nothing in steady state.
     */
    public int scores(float[] x, float[] out) throws InterruptedException {
        return call(checkInput(x == null ? -1 : x.length, x), checkOut(out == null ? -1 : out.length, out)).label;
    }

    /** Double-array twin of {@link #scores(float[], float[])}. */
    public int scores(double[] x, double[] out) throws InterruptedException {
        return call(checkInput(x == null ? -1 : x.length, x), checkOut(out == null ? -1 : out.length, out)).label;
    }

    private Object checkInput(int length, Object x) {
        if (length < 0) {
            throw new IllegalArgumentException("x must not be null");
        }
        if (length != model.inputDim()) {
            throw new IllegalArgumentException("x must hold inputDim = " + model.inputDim()
                    + " values (one example), got " + length);
        }
        return x;
    }

    private Object checkOut(int length, Object out) {
        if (length < 0) {
            throw new IllegalArgumentException("out must not be null");
        }
        if (length < model.numClasses()) {
            throw new IllegalArgumentException("out must hold at least numClasses = " + model.numClasses()
                    + " values, got " + length);
        }
        return out;
    }

    /** Queues one request and waits for it; see the class comment for interrupts and closing. */
    private Request call(Object x, Object out) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before the call");
        }
        Request r = requests.get();
        r.input = x;
        r.out = out;
        r.waiter = Thread.currentThread();
        r.failure = null;
        r.state.set(Request.QUEUED);
        submitting.incrementAndGet();
        try {
            if (closed) {
                throw new IllegalStateException("this batching model is closed");
            }
            queue.put(r);
            waiting.incrementAndGet();
        } finally {
            submitting.decrementAndGet();
        }
        boolean interrupted = false;
        try {
            while (true) {
                int s = r.state.get();
                if (s == Request.DONE) {
                    break;
                }
                if (s == Request.FAILED) {
                    throw new IllegalStateException("the batched forward pass failed: " + r.failure, r.failure);
                }
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    if (r.state.compareAndSet(Request.QUEUED, Request.CANCELLED)) {
                        requests.remove(); // the worker may still hold this object: never reuse it
                        throw new InterruptedException("interrupted while waiting for a batch");
                    }
                    interrupted = true; // already being computed: wait for the result
                }
            }
        } finally {
            waiting.decrementAndGet();
            r.input = null;
            r.out = null;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return r;
    }

    /**
     * Stops accepting calls, lets the worker answer every request already queued, and waits for
     * the worker thread to end. Idempotent; an interrupt during the wait is kept as the thread's
     * interrupt status.
     */
    @Override
    public void close() {
        boolean interrupted = false;
        if (closeStarted.compareAndSet(false, true)) {
            closed = true;
            // a caller that saw closed == false is counted in submitting until its put returns, so
            // once this reaches 0 no request can follow the poison pill into the queue
            while (submitting.get() > 0) {
                Thread.onSpinWait();
            }
            while (true) {
                try {
                    queue.put(POISON);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        while (worker.isAlive()) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the worker ----

    private void work() {
        Request[] batch = new Request[maxBatch];
        boolean stop = false;
        while (!stop) {
            int count = 0;
            try {
                Request first = queue.take();
                if (first == POISON) {
                    break;
                }
                batch[count++] = first;
                long deadline = maxDelayNanos == 0 ? 0 : System.nanoTime() + Math.min(maxDelayNanos, Long.MAX_VALUE / 4);
                while (count < maxBatch) {
                    Request r = queue.poll();
                    if (r == null && maxDelayNanos > 0) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            break;
                        }
                        r = queue.poll(left, TimeUnit.NANOSECONDS);
                    }
                    if (r == null) {
                        break;
                    }
                    if (r == POISON) {
                        stop = true;
                        break;
                    }
                    batch[count++] = r;
                }
            } catch (InterruptedException e) {
                // nobody interrupts the worker; if someone does, answer what was gathered and go on
            }
            run(batch, count);
            java.util.Arrays.fill(batch, 0, count, null);
        }
    }

    /** Computes the gathered requests that were not cancelled, and wakes their callers. */
    private void run(Request[] gathered, int count) {
        int rows = 0;
        for (int i = 0; i < count; i++) {
            if (gathered[i].state.compareAndSet(Request.QUEUED, Request.TAKEN)) {
                gathered[rows++] = gathered[i];
            }
        }
        if (rows == 0) {
            return;
        }
        int in = model.inputDim();
        int classes = model.numClasses();
        try {
            for (int i = 0; i < rows; i++) {
                InferenceModel.copy(gathered[i].input, 0, batchIn, i * in, in);
            }
            int computed = paddedRows(rows, maxBatch);
            if (batchIn instanceof float[]) {
                model.scores((float[]) batchIn, 0, computed, (float[]) batchOut, 0);
            } else {
                model.scores((double[]) batchIn, 0, computed, (double[]) batchOut, 0);
            }
            for (int i = 0; i < rows; i++) {
                Request r = gathered[i];
                if (r.out != null) {
                    InferenceModel.copy(batchOut, i * classes, r.out, 0, classes);
                }
                r.label = InferenceModel.argmax(batchOut, i * classes, classes);
            }
            predictions = predictions + rows;
            batches = batches + 1;
            for (int i = 0; i < rows; i++) {
                gathered[i].finish(Request.DONE);
            }
        } catch (RuntimeException | Error e) {
            for (int i = 0; i < rows; i++) {
                gathered[i].failure = e;
                gathered[i].finish(Request.FAILED);
            }
        }
    }

    /**
     * Rows to compute for {@code rows} gathered ones: up to the next strip height of the skinny
     * GEMM (1, 2, 4, 8) when the buffer has room, so 5..7 rows take one pass over the weights
     * instead of three (4 + 2 + 1). The extra rows hold earlier inputs (or zeros); rows never
     * mix, so they change nothing in the real rows, and their scores are not read.
     */
    static int paddedRows(int rows, int capacity) {
        int padded = rows <= 2 ? rows : rows <= 4 ? 4 : rows <= 8 ? 8 : rows;
        return Math.min(padded, capacity);
    }

    /** One caller's request; reused by its thread unless cancelled. */
    private static final class Request {
        static final int QUEUED = 0;
        static final int TAKEN = 1;
        static final int DONE = 2;
        static final int FAILED = 3;
        static final int CANCELLED = 4;

        final AtomicInteger state = new AtomicInteger(DONE);
        Object input;
        Object out;
        int label;
        Throwable failure;
        Thread waiter;

        void finish(int outcome) {
            Thread t = waiter;
            state.set(outcome);
            LockSupport.unpark(t);
        }
    }
}
