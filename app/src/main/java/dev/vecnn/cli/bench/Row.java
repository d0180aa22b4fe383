package dev.vecnn.cli.bench;

/**
 * One line of the bench table: what was measured, how much work one call does (floating-point
 * operations and bytes that must move at least once), and how long a call took.
 *
 * @param group   machine, gemm, elementwise, train, numpy, torch or ladder
 * @param name    e.g. "NN_100x3072x500" or "relu forward 100x500"
 * @param impl    simd, scalar, numpy, torch
 * @param dtype   float32 or float64
 * @param threads threads used (0: the other library's default)
 * @param flops   floating-point operations per call (a multiply-add counts 2)
 * @param bytes   bytes per call that must come from or go to memory at least once
 * @param median  median seconds per call
 * @param best    best seconds per call
 */
public record Row(String group, String name, String impl, String dtype, int threads,
                  double flops, double bytes, double median, double best) {

    /** GFLOP/s at the median time. */
    public double gflops() {
        return flops / median / 1e9;
    }

    /** GB/s (10^9 bytes) at the median time. */
    public double gbps() {
        return bytes / median / 1e9;
    }

    /** Arithmetic intensity: flops per byte. */
    public double intensity() {
        return flops / bytes;
    }

    static Row of(String group, String name, String impl, String dtype, int threads, double flops, double bytes, Harness.Timing t) {
        return new Row(group, name, impl, dtype, threads, flops, bytes, t.medianSeconds(), t.bestSeconds());
    }
}
