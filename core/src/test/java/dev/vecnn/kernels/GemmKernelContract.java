package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.GemmKernel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Tests every {@link GemmKernel} (the SIMD one and its scalar twin) against the naive
 * double-precision triple loop in {@link GemmReference}: all m, n, k in 1..9, awkward sizes that
 * cross every blocking boundary, all four transpose combinations, alpha/beta in
 * {(1,0), (1,1), (2,0.5), (0,1)}, odd offsets and leading dimensions larger than needed; plus
 * the BLAS special cases and thread-count independence (1, 2, 3, 8 threads, identical bits).
 */
abstract class GemmKernelContract {
    static final double[][] ALPHA_BETA = {{1, 0}, {1, 1}, {2, 0.5}, {0, 1}};
    static final double EPS_F32 = 0x1p-24;
    static final double EPS_F64 = 0x1p-53;

    /** The implementation under test. */
    abstract GemmKernel kernel();

    /** One random GEMM problem with padded, offset storage. */
    static final class Problem {
        final boolean transA, transB;
        final int m, n, k, aOff, lda, bOff, ldb, cOff, ldc;
        final double[] a, b, c;

        Problem(SplittableRandom rnd, boolean transA, boolean transB, int m, int n, int k) {
            this.transA = transA;
            this.transB = transB;
            this.m = m;
            this.n = n;
            this.k = k;
            int aRows = transA ? k : m, aCols = transA ? m : k;
            int bRows = transB ? n : k, bCols = transB ? k : n;
            aOff = 1 + 2 * rnd.nextInt(3);
            bOff = 1 + 2 * rnd.nextInt(3);
            cOff = 1 + 2 * rnd.nextInt(3);
            lda = aCols + rnd.nextInt(4);
            ldb = bCols + rnd.nextInt(4);
            ldc = n + rnd.nextInt(4);
            a = random(rnd, aOff + aRows * lda + 3);
            b = random(rnd, bOff + bRows * ldb + 3);
            c = random(rnd, cOff + m * ldc + 3);
        }

        static double[] random(SplittableRandom rnd, int length) {
            double[] x = new double[length];
            for (int i = 0; i < length; i++) x[i] = (float) (rnd.nextDouble() * 2 - 1);
            return x;
        }

        static float[] toFloat(double[] x) {
            float[] f = new float[x.length];
            for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
            return f;
        }

        GemmReference.Expected expected(double alpha, double beta, double eps) {
            return GemmReference.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb,
                    beta, c, cOff, ldc, eps);
        }

        float[] runFloat(GemmKernel kernel, double alpha, double beta) {
            float[] cf = toFloat(c);
            kernel.sgemm(transA, transB, m, n, k, (float) alpha, toFloat(a), aOff, lda,
                    toFloat(b), bOff, ldb, (float) beta, cf, cOff, ldc);
            return cf;
        }

