package dev.vecnn.kernels.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The library's own thread pool, behind the facade {@code dev.vecnn.kernels.Parallel} (which
 * users call; the kernels here call this class, below the facades). Work is split into independent tasks (output tiles), never
 * across a reduction, so results are bit-identical for any thread count.
 *
 * <p>Thread count: system property {@code vecnn.threads}, or {@link #setThreads}; default
 * {@code Runtime.availableProcessors()}. A thread can run its kernels without the pool inside
 * {@link #callSerially}.
 */
public final class Pool {
    private static volatile int threads = initialThreads();
    private static volatile ForkJoinPool pool;
    /** Per thread: how many {@link #callSerially} scopes are open. */
    private static final ThreadLocal<int[]> SERIAL = ThreadLocal.withInitial(() -> new int[1]);
    /** Per thread: the members still running of the {@link #callSharing} scope it is in, if any. */
    private static final ThreadLocal<AtomicInteger> SHARING = new ThreadLocal<>();

    private Pool() {}

    private static int initialThreads() {
        String prop = System.getProperty("vecnn.threads");
        if (prop != null && !prop.isBlank()) {
            int t = Integer.parseInt(prop.trim());
            if (t < 1) {
                throw new IllegalArgumentException("vecnn.threads must be >= 1, got " + t);
            }
            return t;
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Number of threads the kernels use: 1 inside {@link #callSerially}; inside {@link
     * #callSharing}, the thread count divided by the members still running (at least 1).
     */
    public static int threads() {
        if (SERIAL.get()[0] > 0) return 1;
        AtomicInteger members = SHARING.get();
        int t = threads;
        return members == null ? t : Math.max(1, t / Math.max(1, members.get()));
    }

    /**
     * Runs {@code body} as one of the callers counted by {@code members}, which share the
     * kernel threads: while {@code m} of them run, each one's kernels use {@code threads / m}
     * threads (at least 1); when {@code body} ends, {@code members} is decremented, so the
     * members still running get the freed threads. Count a member in before its thread starts
     * (so none runs wide while the others are about to start). The results are the same bits for
     * any thread count.
     */
    public static <T> T callSharing(AtomicInteger members,
                                    Callable<T> body) throws Exception {
        AtomicInteger outer = SHARING.get();
        SHARING.set(members);
        try {
            return body.call();
        } finally {
            members.decrementAndGet();
            if (outer == null) SHARING.remove(); else SHARING.set(outer);
        }
    }

    /**
     * Runs {@code body} with every kernel it calls on the calling thread only (as with one
     * thread; the results are the same bits either way). For callers that already keep every
     * core busy with their own threads, such as independent training runs side by side.
     */
    public static <T> T callSerially(Callable<T> body) throws Exception {
        int[] depth = SERIAL.get();
        depth[0]++;
        try {
            return body.call();
        } finally {
            depth[0]--;
        }
    }

    /** Sets the number of threads the kernels use (>= 1). */
    public static synchronized void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + count);
        }
        if (count != threads) {
            threads = count;
            // The old pool is not shut down: another thread may be about to submit to it (it
            // read the field before this change). Its idle daemon workers time out by themselves.
            pool = null;
        }
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Pool.class) {
                p = pool;
                if (p == null) {
                    p = new ForkJoinPool(threads, newThreadFactory(), null, false);
                    pool = p;
                }
            }
        }
        return p;
    }

    /** Numbers the pool's worker threads (vecnn-0, vecnn-1, ...) across pools. */
    private static final AtomicInteger WORKERS = new AtomicInteger();

    private static ForkJoinPool.ForkJoinWorkerThreadFactory newThreadFactory() {
        return fjp -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(fjp);
            // not getPoolIndex(): the pool assigns it after the factory returns (every worker was "vecnn-0")
            t.setName("vecnn-" + WORKERS.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Runs {@code body.accept(task)} for every task in {@code [0, tasks)}; on the calling thread
     * when there is one thread or one task, otherwise spread over the pool. Returns when all
     * tasks have finished.
     */
    public static void forEach(int tasks, IntConsumer body) {
        int t = threads();
        if (t == 1 || tasks <= 1 || ForkJoinTask.inForkJoinPool()) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        pool().invoke(new RangeTask(body, 0, tasks));
    }

    /**
     * Tasks [from, to): forks the upper half as a new task while more than one task is left,
     * runs task {@code from} itself, then joins what it forked (newest first). One object per
     * task ({@code invokeAll} on both halves made 2 tasks - 1).
     */
    private static final class RangeTask extends java.util.concurrent.RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient IntConsumer body;
        private final int from;
        private final int to;
        /** The task forked before this one by the same parent, joined after it. */
        private final transient RangeTask next;

        RangeTask(IntConsumer body, int from, int to) {
            this(body, from, to, null);
        }

        private RangeTask(IntConsumer body, int from, int to, RangeTask next) {
            this.body = body;
            this.from = from;
            this.to = to;
            this.next = next;
        }

        @Override
        protected void compute() {
            int hi = to;
            RangeTask forked = null;
            while (hi - from > 1) {
                int mid = (from + hi) >>> 1;
                forked = new RangeTask(body, mid, hi, forked);
                forked.fork();
                hi = mid;
            }
            body.accept(from);
            for (RangeTask t = forked; t != null; t = t.next) {
                t.join();
            }
        }
    }
}
