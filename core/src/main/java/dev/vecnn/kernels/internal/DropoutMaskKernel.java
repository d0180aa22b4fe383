package dev.vecnn.kernels.internal;

/**
 * The two inner steps of {@code DropoutMasks}, with a scalar twin ({@link ScalarDropoutMask})
 * and a SIMD version ({@code dev.vecnn.kernels.simd.SimdDropoutMask}) that must agree bit for bit.
 * Public only so the SIMD package can implement it; use {@code DropoutMasks}.
 */
public interface DropoutMaskKernel {

    /**
     * Keep bits of element groups {@code firstGroup .. firstGroup + groups - 1}:
     * {@code bits[bitsOff + g]} bit r is the decision for element {@code 64 (firstGroup + g) + r}
     * (see {@code DropoutMasks} for the definition).
     *
     * @param key0      seed, low 32 bits (Philox key word 0)
     * @param key1      seed, high 32 bits (Philox key word 1)
     * @param layer     mask number (Philox counter word 1)
     * @param stepLo    step, low 32 bits (counter word 2)
     * @param stepHi    step, high 32 bits (counter word 3)
     * @param threshold keep iff the element's 16-bit half-word {@code < threshold}, 1 .. 2^16
     */
    void maskBits(int key0, int key1, int layer, int stepLo, int stepHi, int threshold,
            long firstGroup, int groups, long[] bits, int bitsOff);

    /**
     * Generate and apply in one pass: {@code out[outOff + j] = x[xOff + j] * (keep ? scale : 0)}
     * for the {@code 64 * groups} elements of groups {@code firstGroup ..}, the keep bits as
     * {@link #maskBits} makes them; they are also stored into {@code bitsOut[bitsOff + g]} when
     * {@code bitsOut} is not null.
     */
    void forward(int key0, int key1, int layer, int stepLo, int stepHi, int threshold,
            long firstGroup, int groups, float[] x, int xOff, float scale, float[] out, int outOff,
            long[] bitsOut, int bitsOff);

    /** Double version of {@link #forward(int, int, int, int, int, int, long, int, float[], int, float, float[], int, long[], int)}. */
    void forward(int key0, int key1, int layer, int stepLo, int stepHi, int threshold,
            long firstGroup, int groups, double[] x, int xOff, double scale, double[] out, int outOff,
            long[] bitsOut, int bitsOff);

    /**
     * {@code out[outOff + j] = x[xOff + j] * (bit j of the bits ? scale : 0)} for
     * {@code j < 64 * groups}, where bit j is bit {@code j % 64} of {@code bits[bitsOff + j / 64]}.
     */
    void applyBits(long[] bits, int bitsOff, int groups, float[] x, int xOff, float scale, float[] out, int outOff);

    /** Double version of {@link #applyBits(long[], int, int, float[], int, float, float[], int)}. */
    void applyBits(long[] bits, int bitsOff, int groups, double[] x, int xOff, double scale, double[] out, int outOff);
}
