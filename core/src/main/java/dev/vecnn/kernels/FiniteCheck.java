package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.FiniteCheckKernel;
import dev.vecnn.kernels.internal.ScalarFiniteCheck;

/**
 * Finds the first value that is not finite (NaN, +Inf or -Inf) in a run of an array: what
 * inference checks its input rows with before they reach the net ({@code np.isfinite(x).all()}).
 * Dispatches once to the SIMD kernel when the Vector API is available (it sums {@code x * 0}
 * over whole vectors, which is NaN exactly when some value is not finite, and looks for the index
 * only then), else to its scalar twin ({@code kernels.internal.ScalarFiniteCheck}). Both return
 * the same index.
 */
public final class FiniteCheck {
    private static final FiniteCheckKernel IMPL = VectorSupport.choose(FiniteCheckKernel.class,
            "dev.vecnn.kernels.simd.SimdFiniteCheck", new ScalarFiniteCheck());
    private static final ScalarFiniteCheck SCALAR = new ScalarFiniteCheck();

    private FiniteCheck() {}

    /** Index {@code i} (0-based, from {@code off}) of the first non-finite {@code x[off + i]}, {@code i < n}; -1 if all are finite. */
    public static int firstNonFinite(int n, float[] x, int off) {
        Args.nonNegative("n", n);
        Args.vector("x", x, off, n);
        return IMPL.firstNonFinite(n, x, off);
    }

    /** Double twin of {@link #firstNonFinite(int, float[], int)}. */
    public static int firstNonFinite(int n, double[] x, int off) {
        Args.nonNegative("n", n);
        Args.vector("x", x, off, n);
        return IMPL.firstNonFinite(n, x, off);
    }

    /**
     * {@link #firstNonFinite(int, float[], int)} on the scalar twin whatever the machine, without
     * argument checks (the caller knows the length): for call sites inlined into a large method
     * where C2 has boxed the SIMD kernel's vectors (BatchingModel's check of one request's row).
     */
    public static int firstNonFiniteScalar(int n, float[] x, int off) {
        return SCALAR.firstNonFinite(n, x, off);
    }

    /** Double twin of {@link #firstNonFiniteScalar(int, float[], int)}. */
    public static int firstNonFiniteScalar(int n, double[] x, int off) {
        return SCALAR.firstNonFinite(n, x, off);
    }
}
