package dev.vecnn.kernels.internal;

/**
 * A register-only multiply-add loop for measuring a core's peak arithmetic (used by
 * {@code vecnn bench}): {@link #ACCUMULATORS} independent accumulators, each stepped
 * {@code acc = X * Y + acc} with one fused multiply-add per step, so no step waits for the
 * previous one (FMA latency x FMA pipes is at most 8 on current x86 and ARM cores). Nothing is
 * loaded or stored inside the loop.
 *
 * <p>The accumulator is the addend, as in a GEMM micro-kernel ({@code c += a * b}): C2 then
 * updates each accumulator in place ({@code vfmadd231ps x, y, acc}). The earlier form,
 * {@code acc = acc * MUL + ADD}, made C2 copy the addend into a fresh register before every FMA;
 * with AVX2's 16 registers that pushed ten of the twelve accumulators to the stack, and the loop
 * ran at half the core's peak on Zen 3 (bench/README.md).
 *
 * <p>{@code X * Y} is exact in binary ({@code 3 * 2^-12}), so every partial sum of an accumulator
 * started at 0.5 is exact in float while it stays below 2^11, and so is the final sum over all
 * accumulators and lanes while it stays below 2^12 (e.g. 1000 steps, up to 16 lanes): then the
 * result is known exactly ({@link #expected}) in float and in double. Scalar twin
 * {@link ScalarFmaLoop}; SIMD {@code dev.vecnn.kernels.simd.SimdFmaLoop}, where every lane runs
 * the same recurrence.
 */
public interface FmaLoop {
    int ACCUMULATORS = 12;
    float X = 0.75f;
    float Y = 0x1p-10f;

    /** Lanes per accumulator (1 for the scalar twin) in float. */
    int floatLanes();

    /** Lanes per accumulator in double. */
    int doubleLanes();

    /** Runs {@code steps} steps in float from accumulators {@code start}; returns the sum of all lanes of all accumulators. */
    double floats(int steps, float start);

    /** Runs {@code steps} steps in double; returns the sum of all lanes of all accumulators. */
    double doubles(int steps, double start);

    /**
     * The result of {@link #floats} or {@link #doubles} with {@code lanes} lanes from {@code start}
     * in exact arithmetic (which both reach while the sums stay small: see the class comment).
     */
    static double expected(int steps, double start, int lanes) {
        return (double) ACCUMULATORS * lanes * (start + steps * ((double) X * Y));
    }
}
