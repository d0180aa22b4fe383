package dev.vecnn.infer;

import dev.vecnn.kernels.FiniteCheck;
import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.kernels.SkinnyGemm;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A batching front for an {@link InferenceModel} (from {@link InferenceModel#batching}): many
 * threads each ask for one example, and the waiting examples are gathered into a single forward
 * pass of up to {@code maxBatch} rows, then each caller gets its own result. One GEMM over 8 rows
 * costs far less than 8 matrix-vector products (the weights are read once instead of 8 times),
 * so under concurrent load this raises throughput.
 *
 * <p><b>No worker thread: the callers do the work.</b> A caller queues its request and, if
 * nobody is gathering, becomes the gatherer: it collects the waiting requests (its own among
 * them) into a batch, passes the gathering role on (to the caller of the oldest request left
 * waiting, waking that one thread, or to nobody), and runs the batch's forward pass on its own
 * thread, in its own workspace. Then it hands each caller of the batch its result and wakes it.
 * Up to {@link Parallel#threads()} passes (as set when this front was made) run at once, each on
 * one thread; while they all run, the gatherer keeps adding arrivals to its batch, which leaves
 * as soon as a pass ends. So a pass costs no hop to another thread, a busy machine gets larger
 * batches, and every core computes. Waiting callers yield, then sleep ({@link LockSupport#park}), until
 * their answer comes or the gathering role is passed to them.
 *
 * <p><b>Wake-ups.</b> Each one costs a system call and, in a VM, often a trip through the
 * hypervisor, so they are spent only where needed: a caller is unparked only if it has parked
 * (it sets {@link BatchRequest#parked} before its last look at its state), and a caller that
 * queues wakes a gatherer sleeping for rows enough to start a pass beside a running one only
 * when the requests queued may now be enough ({@link #besidePassMayStart}); a pass ending wakes
 * it anyway. With 8 callers on 2 cores this cut the gatherer's wake-ups from about 0.6 to 0.2
 * per prediction. A waiting caller first yields its core ({@link Thread#yield}) for up to
 * {@code YIELD_BEFORE_PARK_NANOS} (200 us), looking at its state between yields, and parks only then:
 * an answer that comes meanwhile costs no wake-up, and the caller stays runnable on its core, where
 * the scheduler counts it, instead of being woken later onto the core that is computing the other
 * pass (seen with {@code perf sched}: a core idle for about one pass while the answered callers
 * waited behind that pass on the other core). Spinning on {@link Thread#onSpinWait} instead
 * measured slower (it keeps the core from the pass it waits for); see bench/README.md, "Wake-ups
 * and spinning". With cores to spare, a waiting caller burns at most that long of one core.
 *
 * <p><b>Same bits as a direct call.</b> Every row of a batch is computed with the operations it
 * gets alone (see {@link InferenceModel}, determinism; the bits do not depend on the thread
 * count either), so {@code predict(x)} and {@code scores(x)} return exactly what the model's own
 * methods return for x, whatever else was in the batch.
 *
 * <p><b>Gathering.</b> The gatherer takes the oldest waiting request, then keeps taking requests
 * (oldest first) until it has {@code maxBatch} of them or {@code maxDelay} has passed since the
 * first was taken ({@link Duration#ZERO}: only those already waiting), and the batch leaves when a
 * pass may start: at once when no pass runs (after yielding the core once if it has fewer rows
 * than the last batch, so callers that are runnable but not running on a busy machine can queue
 * first), beside running passes only with half the skinny GEMM's tallest strip (4 rows with 32
 * vector registers, 2 with 16) or more, and once every caller not in a running pass has queued
 * (or the batch is full). Each caller has at most one request in flight, so with N calling
 * threads a batch holds at most N rows.
 *
 * <p><b>Sharing the cores</b> (maxDelay zero). A batch that leaves as the only pass, with free
 * pass slots beside it, keeps its share of the rows ({@link #share}: half of them with two
 * slots, at least half the tallest strip) and leaves the newer rest to the next gatherer, whose
 * pass then runs beside it. Without this, with 8 callers on 2 cores, each pass took every
 * waiting caller, their answers all came back while no other pass ran, and so again: one core
 * computed 8-row passes while the other only woke callers (measured: 0.9 passes running on
 * average, Zen 5, -XX:UseAVX=2). With it two passes of about half the callers each run at once,
 * and one pass's callers are answered and queue again while the other computes.
 *
 * <p>A batch is computed with a few extra rows when that saves a pass over the weights (the
 * extra rows hold stale inputs and are discarded): with 32 vector registers the GEMM's skinny
 * kernel takes 8 rows in one pass, so 3 rows are computed as 4 and 5 to 7 as 8; with 16 (AVX2)
 * it takes 4, so 3 become 4 and 7 become 8. Where the model also holds its weights in strip
 * panels (float32 with the SIMD kernels; {@link dev.vecnn.kernels.SkinnyPanels}), which 4 and
 * 8 rows stream contiguously, every batch of 2 to 8 rows is computed as 4 or 8: all its passes
 * then read that one copy of the weights (a 2-row pass over the weights in place, or a 6-row
 * one, would read another 6 MB copy of the seed net's W1 and push the first out of the cache).
 *
 * <p><b>Failures.</b> Inputs are checked on the caller's thread before anything is queued: a
 * null, wrong-length or non-finite (NaN, infinity) input fails only that call ({@link IllegalArgumentException}). If the
 * forward pass itself throws, the callers of that batch get an {@link IllegalStateException}
 * with the cause, and other batches are computed as usual.
 *
 * <p><b>Interrupts.</b> A caller interrupted while its request waits to be gathered (also while
 * it is the gatherer and waits for more requests or for a pass to end) gets an
 * {@link InterruptedException}, and its request is dropped (its row is not computed; a request
 * already gathered keeps its slot in the batch). A caller interrupted once its batch is being
 * computed receives its result (a pass later at most) with its interrupt status set again. A
 * call made with the interrupt status already set throws at once.
 *
 * <p><b>Closing.</b> {@link #close()} stops accepting calls (later ones throw
 * {@link IllegalStateException}), lets the callers already queued be answered, without waiting
 * out {@code maxDelay}, and returns once each of them has its result. There is no thread to stop,
 * but close it when done so that late calls fail loudly.
 *
 * <p>Allocation: a calling thread reuses one request object (a {@link ThreadLocal} per batching
 * model); {@code predict} and the {@code scores} methods that fill the caller's array allocate
 * nothing in steady state.
 */
public final class BatchingModel implements AutoCloseable {
    /** The largest maxBatch accepted. */
    public static final int MAX_BATCH_LIMIT = 4096;
    /** The skinny GEMM's tallest strip (see {@link #paddedRows}). */
    private static final int STRIP_ROWS = Gemm.skinnyStripRows();
    /** True if the model's weights are also held in strip panels, which 4 and 8 rows read (see {@link #paddedRows}). */
    private final boolean stripPanels;
    /**
     * Rows a batch needs to start a pass while another runs (see {@link #mayStartPass}): half the
     * tallest strip. Measured per row of the seed net (Zen 5, one thread): with 8-row strips a pass
     * of 2 rows costs 65 us a row, of 4 rows 49, of 8 rows 37; with 4-row strips (AVX2) 2, 4 and 8
     * rows all cost about 80 us a row.
     */
    private static final int ROWS_BESIDE_A_PASS = Math.max(1, STRIP_ROWS / 2);

    /**
     * How long a waiting caller yields its core before it parks (see the class comment,
     * Wake-ups): about one 4-row pass at AVX2 on the seed net.
     */
    static final long YIELD_BEFORE_PARK_NANOS = 200_000;

    private final InferenceModel model;
    private final int maxBatch;
    private final Duration maxDelay;
    private final long maxDelayNanos;
    /** Forward passes that may run at once (the library's thread count when this front was made). */
    private final int passSlots;
    private final ThreadLocal<BatchRequest> requests = ThreadLocal.withInitial(BatchRequest::new);
    private final ThreadLocal<Pass> passes;
    /** Requests queued and not yet seen by a gatherer: a stack, newest first, linked by {@code next}. */
    private final AtomicReference<BatchRequest> arrivals = new AtomicReference<>();
    /** True while a caller holds the gathering role (passing the role on keeps it true). */
    private final AtomicBoolean gathering = new AtomicBoolean();
    /** Forward passes running now. */
    private final AtomicInteger passesRunning = new AtomicInteger();
    /** Requests queued and not yet in a batch that left (see {@link #arrivalMayStartPass}). */
    private final AtomicInteger queuedRows = new AtomicInteger();
    /** Rows gathered into the passes running now (see {@link #mayStartPass}). */
    private final AtomicInteger rowsRunning = new AtomicInteger();
    /** The gatherer while it sleeps (for more requests or for a pass to end), for others to wake. */
    private volatile Thread sleepingGatherer;
    /** Callers between their closed check and the end of their enqueue (see {@link #close()}). */
    private final AtomicInteger submitting = new AtomicInteger();
    /** Callers that have queued a request and not yet returned. */
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean closed;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong predictions = new AtomicLong();

    // ---- the gatherer's state: read and written only by the caller holding the role ----
    /** Requests taken from {@link #arrivals}, oldest first, not yet gathered. */
    private BatchRequest backlogHead;
    private BatchRequest backlogTail;
    /** The batch being gathered (kept when the role passes on before it leaves). */
    private final BatchRequest[] gathered;
    private int gatheredCount;
    /** When the batch being gathered must leave ({@code System.nanoTime()} scale; maxDelay above zero). */
    private long gatherDeadline;
    /** Rows of the last batch that left. */
    private int lastRows;

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
        this.passSlots = Parallel.threads();
        this.stripPanels = Gemm.skinnyStripPanelColumns(model.precision() == dev.vecnn.tensor.DType.FLOAT64) > 0;
        this.gathered = new BatchRequest[maxBatch];
        this.passes = ThreadLocal.withInitial(() -> new Pass(maxBatch));
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

    /** How long the gatherer waits for more requests after taking the first of a batch. */
    public Duration maxDelay() {
        return maxDelay;
    }

    /** Forward passes run so far. */
    public long batches() {
        return batches.get();
    }

    /** Rows computed so far (requests answered by a forward pass). */
    public long predictions() {
        return predictions.get();
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
        // the scalar twin: this path is inlined into the large call() and C2 has been seen to box
        // the SIMD kernel's vectors there (SteadyStateAllocationTest); one row costs about 1 us
        int bad = x instanceof float[] ? FiniteCheck.firstNonFiniteScalar(length, (float[]) x, 0)
                : FiniteCheck.firstNonFiniteScalar(length, (double[]) x, 0);
        model.refuseNonFinite(x, 0, bad, 0, 1);
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

    /** Queues one request, gathers and computes when nobody gathers, and waits for the answer. */
    private BatchRequest call(Object x, Object out) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before the call");
        }
        BatchRequest r = requests.get();
        r.input = x;
        r.out = out;
        r.waiter = Thread.currentThread();
        r.failure = null;
        r.state.set(BatchRequest.QUEUED);
        submitting.incrementAndGet();
        try {
            if (closed) {
                throw new IllegalStateException("this batching model is closed");
            }
            waiting.incrementAndGet();
            queuedRows.incrementAndGet();
            push(r);
        } finally {
            submitting.decrementAndGet();
        }
        boolean interrupted = false;
        try {
            boolean first = true;
            while (true) {
                int s = r.state.get();
                if (s == BatchRequest.DONE) {
                    break;
                }
                if (s == BatchRequest.FAILED) {
                    if (r.failure instanceof IllegalArgumentException) { // this caller's own row
                        throw new IllegalArgumentException(r.failure.getMessage(), r.failure);
                    }
                    throw new IllegalStateException("the batched forward pass failed: " + r.failure, r.failure);
                }
                if (s == BatchRequest.CANCELLED) { // interrupted while gathering
                    requests.remove(); // a later batch may still hold this object: never reuse it
                    throw new InterruptedException("interrupted while waiting for a batch");
                }
                if (s == BatchRequest.GATHER) { // the previous gatherer passed the role to this caller
                    r.state.set(BatchRequest.QUEUED);
                    gatherAndRun(r);
                    continue;
                }
                if (s == BatchRequest.QUEUED && gathering.compareAndSet(false, true)) {
                    // s may be stale: between the read and the CAS a gatherer may have taken this
                    // request into its batch and given up the role. Holding the role now, nobody
                    // else can take it, so one more read settles where it is.
                    if (r.state.get() == BatchRequest.QUEUED) {
                        gatherAndRun(r);
                    } else {
                        handOffGathering();
                    }
                    continue;
                }
                if (first && (maxDelayNanos > 0 || arrivalMayStartPass())) {
                    wake(sleepingGatherer); // it may be waiting out maxDelay, or for rows enough for a pass beside others
                }
                first = false;
                r.awaitChangeFrom(s, this, YIELD_BEFORE_PARK_NANOS);
                if (Thread.interrupted()) {
                    if (r.state.compareAndSet(BatchRequest.QUEUED, BatchRequest.CANCELLED)) {
                        requests.remove();
                        throw new InterruptedException("interrupted while waiting for a batch");
                    }
                    if (r.state.get() == BatchRequest.GATHER) { // handed the role, request not gathered yet
                        r.state.set(BatchRequest.CANCELLED);
                        requests.remove();
                        handOffGathering();
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

    private void push(BatchRequest r) {
        BatchRequest head;
        do {
            head = arrivals.get();
            r.next = head;
        } while (!arrivals.compareAndSet(head, r));
    }

    private static void wake(Thread t) {
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /**
     * Stops accepting calls, lets the callers already queued be answered, and returns once every
     * one of them has returned. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        // a caller that saw closed == false is counted in submitting until its push returns
        while (submitting.get() > 0) {
            Thread.onSpinWait();
        }
        while (waiting.get() > 0) {
            wake(sleepingGatherer); // it stops waiting out maxDelay once it sees closed
            Thread.yield();
        }
    }

    // ---- the gathering role ----

    /**
     * Holding the gathering role: gathers a batch, passes the role on, and computes the batch.
     * Returns with the role passed on; {@code own} may still be queued (it did not fit the batch)
     * or cancelled (interrupted while gathering).
     */
    private void gatherAndRun(BatchRequest own) {
        Pass pass = passes.get();
        int rows = 0;
        try {
            if (!gather(own)) {
                return; // own was cancelled
            }
            for (int i = 0; i < gatheredCount; i++) { // the batch leaves: its requests can no longer be cancelled
                if (gathered[i].state.compareAndSet(BatchRequest.QUEUED, BatchRequest.TAKEN)) {
                    pass.batch[rows++] = gathered[i];
                }
            }
            pass.slotRows = gatheredCount;
            Arrays.fill(gathered, 0, gatheredCount, null);
            gatheredCount = 0;
        } finally {
            handOffGathering();
        }
        run(pass, rows);
    }

    /**
     * Fills the batch from the waiting requests, oldest first, until it may leave: it is full or
     * its delay is over, and it may start a pass ({@link #mayStartPass}; the slot is taken on
     * return). Before starting a pass on idle cores with fewer rows than the last batch had, it
     * yields its core once. Returns false instead if the gatherer was interrupted while sleeping
     * (its own request is then cancelled).
     */
    private boolean gather(BatchRequest own) {
        boolean yielded = false;
        while (true) {
            while (gatheredCount < maxBatch) {
                BatchRequest r = nextWaiting();
                if (r == null) {
                    break;
                }
                if (gatheredCount == 0 && maxDelayNanos > 0) {
                    gatherDeadline = System.nanoTime() + Math.min(maxDelayNanos, Long.MAX_VALUE / 4);
                }
                gathered[gatheredCount++] = r;
            }
            if (gatheredCount == 0) {
                throw new IllegalStateException("the gatherer's own request is neither queued nor gathered");
            }
            long left = 0;
            if (gatheredCount < maxBatch && maxDelayNanos > 0) {
                if (closed) { // every request accepted before close has been pushed once submitting is 0
                    while (submitting.get() > 0) {
                        Thread.onSpinWait();
                    }
                    if (arrivals.get() != null) {
                        continue;
                    }
                } else {
                    left = gatherDeadline - System.nanoTime();
                }
            }
            if (left <= 0 && !yielded && gatheredCount < lastRows && passesRunning.get() == 0) {
                // fewer rows than the last batch and the cores free: callers answered by the last
                // pass may be runnable but not yet running (a busy machine); let them queue first
                yielded = true;
                Thread.yield();
                continue;
            }
            if (left <= 0 && takePassSlot()) {
                if (maxDelayNanos == 0 && passesRunning.get() == 1) {
                    leaveShareForIdleSlots();
                }
                lastRows = gatheredCount;
                queuedRows.addAndGet(-gatheredCount);
                rowsRunning.addAndGet(gatheredCount);
                return true;
            }
            sleepingGatherer = Thread.currentThread();
            // re-check after publishing the thread: arrivals, passes ending and close wake it
            if (!somethingToDo(left)) {
                if (left > 0) {
                    LockSupport.parkNanos(this, left);
                } else {
                    LockSupport.park(this);
                }
            }
            sleepingGatherer = null;
            if (Thread.interrupted() && own.state.compareAndSet(BatchRequest.QUEUED, BatchRequest.CANCELLED)) {
                return false;
            }
        }
    }

    /**
     * True if the gatherer need not sleep: requests arrived that it may still take (its delay runs,
     * or a pass slot is free), close was called, or its batch may start a pass now.
     */
    private boolean somethingToDo(long left) {
        boolean more = (left > 0 || passesRunning.get() < passSlots) && (arrivals.get() != null || closed);
        return more || left <= 0 && mayStartPass(passesRunning.get());
    }

    /**
     * A batch may leave when no pass runs, or when a pass slot is free and the batch has rows
     * enough ({@link #ROWS_BESIDE_A_PASS}, or maxBatch when smaller) to be worth a pass of its
     * own beside the running ones: a pass of one or two rows costs a whole read of the weights,
     * and under load it is better to let the batch grow until a pass ends.
     */
    private boolean mayStartPass(int running) {
        return running == 0 || (running < passSlots && gatheredCount >= Math.min(ROWS_BESIDE_A_PASS, maxBatch)
                && gatheredCount >= Math.min(maxBatch, waiting.get() - rowsRunning.get()));
    }

    /**
     * Seen by a caller that has just queued (maxDelay zero): true if the gatherer, sleeping for
     * rows enough to start a pass beside the running ones, may now have them. Only then does the
     * caller wake it; otherwise the gatherer sleeps on until more callers queue or a pass ends
     * (which wakes it too, so a wrong guess here costs time, never progress). Waking it for every
     * arrival, as before, cost about one wake-up per prediction, most of them for nothing.
     */
    private boolean arrivalMayStartPass() {
        int running = passesRunning.get();
        return besidePassMayStart(running, passSlots, queuedRows.get(), maxBatch,
                waiting.get() - rowsRunning.get(), ROWS_BESIDE_A_PASS);
    }

    /**
     * {@link #mayStartPass}, guessed from outside the gatherer: every one of the {@code queued}
     * requests not yet in a pass (up to {@code maxBatch}) counted as gathered. {@code notRunning}:
     * callers waiting and not in a running pass.
     */
    static boolean besidePassMayStart(int running, int slots, int queued, int maxBatch, int notRunning,
                                      int rowsBeside) {
        if (running == 0) {
            return true;
        }
        int rows = Math.min(queued, maxBatch);
        return running < slots && rows >= Math.min(rowsBeside, maxBatch) && rows >= Math.min(maxBatch, notRunning);
    }

    /**
     * Starting the only pass with free slots beside it: keeps this batch's share of the rows
     * (its oldest {@code ceil(rows / passSlots)}, at least {@link #ROWS_BESIDE_A_PASS}) and puts
     * the newer rest back at the head of the backlog, where the next gatherer takes them for a
     * pass of its own beside this one. Without it, the callers of one pass all come back while
     * no other pass runs and form one batch again, and one core computes while the other only
     * wakes callers.
     */
    private void leaveShareForIdleSlots() {
        int keep = share(gatheredCount, passSlots, ROWS_BESIDE_A_PASS);
        if (keep == gatheredCount) {
            return;
        }
        for (int i = gatheredCount - 1; i >= keep; i--) { // newest first onto the head: oldest first again
            BatchRequest r = gathered[i];
            gathered[i] = null;
            r.next = backlogHead;
            backlogHead = r;
            if (backlogTail == null) {
                backlogTail = r;
            }
        }
        gatheredCount = keep;
    }

    /**
     * Rows the first of {@code slots} passes keeps out of {@code rows} gathered: its even share
     * ({@code ceil(rows / slots)}), but at least {@code minRows}, and all of them when the rest
     * would be fewer than {@code minRows} (too few for a pass of their own beside it).
     */
    static int share(int rows, int slots, int minRows) {
        int keep = Math.max(minRows, (rows + slots - 1) / slots);
        return rows - keep < minRows ? rows : keep;
    }

    private boolean takePassSlot() {
        while (true) {
            int running = passesRunning.get();
            if (!mayStartPass(running)) {
                return false;
            }
            if (passesRunning.compareAndSet(running, running + 1)) {
                return true;
            }
        }
    }

    private void releasePassSlot(int rows) {
        rowsRunning.addAndGet(-rows);
        passesRunning.decrementAndGet();
        wake(sleepingGatherer);
    }

    /** The oldest request not yet gathered, or null; moves new arrivals to the backlog first. */
    private BatchRequest nextWaiting() {
        if (backlogHead == null) {
            takeArrivals();
        }
        BatchRequest r = backlogHead;
        if (r != null) {
            backlogHead = r.next;
            if (backlogHead == null) {
                backlogTail = null;
            }
            r.next = null;
        }
        return r;
    }

    /** Appends the arrivals stack to the backlog, oldest first. */
    private void takeArrivals() {
        BatchRequest r = arrivals.getAndSet(null);
        if (r == null) {
            return;
        }
        BatchRequest newest = r;
        BatchRequest oldest = null;
        while (r != null) { // reverse the stack
            BatchRequest older = r.next;
            r.next = oldest;
            oldest = r;
            r = older;
        }
        if (backlogTail == null) {
            backlogHead = oldest;
        } else {
            backlogTail.next = oldest;
        }
        backlogTail = newest;
    }

    /**
     * Leaves the gathering role: passes it to the caller of the oldest request still queued
     * (gathered or not), waking that one thread, or gives it up when none is.
     */
    private void handOffGathering() {
        while (true) {
            takeArrivals();
            BatchRequest next = firstQueued();
            if (next != null) {
                if (next.state.compareAndSet(BatchRequest.QUEUED, BatchRequest.GATHER)) {
                    next.wakeIfParked(next.waiter);
                    return;
                }
                continue; // cancelled meanwhile: look again
            }
            gathering.set(false);
            // a caller that pushed before this and found the role taken relies on this check
            if (arrivals.get() == null || !gathering.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private BatchRequest firstQueued() {
        for (int i = 0; i < gatheredCount; i++) {
            if (gathered[i].state.get() == BatchRequest.QUEUED) {
                return gathered[i];
            }
        }
        for (BatchRequest r = backlogHead; r != null; r = r.next) {
            if (r.state.get() == BatchRequest.QUEUED) {
                return r;
            }
        }
        return null;
    }

    // ---- the forward pass ----

    /** Computes the first {@code rows} requests of the pass (holding a pass slot), and wakes their callers. */
    private void run(Pass pass, int rows) {
        BatchRequest[] batch = pass.batch;
        boolean slotHeld = true;
        try {
            if (rows == 0) {
                return;
            }
            int in = model.inputDim();
            int classes = model.numClasses();
            int computed = paddedRows(rows, maxBatch, STRIP_ROWS, stripPanels);
            Object input = model.batchInput(computed);
            for (int i = 0; i < rows; i++) {
                InferenceModel.copy(batch[i].input, 0, input, i * in, in);
            }
            pass.rows = computed;
            Object scores = passSlots == 1 ? pass.call() : Parallel.callSerially(pass);
            releasePassSlot(pass.slotRows); // the next batch may leave while this one's callers are answered
            slotHeld = false;
            for (int i = 0; i < rows; i++) {
                BatchRequest r = batch[i];
                if (r.out != null) {
                    InferenceModel.copy(scores, i * classes, r.out, 0, classes);
                }
                r.label = InferenceModel.argmax(scores, i * classes, classes);
                if (r.out == null && InferenceModel.isNaN(scores, i * classes + r.label)) {
                    // predict(row) refuses a row with NaN scores, as the model's own predict does
                    r.failure = new IllegalArgumentException(InferenceModel.nanRow(r.input, 0, in, 0));
                }
            }
            predictions.addAndGet(rows);
            batches.incrementAndGet();
            for (int i = 0; i < rows; i++) {
                batch[i].finish(batch[i].failure == null ? BatchRequest.DONE : BatchRequest.FAILED);
            }
        } catch (Exception | Error e) {
            for (int i = 0; i < rows; i++) {
                batch[i].failure = e;
                batch[i].finish(BatchRequest.FAILED);
            }
        } finally {
            Arrays.fill(batch, 0, rows, null);
            if (slotHeld) {
                releasePassSlot(pass.slotRows);
            }
        }
    }

    /**
     * Rows to compute for {@code rows} gathered ones: the next power of two when the buffer has
     * room and the skinny GEMM (at most {@value SkinnyGemm#MAX_ROWS} rows, in strips of
     * {@code tallestStrip}, 4, 2 or 1) then needs fewer passes over the weights. With 8-row strips
     * 3 rows become 4 and 5..7 become 8 (one pass instead of two or three); with 4-row strips
     * (16 vector registers) 3 become 4 and 7 become 8, while 5 and 6 stay (two passes either way).
     * The extra rows hold earlier inputs (or zeros); rows never mix, so they change nothing in
     * the real rows, and their scores are not read.
     */
    static int paddedRows(int rows, int capacity, int tallestStrip, boolean stripPanels) {
        if (rows <= 1 || rows > SkinnyGemm.MAX_ROWS) {
            return rows;
        }
        if (stripPanels && (rows <= 4 ? 4 : 8) <= capacity) {
            return rows <= 4 ? 4 : 8;
        }
        int padded = Integer.highestOneBit(rows - 1) << 1;
        return padded <= capacity && strips(padded, tallestStrip) < strips(rows, tallestStrip) ? padded : rows;
    }

    /** Passes of the skinny GEMM over the weights for {@code rows} rows ({@code SkinnyGemm}'s strips). */
    private static int strips(int rows, int tallestStrip) {
        int passes = 0;
        while (rows > 0) {
            rows -= rows >= tallestStrip ? tallestStrip : rows >= 4 ? 4 : rows >= 2 ? 2 : 1;
            passes++;
        }
        return passes;
    }

    /**
     * One thread's batch on its way to the forward pass (reused): the requests, then the rows to
     * compute. A {@link Callable} so that {@link Parallel#callSerially} takes it without a lambda.
     */
    private final class Pass implements Callable<Object> {
        final BatchRequest[] batch;
        int rows;
        /** Rows this pass added to {@link #rowsRunning} when it took its slot. */
        int slotRows;

        Pass(int maxBatch) {
            batch = new BatchRequest[maxBatch];
        }

        @Override
        public Object call() {
            return model.runBatchInput(rows);
        }
    }
}
