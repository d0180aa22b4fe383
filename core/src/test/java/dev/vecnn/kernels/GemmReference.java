package dev.vecnn.kernels;

/**
 * The independent reference for the GEMM tests: the textbook triple loop in double precision,
 * {@code C[i][j] = alpha * sum_p op(A)[i][p] * op(B)[p][j] + beta * C[i][j]} (C not read when
 * beta == 0, as in BLAS), plus the rounding-error bound each computed element must meet.
 */
final class GemmReference {
    private GemmReference() {}

    /** Expected C (m x n, dense) and, per element, the allowed absolute error. */
    record Expected(double[] values, double[] tolerance) {}

    static double aAt(boolean transA, double[] a, int aOff, int lda, int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }

    static double bAt(boolean transB, double[] b, int bOff, int ldb, int p, int j) {
        return transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
    }

    /**
     * Reference result. The tolerance is the classic bound for any summation order, with or
     * without fused multiply-add: {@code (k + 3) * eps * (|alpha| * sum_p |a_ip * b_pj| + |beta * c_ij|)}
     * times 2 for headroom, where eps is the unit roundoff of the precision under test.
     */
    static Expected gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
                         double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                         double beta, double[] c, int cOff, int ldc, double eps) {
        double[] values = new double[m * n];
        double[] tolerance = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double prod = aAt(transA, a, aOff, lda, i, p) * bAt(transB, b, bOff, ldb, p, j);
                    sum += prod;
                    magnitude += Math.abs(prod);
                }
                double old = beta == 0 ? 0 : beta * c[cOff + i * ldc + j];
                values[i * n + j] = alpha * sum + old;
                tolerance[i * n + j] = 2 * (k + 3) * eps * (Math.abs(alpha) * magnitude + Math.abs(old))
                        + Double.MIN_NORMAL;
            }
        }
        return new Expected(values, tolerance);
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) d[i] = x[i];
        return d;
    }
}
