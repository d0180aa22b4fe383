package dev.vecnn.kernels.internal;

/**
 * Mask-apply kernels behind the {@code DropoutApply} facade: the scalar twin
 * {@link ScalarDropoutApply} and {@code dev.vecnn.kernels.simd.SimdDropoutApply}. No argument
 * checks here; the facade does them. Public only so the SIMD package can implement it.
 */
public interface DropoutApplyKernel {
    /** {@code out[i] = (x[i] * mask[i]) * scale}. */
    void apply(int n, float[] x, int xOff, float[] mask, int maskOff, float scale, float[] out, int outOff);

    /** Double twin of {@link #apply(int, float[], int, float[], int, float, float[], int)}. */
    void apply(int n, double[] x, int xOff, double[] mask, int maskOff, double scale, double[] out, int outOff);
}