        double[] runDouble(GemmKernel kernel, double alpha, double beta) {
            double[] cd = c.clone();
            kernel.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, cd, cOff, ldc);
            return cd;
        }

        /** Checks C inside the matrix against the reference and the padding around it unchanged. */
        void verify(double[] got, GemmReference.Expected want, String what) {
            for (int idx = 0; idx < got.length; idx++) {
                int rel = idx - cOff;
                int i = rel >= 0 ? rel / ldc : -1;
                int j = rel >= 0 ? rel % ldc : -1;
                if (i >= 0 && i < m && j < n) {
                    double w = want.values()[i * n + j];
                    double tol = want.tolerance()[i * n + j];
                    if (!(Math.abs(got[idx] - w) <= tol)) {
                        fail("%s: C[%d][%d] = %s, expected %s (tolerance %s)", what, i, j, got[idx], w, tol);
                    }
                } else if (got[idx] != c[idx]) {
                    fail("%s: padding element %d of C changed from %s to %s", what, idx, c[idx], got[idx]);
                }
            }
        }

        String describe(double alpha, double beta) {
            return String.format("%s%s m=%d n=%d k=%d alpha=%s beta=%s lda=%d ldb=%d ldc=%d",
                    transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, beta, lda, ldb, ldc);
        }
    }

    private void checkAll(SplittableRandom rnd, int m, int n, int k, boolean allAlphaBeta, int variant) {
        for (int t = 0; t < 4; t++) {
            Problem pr = new Problem(rnd, (t & 2) != 0, (t & 1) != 0, m, n, k);
            for (int ab = 0; ab < ALPHA_BETA.length; ab++) {
                if (!allAlphaBeta && ab != (t + variant) % ALPHA_BETA.length) continue;
                double alpha = ALPHA_BETA[ab][0], beta = ALPHA_BETA[ab][1];
                String what = pr.describe(alpha, beta);
                float[] cf = pr.runFloat(kernel(), alpha, beta);
                pr.verify(GemmReference.toDouble(cf), pr.expected(alpha, beta, EPS_F32), "float " + what);
                double[] cd = pr.runDouble(kernel(), alpha, beta);
                pr.verify(cd, pr.expected(alpha, beta, EPS_F64), "double " + what);
            }
        }
    }

    @Test
    void everySmallShapeMatchesTripleLoop() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int m = 1; m <= 9; m++) {
            for (int n = 1; n <= 9; n++) {
                for (int k = 1; k <= 9; k++) {
                    checkAll(rnd, m, n, k, true, 0);
                }
            }
        }
    }

    @Test
    void awkwardShapesMatchTripleLoop() {
        SplittableRandom rnd = new SplittableRandom(2);
        int[][] shapes = {
            {103, 103, 103},   // nothing a multiple of a tile
            {1023, 19, 33},    // many row panels, ragged last one
            {21, 1023, 40},    // many column panels
            {9, 1100, 20},     // more columns than one column block (nc = 1024)
            {17, 23, 3072},    // k in 12 depth blocks
            {150, 70, 300},    // more rows than one row block, k in 2 depth blocks
        };
        for (int[] s : shapes) {
            checkAll(rnd, s[0], s[1], s[2], true, 0);
        }
        // the seed network's largest shapes, one alpha/beta pair per transpose combination
        checkAll(rnd, 3072, 7, 100, false, 0);
        checkAll(rnd, 5, 3072, 29, false, 1);
    }

    @Test
    void betaZeroDoesNotReadC() {
        GemmKernel kern = kernel();
        for (int size : new int[] {5, 40}) {
            float[] a = new float[size * size];
            float[] b = new float[size * size];
            Arrays.fill(a, 1f);
            Arrays.fill(b, 2f);
            float[] c = new float[size * size];
            Arrays.fill(c, Float.NaN);
            kern.sgemm(false, false, size, size, size, 1f, a, 0, size, b, 0, size, 0f, c, 0, size);
            for (float v : c) assertThat(v).isEqualTo(2f * size);
            double[] ad = new double[size * size];
            double[] bd = new double[size * size];
            Arrays.fill(ad, 1);
            Arrays.fill(bd, 2);
            double[] cd = new double[size * size];
            Arrays.fill(cd, Double.NaN);
            kern.dgemm(true, true, size, size, size, 1, ad, 0, size, bd, 0, size, 0, cd, 0, size);
            for (double v : cd) assertThat(v).isEqualTo(2.0 * size);
        }
    }

    @Test
    void alphaZeroOrEmptyDepthOnlyScalesC() {
        GemmKernel kern = kernel();
        float[] a = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        float[] b = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        float[] c = {1f, -2f, 3f, Float.NaN};
        kern.sgemm(false, false, 2, 2, 2, 0f, a, 0, 2, b, 0, 2, 0.5f, c, 0, 2);
        assertThat(c[0]).isEqualTo(0.5f);
        assertThat(c[1]).isEqualTo(-1f);
        assertThat(c[2]).isEqualTo(1.5f);
        assertThat(c[3]).isNaN();
        kern.sgemm(false, false, 2, 2, 0, 1f, a, 0, 1, b, 0, 2, 0f, c, 0, 2);
        assertThat(c).containsExactly(0f, 0f, 0f, 0f);
        double[] ad = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        double[] cd = {1, -2, 3, 4};
        kern.dgemm(false, false, 2, 2, 2, 0, ad, 0, 2, ad, 0, 2, 2, cd, 0, 2);
        assertThat(cd).containsExactly(2, -4, 6, 8);
        kern.dgemm(true, false, 2, 2, 0, 1, ad, 0, 2, ad, 0, 2, 1, cd, 0, 2);
        assertThat(cd).containsExactly(2, -4, 6, 8);
    }

    @Test
    void nanAndInfinityInInputsPropagate() {
        GemmKernel kern = kernel();
        int size = 20;
        float[] a = new float[size * size];
        float[] b = new float[size * size];
        Arrays.fill(a, 1f);
        Arrays.fill(b, 1f);
        a[3 * size + 4] = Float.NaN;            // row 3 of C becomes NaN
        b[5 * size + 7] = Float.POSITIVE_INFINITY; // column 7 of C becomes +Inf (except row 3)
        float[] c = new float[size * size];
        kern.sgemm(false, false, size, size, size, 1f, a, 0, size, b, 0, size, 0f, c, 0, size);
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                float v = c[i * size + j];
                if (i == 3) assertThat(v).isNaN();
                else if (j == 7) assertThat(v).isEqualTo(Float.POSITIVE_INFINITY);
                else assertThat(v).isEqualTo((float) size);
            }
        }
    }

    @Test
    void resultsAreIdenticalForAnyThreadCount() {
        int saved = Parallel.threads();
        SplittableRandom rnd = new SplittableRandom(3);
        // shapes above the threading threshold, split along rows (m >= n) or columns (m < n)
        int[][] shapes = {{70, 200, 40}, {200, 60, 45}, {40, 520, 27}};
        try {
            for (int[] s : shapes) {
                for (int t = 0; t < 4; t++) {
                    Problem pr = new Problem(rnd, (t & 2) != 0, (t & 1) != 0, s[0], s[1], s[2]);
                    float[] firstF = null;
                    double[] firstD = null;
                    for (int threads : new int[] {1, 2, 3, 8}) {
                        Parallel.setThreads(threads);
                        float[] cf = pr.runFloat(kernel(), 1.5, 0.5);
                        double[] cd = pr.runDouble(kernel(), 1.5, 0.5);
                        if (firstF == null) {
                            firstF = cf;
                            firstD = cd;
                            pr.verify(GemmReference.toDouble(cf), pr.expected(1.5, 0.5, EPS_F32), "float");
                        } else {
                            assertThat(cf).as("float bits, %d threads, %s", threads, pr.describe(1.5, 0.5))
                                    .isEqualTo(firstF);
                            assertThat(cd).as("double bits, %d threads, %s", threads, pr.describe(1.5, 0.5))
                                    .isEqualTo(firstD);
                        }
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
