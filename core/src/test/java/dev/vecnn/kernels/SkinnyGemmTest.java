package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.GemmKernel;
import dev.vecnn.kernels.internal.ScalarGemm;
import dev.vecnn.kernels.internal.ScalarSkinnyGemm;
import dev.vecnn.kernels.internal.SkinnyGemmKernel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vecnn.kernels.GemmKernelContract.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The skinny GEMM ({@link SkinnyGemm}, m <= 8, B not transposed) against two references: the
 * blocked GEMM of the same implementation, bit for bit (the skinny path must not change a single
 * bit of any result, so a row's scores do not depend on its batch), and the double-precision
 * triple loop of {@link GemmReference} within its rounding bound. The SIMD kernel is compared with
 * its scalar twin within that bound too (they differ on purpose: fused vs. separate multiply-add,
 * like the two GEMMs). Shapes cover every strip height (1, 2, 4 and their sums up to 8), every
 * column tail 0 .. 2 x lanes + 1 plus each panel width (16, 8, 4, 2, 1 vectors), depths that cross
 * the depth blocks of both implementations (256, 512), transposed A, odd offsets and leading
 * dimensions. SIMD comparisons run after a C2 warm-up ({@link JitWarmup}).
 */
class SkinnyGemmTest {
    private static final SkinnyGemmKernel SIMD_SKINNY =
            VectorSupport.simdOrNull(SkinnyGemmKernel.class, "dev.vecnn.kernels.simd.SimdSkinnyGemm");
    private static final GemmKernel SIMD_GEMM =
            VectorSupport.simdOrNull(GemmKernel.class, "dev.vecnn.kernels.simd.SimdGemm");
    private static final SkinnyGemmKernel SCALAR_SKINNY = new ScalarSkinnyGemm();
    private static final GemmKernel SCALAR_GEMM = new ScalarGemm();
    private static final double[][] ALPHA_BETA = {{1, 0}, {2, 0.5}, {-1, 1}};

    /** Column counts: every tail up to 2 lanes + 1, and each panel width with a tail (lanes of the widest type). */
    private static List<Integer> columnCounts() {
        int lanes = Math.max(1, VectorSupport.floatLanes());
        List<Integer> ns = new ArrayList<>();
        for (int n = 1; n <= 2 * lanes + 1; n++) ns.add(n);
        for (int n : new int[] {4 * lanes + 3, 8 * lanes - 1, 8 * lanes + 4 * lanes + 2 * lanes + lanes + 3,
                16 * lanes + 8 * lanes + 4 * lanes + lanes + 3, 500}) {
            ns.add(n);
        }
        return ns;
    }

    private static void warmUp() {
        if (SIMD_SKINNY == null) return;
        float[] af = new float[8 * 40], bf = new float[40 * 300], cf = new float[8 * 300];
        double[] ad = new double[8 * 40], bd = new double[40 * 300], cd = new double[8 * 300];
        JitWarmup.warm("skinny", 3_000, () -> {
            for (int m : new int[] {1, 3, 7}) {
                SkinnyGemm.sgemm(SIMD_SKINNY, false, m, 283, 11, 1f, af, 0, 11, bf, 0, 283, 0.5f, cf, 0, 283);
                SkinnyGemm.dgemm(SIMD_SKINNY, true, m, 283, 11, 1, ad, 0, 8, bd, 0, 283, 0, cd, 0, 283);
            }
        });
    }

    private static float[] skinnyFloat(SkinnyGemmKernel kernel, Problem pr, double alpha, double beta) {
        float[] c = Problem.toFloat(pr.c);
        SkinnyGemm.sgemm(kernel, pr.transA, pr.m, pr.n, pr.k, (float) alpha, Problem.toFloat(pr.a), pr.aOff, pr.lda,
                Problem.toFloat(pr.b), pr.bOff, pr.ldb, (float) beta, c, pr.cOff, pr.ldc);
        return c;
    }

    private static double[] skinnyDouble(SkinnyGemmKernel kernel, Problem pr, double alpha, double beta) {
        double[] c = pr.c.clone();
        SkinnyGemm.dgemm(kernel, pr.transA, pr.m, pr.n, pr.k, alpha, pr.a, pr.aOff, pr.lda,
                pr.b, pr.bOff, pr.ldb, beta, c, pr.cOff, pr.ldc);
        return c;
    }

    private static void assertSameBits(float[] got, float[] want, String what) {
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToIntBits(got[i]) != Float.floatToIntBits(want[i])) {
                fail("%s: element %d is %s (0x%08x), the blocked GEMM gives %s (0x%08x)", what, i, got[i],
                        Float.floatToIntBits(got[i]), want[i], Float.floatToIntBits(want[i]));
            }
        }
    }

    private static void assertSameBits(double[] got, double[] want, String what) {
        for (int i = 0; i < want.length; i++) {
            if (Double.doubleToLongBits(got[i]) != Double.doubleToLongBits(want[i])) {
                fail("%s: element %d is %s, the blocked GEMM gives %s", what, i, got[i], want[i]);
            }
        }
    }

    /** Skinny and blocked GEMM of one implementation agree bit for bit, and both meet the triple loop. */
    private static void checkShape(SkinnyGemmKernel skinny, GemmKernel blocked, SplittableRandom rnd,
                                   int m, int n, int k, boolean transA, int variant) {
        Problem pr = new Problem(rnd, transA, false, m, n, k);
        double[] ab = ALPHA_BETA[variant % ALPHA_BETA.length];
        String what = pr.describe(ab[0], ab[1]);
        float[] sf = skinnyFloat(skinny, pr, ab[0], ab[1]);
        assertSameBits(sf, pr.runFloat(blocked, ab[0], ab[1]), "float " + what);
        pr.verify(GemmReference.toDouble(sf), pr.expected(ab[0], ab[1], GemmKernelContract.EPS_F32), "float " + what);
        double[] sd = skinnyDouble(skinny, pr, ab[0], ab[1]);
        assertSameBits(sd, pr.runDouble(blocked, ab[0], ab[1]), "double " + what);
        pr.verify(sd, pr.expected(ab[0], ab[1], GemmKernelContract.EPS_F64), "double " + what);
    }

    private static void everyShape(SkinnyGemmKernel skinny, GemmKernel blocked) {
        SplittableRandom rnd = new SplittableRandom(7);
        int variant = 0;
        for (int m = 1; m <= SkinnyGemm.MAX_ROWS; m++) {
            for (int n : columnCounts()) {
                for (int k : new int[] {1, 6, 37}) {
                    checkShape(skinny, blocked, rnd, m, n, k, (variant & 1) == 1, variant++);
                }
            }
        }
        // depths crossing the depth blocks (256 scalar, 512 SIMD): the blocks must be the GEMM's
        for (int m : new int[] {1, 2, 5, 8}) {
            for (int k : new int[] {255, 257, 513, 1100}) {
                for (int n : new int[] {3, 8 * VectorSupport.floatLanes() + 5}) {
                    checkShape(skinny, blocked, rnd, m, n, k, (variant & 1) == 1, variant++);
                }
            }
        }
    }

    @Test
    void scalarSkinnyHasTheBitsOfTheScalarGemm() {
        everyShape(SCALAR_SKINNY, SCALAR_GEMM);
    }

    @Test
    void simdSkinnyHasTheBitsOfTheSimdGemm() {
        assumeTrue(SIMD_SKINNY != null, "SIMD disabled: " + VectorSupport.describe());
        warmUp();
        everyShape(SIMD_SKINNY, SIMD_GEMM);
    }

    @Test
    void simdAndScalarTwinAgreeWithinRounding() {
        assumeTrue(SIMD_SKINNY != null, "SIMD disabled: " + VectorSupport.describe());
        warmUp();
        SplittableRandom rnd = new SplittableRandom(11);
        for (int m = 1; m <= SkinnyGemm.MAX_ROWS; m++) {
            for (int n : columnCounts()) {
                Problem pr = new Problem(rnd, false, false, m, n, 300);
                GemmReference.Expected want = pr.expected(1, 0, GemmKernelContract.EPS_F32);
                float[] simd = skinnyFloat(SIMD_SKINNY, pr, 1, 0);
                float[] scalar = skinnyFloat(SCALAR_SKINNY, pr, 1, 0);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        int idx = pr.cOff + i * pr.ldc + j;
                        double tol = 2 * want.tolerance()[i * n + j];
                        assertThat((double) simd[idx]).as("m=%d n=%d C[%d][%d]", m, n, i, j)
                                .isCloseTo(scalar[idx], org.assertj.core.data.Offset.offset(tol));
                    }
                }
            }
        }
    }

    /** NaN, infinities and signed zeros flow through exactly as in the blocked GEMM. */
    @Test
    void specialValuesGiveTheBlockedGemmBits() {
        warmUp();
        SplittableRandom rnd = new SplittableRandom(5);
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0};
        for (int m : new int[] {1, 2, 3, 4, 8}) {
            Problem pr = new Problem(rnd, false, false, m, 2 * VectorSupport.floatLanes() + 3, 9);
            for (int i = 0; i < 12; i++) {
                pr.a[rnd.nextInt(pr.a.length)] = specials[rnd.nextInt(specials.length)];
                pr.b[rnd.nextInt(pr.b.length)] = specials[rnd.nextInt(specials.length)];
                pr.c[rnd.nextInt(pr.c.length)] = specials[rnd.nextInt(specials.length)];
            }
            for (double[] ab : ALPHA_BETA) {
                assertSameBits(skinnyFloat(SCALAR_SKINNY, pr, ab[0], ab[1]), pr.runFloat(SCALAR_GEMM, ab[0], ab[1]),
                        "scalar " + pr.describe(ab[0], ab[1]));
                assertSameBits(skinnyDouble(SCALAR_SKINNY, pr, ab[0], ab[1]), pr.runDouble(SCALAR_GEMM, ab[0], ab[1]),
                        "scalar " + pr.describe(ab[0], ab[1]));
                if (SIMD_SKINNY != null) {
                    assertSameBits(skinnyFloat(SIMD_SKINNY, pr, ab[0], ab[1]), pr.runFloat(SIMD_GEMM, ab[0], ab[1]),
                            "simd " + pr.describe(ab[0], ab[1]));
                    assertSameBits(skinnyDouble(SIMD_SKINNY, pr, ab[0], ab[1]), pr.runDouble(SIMD_GEMM, ab[0], ab[1]),
                            "simd " + pr.describe(ab[0], ab[1]));
                }
            }
        }
    }

    /**
     * Through {@link Gemm}: each row of a 9..40-row product (blocked GEMM) has the bits of the
     * same row multiplied alone or in a group of up to 8 (skinny kernel), for 1, 2 and 3 threads.
     */
    @Test
    void aRowHasTheSameBitsAloneInASmallBatchOrInALargeOne() {
        warmUp();
        int saved = Parallel.threads();
        SplittableRandom rnd = new SplittableRandom(3);
        int k = 700, n = 517;  // above the parallel threshold when 2+ rows
        float[] w = Problem.toFloat(Problem.random(rnd, k * n));
        float[] x = Problem.toFloat(Problem.random(rnd, 40 * k));
        float[] big = new float[40 * n];
        try {
            Gemm.sgemm(false, false, 40, n, k, 1f, x, 0, k, w, 0, n, 0f, big, 0, n);
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                for (int rows : new int[] {1, 2, 3, 5, 8}) {
                    float[] part = new float[rows * n];
                    int first = 40 - rows - threads;
                    Gemm.sgemm(false, false, rows, n, k, 1f, x, first * k, k, w, 0, n, 0f, part, 0, n);
                    float[] want = java.util.Arrays.copyOfRange(big, first * n, (first + rows) * n);
                    assertSameBits(part, want, rows + " rows on " + threads + " threads");
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void routesOnlySmallProductsWithBNotTransposed() {
        assertThat(SkinnyGemm.handles(false, 1, 500, 3072, 1)).isTrue();
        assertThat(SkinnyGemm.handles(false, SkinnyGemm.MAX_ROWS, 10, 500, 1)).isTrue();
        assertThat(SkinnyGemm.handles(false, SkinnyGemm.MAX_ROWS + 1, 10, 500, 1)).isFalse();
        assertThat(SkinnyGemm.handles(true, 1, 500, 3072, 1)).isFalse();
        assertThat(SkinnyGemm.handles(false, 1, 500, 0, 1)).isFalse();
        assertThat(SkinnyGemm.handles(false, 1, 500, 3072, 0)).isFalse();
    }
}
