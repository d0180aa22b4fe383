package dev.vecnn.cli.bench;

import dev.vecnn.kernels.internal.FmaLoop;

/**
 * One core's multiply-add peak, measured in about a tenth of a second for a run's report (the
 * {@code vecnn experiment} summary compares its GFLOP per CPU-second with it): the register-only
 * FMA loop that {@code vecnn bench} times ({@link FmaLoop} at the vector width in use, checked
 * against its exact result first), on the calling thread, timed by that thread's CPU clock with
 * {@link Harness}'s warm-up (until the JIT is quiet and three batches agree within 3%), best of
 * ten short batches.
 */
public final class PeakProbe {
    /** Steps per call: about 0.1 ms of FMAs at 256 bits (see {@link Machine#peak}). */
    private static final int STEPS = 1 << 16;
    /** Batches of 2 ms (the best of ten: on a shared host some are slowed); warm-up of 30 ms to 0.3 s on the thread's CPU clock. */
    private static final Harness.Budget BUDGET = new Harness.Budget(0.002, 10, 0.03, 0.3);

    /** A measured peak: GFLOP per CPU-second of one core, its lanes, what the measurement cost. */
    public record Peak(double gflopPerCpuSecond, String precision, int lanes, double wallSeconds) {}

    /** {@link #warmUp}: calls of a few steps, enough of them for C2 (about 1000 invocations of a looping method). */
    private static final int WARM_CALLS = 1500;
    private static final int WARM_STEPS = 16;
    private static volatile double sink;

    private PeakProbe() {}

    /**
     * Runs the loop {@link #measure} times often enough, and briefly enough (about 30 ms before it
     * is compiled), for the JIT to compile it in the background: the experiment's warm-up calls
     * this while the data loads, so that {@link #measure}, after the runs, times compiled code. A
     * loop still uncompiled then (C1 runs each vector operation as a library call) measures a
     * small fraction of the peak.
     */
    public static void warmUp(boolean doubles) {
        FmaLoop loop = Machine.fmaLoop();
        double s = 0;
        for (int i = 0; i < WARM_CALLS; i++) {
            s += doubles ? loop.doubles(WARM_STEPS, 0.5) : loop.floats(WARM_STEPS, 0.5f);
        }
        sink = s;
    }

    /** Measures the float64 peak when {@code doubles}, else the float32 peak, on the calling thread. */
    public static Peak measure(boolean doubles) {
        long t0 = System.nanoTime();
        FmaLoop loop = Machine.fmaLoop();
        Machine.check(loop);
        int lanes = doubles ? loop.doubleLanes() : loop.floatLanes();
        Harness.Timing timing = Harness.measure(() -> doubles ? loop.doubles(STEPS, 0.5) : loop.floats(STEPS, 0.5f),
                BUDGET, Harness.clockFor(1));
        double gflop = 2.0 * FmaLoop.ACCUMULATORS * lanes * STEPS / 1e9;
        return new Peak(gflop / timing.bestSeconds(), doubles ? "float64" : "float32", lanes, (System.nanoTime() - t0) / 1e9);
    }
}
