package dev.vecnn.kernels.internal;

/**
 * Bias kernels behind the {@code Bias} facade: the scalar twin {@link ScalarBias} and
 * {@code dev.vecnn.kernels.simd.SimdBias}. No argument checks here; the facade does them.
 * Public only so the SIMD package can implement it.
 */
public interface BiasKernel {
    /** {@code c[i, j] += bias[j]}. */
    void addRowVector(int rows, int cols, float[] bias, int biasOff, float[] c, int cOff, int ldc);

    /** Double twin of {@link #addRowVector(int, int, float[], int, float[], int, int)}. */
    void addRowVector(int rows, int cols, double[] bias, int biasOff, double[] c, int cOff, int ldc);

    /** {@code sums[j] = ((0 + a[0, j]) + a[1, j]) + ...}, rows added in order. */
    void columnSums(int rows, int cols, float[] a, int aOff, int lda, float[] sums, int sumsOff);

    /** Double twin of {@link #columnSums(int, int, float[], int, int, float[], int)}. */
    void columnSums(int rows, int cols, double[] a, int aOff, int lda, double[] sums, int sumsOff);
}
