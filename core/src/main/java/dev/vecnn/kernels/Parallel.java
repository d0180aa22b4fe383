package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.Pool;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The library's own thread pool. Work is split into independent tasks (output tiles), never
 * across a reduction, so results are bit-identical for any thread count.
 *
 * <p>Thread count: system property {@code vecnn.threads}, or {@link #setThreads}; default
 * {@code Runtime.availableProcessors()}. A thread can run its kernels without the pool inside
 * {@link #callSerially}. (The pool itself is in the kernels' internal package, where the GEMM
 * driver uses it.)
 */
public final class Parallel {
    private Parallel() {}

    /** Number of threads the kernels use (1 inside {@link #callSerially}). */
    public static int threads() {
        return Pool.threads();
    }

    /**
     * Runs {@code body} with every kernel it calls on the calling thread only (as with one
     * thread; the results are the same bits either way). For callers that already keep every
     * core busy with their own threads, such as independent training runs side by side.
     */
    public static <T> T callSerially(Callable<T> body) throws Exception {
        return Pool.callSerially(body);
    }

    /**
     * Runs {@code body} as one of {@code members} callers that share the kernel threads: while
     * {@code m} of them are running, each one's kernels use {@code threads() / m} threads (at
     * least 1); when {@code body} returns or throws, {@code members} is decremented and the others
     * get the freed threads. Set {@code members} to the number of callers before any starts. For
     * independent runs side by side, which keep the cores busy together, and the last of which
     * then has them all (the results are the same bits either way).
     */
    public static <T> T callSharing(AtomicInteger members, Callable<T> body) throws Exception {
        return Pool.callSharing(members, body);
    }

    /** Sets the number of threads the kernels use (>= 1). */
    public static void setThreads(int count) {
        Pool.setThreads(count);
    }

    /**
     * Runs {@code body.accept(task)} for every task in {@code [0, tasks)}; on the calling thread
     * when there is one thread or one task, otherwise spread over the pool. Returns when all
     * tasks have finished.
     */
    public static void forEach(int tasks, IntConsumer body) {
        Pool.forEach(tasks, body);
    }
}
