package dev.vecnn.kernels;

/**
 * A register-only multiply-add loop for measuring a core's peak arithmetic (used by
 * {@code vecnn bench}): {@link #ACCUMULATORS} independent accumulators, each stepped
 * {@code acc = acc * MUL + ADD} with one fused multiply-add per step, so no step waits for the
 * previous one (FMA latency x FMA pipes is at most 8 on current x86 and ARM cores). Nothing is
 * loaded or stored inside the loop. The recurrence converges to {@code ADD / (1 - MUL)}, far
 * from overflow and subnormals. Scalar twin {@link ScalarFmaLoop}; SIMD
 * {@code dev.vecnn.kernels.simd.SimdFmaLoop}, where every lane runs the same recurrence.
 */
public interface FmaLoop {
    int ACCUMULATORS = 12;
    float MUL = 0.999f;
    float ADD = 0.001f;

    /** Lanes per accumulator (1 for the scalar twin) in float. */
    int floatLanes();

    /** Lanes per accumulator in double. */
    int doubleLanes();

    /** Runs {@code steps} steps in float from accumulators {@code start}; returns the sum of all lanes of all accumulators. */
    double floats(int steps, float start);

    /** Runs {@code steps} steps in double; returns the sum of all lanes of all accumulators. */
    double doubles(int steps, double start);
}
