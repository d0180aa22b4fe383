package dev.vecnn.kernels.internal;

/**
 * Scalar twin of the finite check, one element at a time: the first {@code i} where
 * {@code np.isfinite(x[i])} is false. Also the fallback when the Vector API is not available.
 */
public final class ScalarFiniteCheck implements FiniteCheckKernel {

    @Override
    public int firstNonFinite(int n, float[] x, int off) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(x[off + i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int firstNonFinite(int n, double[] x, int off) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[off + i])) {
                return i;
            }
        }
        return -1;
    }
}
