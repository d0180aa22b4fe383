package dev.vecnn.ladder;

/**
 * One rung of the GEMM ladder: {@code C = A * B} in single precision, row-major, with BLAS-style
 * offsets and leading dimensions. A is {@code m x k} ({@code lda >= k}), B is {@code k x n}
 * ({@code ldb >= n}), C is {@code m x n} ({@code ldc >= n}) and is overwritten (no alpha, no
 * beta, no transposes: the ladder is about speed, the library's {@code Gemm} about the contract).
 * Elements of C outside the {@code m x n} window are never written.
 */
public interface Rung {
    /** Short name, e.g. "2 loop order i-k-j". */
    String name();

    /** One line: what this rung changes compared with the one before. */
    String change();

    /** {@code C = A * B}; see the interface comment. */
    void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                  float[] c, int cOff, int ldc);
}
