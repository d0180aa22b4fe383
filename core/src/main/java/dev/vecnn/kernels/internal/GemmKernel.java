package dev.vecnn.kernels.internal;

/**
 * One GEMM implementation: {@code C = alpha * op(A) * op(B) + beta * C}, row-major, with the
 * argument meaning of {@code Gemm}. Implementations receive arguments already checked by
 * {@code Gemm} and honour the full BLAS semantics (beta == 0: C not read; alpha == 0 or k == 0:
 * C = beta * C, A and B not read), with results that do not depend on the thread count.
 *
 * <p>Two implementations: {@link ScalarGemm} (plain Java, the fallback) and
 * {@code dev.vecnn.kernels.simd.SimdGemm} (Vector API), chosen once by {@code VectorSupport}.
 */
public interface GemmKernel {

    /** Single precision GEMM. */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, float[] a, int aOff, int lda,
               float[] b, int bOff, int ldb,
               float beta, float[] c, int cOff, int ldc);

    /** Double precision GEMM. */
    void dgemm(boolean transA, boolean transB, int m, int n, int k,
               double alpha, double[] a, int aOff, int lda,
               double[] b, int bOff, int ldb,
               double beta, double[] c, int cOff, int ldc);
}
