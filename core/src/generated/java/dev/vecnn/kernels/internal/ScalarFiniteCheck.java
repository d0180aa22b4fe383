// Generated from src/template/java/dev/vecnn/kernels/internal/ScalarFiniteCheck.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
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
