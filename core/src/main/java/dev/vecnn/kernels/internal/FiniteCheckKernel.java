package dev.vecnn.kernels.internal;

/**
 * Kernels behind the {@code dev.vecnn.kernels.FiniteCheck} facade: the scalar twin ({@link ScalarFiniteCheck}) and
 * the SIMD implementation ({@code dev.vecnn.kernels.simd.SimdFiniteCheck}). Implementations do
 * not check their arguments; the facade does. Public only so the SIMD package can implement it.
 */
public interface FiniteCheckKernel {
    /** Index from {@code off} of the first NaN or infinite value among n, or -1. */
    int firstNonFinite(int n, float[] x, int off);

    /** Double twin of {@link #firstNonFinite(int, float[], int)}. */
    int firstNonFinite(int n, double[] x, int off);
}
