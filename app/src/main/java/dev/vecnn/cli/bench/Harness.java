package dev.vecnn.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A small timing harness that follows JMH's rules without JMH (the library jar has no runtime
 * dependencies, so {@code vecnn bench} cannot ship JMH):
 * <ul>
 *   <li><b>Warm-up until C2's code runs.</b> The operation runs in batches of at least
 *       {@code minSampleSeconds}; warm-up ends when three batches in a row agree within 3%, the
 *       JIT compilers finished nothing during the last one (the compiled code is in place and
 *       steady) and at least {@code minWarmupSeconds} have passed, or after
 *       {@code maxWarmupSeconds} (both on the measuring clock; wall-clock backstop: 4x the
 *       maximum). The Vector API only becomes SIMD in C2's code; the
 *       interpreter and C1 run its slow Java fallback, and on a busy machine C2 may take a while:
 *       without the floor, three equally slow batches of the fallback once passed for steady
 *       (the dropout-mask kernel measured at a tenth of its speed).</li>
 *   <li><b>Nothing is optimised away.</b> Every call returns a value computed from its output
 *       (e.g. one element of C), and all of them are summed into a volatile field: a blackhole.</li>
 *   <li><b>Best and median</b> of {@code samples} timed batches, each long enough
 *       ({@code minSampleSeconds}) for the clock's resolution not to matter. The median is the
 *       figure reported (close to JMH's average over iterations); the best is kept in the JSON.</li>
 *   <li><b>No fork.</b> JMH runs each benchmark in a fresh JVM so one benchmark's profile cannot
 *       slow another's compiled code. Here every kernel is reached through the same facade the
 *       library uses in training (each sees many shapes anyway), forking would need the user's
 *       exact JVM flags and would repeat the JVM's start and the warm-up for each of ~60
 *       measurements, well past the time budget. The cost of not forking is checked instead:
 *       the GEMM figures are compared with bench/'s JMH GemmBench (forked): docs/bench.md.</li>
 *   <li><b>Which clock.</b> Work on one thread (the calling thread) is timed by that thread's CPU
 *     time ({@link Clock#THREAD_CPU}), as {@code GemmCpuTime} and {@code gemm_numpy.py --cpu-time}
 *     do: on a machine shared with other jobs, wall-clock time counts the time the thread waited
 *     for a core, and a quick run's few short batches rarely get one undisturbed. Work on
 *     several threads is timed by the wall clock (their CPU times add up, the wait does not).</li>
 * </ul>
 * Work that does not depend on the thread count is run on the calling thread.
 */
public final class Harness {
    /** One measured operation; returns something computed from its result (the blackhole eats it). */
    @FunctionalInterface
    public interface Op {
        double run();
    }

    /** What a batch is timed by. */
    public enum Clock {
        /** Elapsed time ({@link System#nanoTime}). */
        WALL,
        /** CPU time of the calling thread; wall when the JVM cannot read it. */
        THREAD_CPU
    }

    /** Seconds per call: the best and the median over the samples, by {@code clock}. */
    public record Timing(double bestSeconds, double medianSeconds, int samples, int callsPerSample, double warmupSeconds,
                         Clock clock) {}

    /** How long to warm up and measure. */
    public record Budget(double minSampleSeconds, int samples, double minWarmupSeconds, double maxWarmupSeconds) {
        public static final Budget QUICK = new Budget(0.04, 5, 0.3, 1.2);
        public static final Budget FULL = new Budget(0.1, 8, 1.5, 4);
    }

    private static volatile double sink;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean THREAD_CPU = cpuTimeSupported();
    private static final CompilationMXBean JIT = jit();
    /** The warm-up also ends after this many times its maximum in wall-clock time. */
    private static final double WALL_BACKSTOP = 4;

    private Harness() {}

    /** The clock for work on {@code threads} threads: the thread's CPU time for one, else the wall clock. */
    public static Clock clockFor(int threads) {
        return threads == 1 && THREAD_CPU ? Clock.THREAD_CPU : Clock.WALL;
    }

    /** Warms {@code op} up, then times it by the wall clock; see the class comment. */
    public static Timing measure(Op op, Budget budget) {
        return measure(op, budget, Clock.WALL);
    }

    /** Warms {@code op} up, then times it by {@code clock}; see the class comment. */
    public static Timing measure(Op op, Budget budget, Clock clock) {
        Clock used = clock == Clock.THREAD_CPU && !THREAD_CPU ? Clock.WALL : clock;
        long warmStart = System.nanoTime();
        double clockStart = now(used);
        int calls = 1;
        // Find how many calls make a batch of at least minSampleSeconds (counts as warm-up).
        while (true) {
            double t = timed(op, calls, used);
            if (t >= budget.minSampleSeconds() || calls >= 1 << 24) {
                break;
            }
            calls = (int) Math.min(1 << 24, Math.max(calls * 2L, (long) Math.ceil(calls * budget.minSampleSeconds() / Math.max(t, 1e-9) * 1.1)));
        }
        // Warm-up limits count on the measuring clock (the thread's own CPU time for one thread,
        // so a busy machine does not cut the warm-up short), with a wall-clock backstop.
        double[] last = {Double.NaN, Double.NaN, Double.NaN};
        int seen = 0;
        while (now(used) - clockStart < budget.maxWarmupSeconds()
                && (System.nanoTime() - warmStart) / 1e9 < WALL_BACKSTOP * budget.maxWarmupSeconds()) {
            long jitBefore = jitMillis();
            last[seen++ % 3] = timed(op, calls, used) / calls;
            boolean compiled = jitMillis() != jitBefore;
            if (seen >= 3 && !compiled && now(used) - clockStart >= budget.minWarmupSeconds()) {
                double min = Math.min(last[0], Math.min(last[1], last[2]));
                double max = Math.max(last[0], Math.max(last[1], last[2]));
                if (max <= min * 1.03) {
                    break;
                }
            }
        }
        // Size the timed batches again from the warmed-up speed: the first calls (interpreted,
        // or C1) can take longer than a whole batch, which left batches of one short call.
        double warmCall = Double.isNaN(last[(seen + 2) % 3]) ? timed(op, calls, used) / calls : last[(seen + 2) % 3];
        calls = (int) Math.max(calls, Math.min(1 << 24, Math.ceil(budget.minSampleSeconds() / Math.max(warmCall, 1e-9))));
        double warm = (System.nanoTime() - warmStart) / 1e9;
        double[] perCall = new double[budget.samples()];
        for (int s = 0; s < perCall.length; s++) {
            perCall[s] = timed(op, calls, used) / calls;
        }
        Arrays.sort(perCall);
        double median = perCall.length % 2 == 1 ? perCall[perCall.length / 2]
                : (perCall[perCall.length / 2 - 1] + perCall[perCall.length / 2]) / 2;
        return new Timing(perCall[0], median, perCall.length, calls, warm, used);
    }

    /** Seconds by {@code clock} for {@code calls} calls of {@code op}. */
    private static double timed(Op op, int calls, Clock clock) {
        return clock == Clock.THREAD_CPU ? cpuBatch(op, calls) : batch(op, calls);
    }

    /** Now by {@code clock}, in seconds from an arbitrary origin. */
    private static double now(Clock clock) {
        return (clock == Clock.THREAD_CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime()) / 1e9;
    }

    /** Total milliseconds the JIT compilers have spent so far, or 0 when the JVM does not say. */
    private static long jitMillis() {
        return JIT != null ? JIT.getTotalCompilationTime() : 0;
    }

    private static CompilationMXBean jit() {
        CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
        return bean != null && bean.isCompilationTimeMonitoringSupported() ? bean : null;
    }

    /** CPU seconds of the calling thread for {@code calls} calls of {@code op}. */
    private static double cpuBatch(Op op, int calls) {
        double consumed = 0;
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            consumed += op.run();
        }
        long t1 = THREADS.getCurrentThreadCpuTime();
        sink += consumed;
        return (t1 - t0) / 1e9;
    }

    private static boolean cpuTimeSupported() {
        try {
            if (!THREADS.isCurrentThreadCpuTimeSupported()) {
                return false;
            }
            if (!THREADS.isThreadCpuTimeEnabled()) {
                THREADS.setThreadCpuTimeEnabled(true);
            }
            return THREADS.getCurrentThreadCpuTime() >= 0;
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Seconds for {@code calls} calls of {@code op}. */
    private static double batch(Op op, int calls) {
        double consumed = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            consumed += op.run();
        }
        long t1 = System.nanoTime();
        sink += consumed;
        return (t1 - t0) / 1e9;
    }
}
