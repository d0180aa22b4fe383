package dev.vecnn.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static dev.vecnn.kernels.ElementwiseTestData.assertSameBits;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vecnn.kernels.GemmKernelContract.Problem;
import dev.vecnn.kernels.internal.GemmKernel;
import dev.vecnn.kernels.internal.ScalarGemm;
import dev.vecnn.kernels.internal.ScalarSkinnyGemm;
import dev.vecnn.kernels.internal.SkinnyGemmKernel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * B in column panels ({@link SkinnyPanels}) against B in place: the skinny kernel over the
 * panels must give the blocked GEMM's bits (SIMD and its scalar twin each against its own
 * GEMM), for every strip height, every column tail up to two vectors plus one, panel widths
 * from 1 column to more than the widest kernel panel (so the last panel takes every tail
 * length), depths across the depth blocks, odd offsets and leading dimensions; the layout is
 * checked element by element against its definition, and the facade keeps the source's bits for
 * any row count and thread count.
 */
class SkinnyPanelsTest {
    private static final SkinnyGemmKernel SIMD_SKINNY =
            VectorSupport.simdOrNull(SkinnyGemmKernel.class, "dev.vecnn.kernels.simd.SimdSkinnyGemm");
    private static final GemmKernel SIMD_GEMM =
            VectorSupport.simdOrNull(GemmKernel.class, "dev.vecnn.kernels.simd.SimdGemm");
    private static final SkinnyGemmKernel SCALAR_SKINNY = new ScalarSkinnyGemm();
    private static final GemmKernel SCALAR_GEMM = new ScalarGemm();
    private static final double[][] ALPHA_BETA = {{1, 0}, {2, 0.5}, {-1, 1}};

    private static List<Integer> panelWidths(SkinnyGemmKernel kernel) {
        int lanes = Math.max(1, VectorSupport.floatLanes());
        List<Integer> widths = new ArrayList<>(List.of(1, 3, lanes, 2 * lanes, 2 * lanes + 1, 8 * lanes, 16 * lanes + 5));
        if (kernel.floatPanelColumns() > 0) widths.add(kernel.floatPanelColumns());
        if (kernel.doublePanelColumns() > 0) widths.add(kernel.doublePanelColumns());
        if (kernel.floatStripPanelColumns() > 0) widths.add(kernel.floatStripPanelColumns());
        if (kernel.doubleStripPanelColumns() > 0) widths.add(kernel.doubleStripPanelColumns());
        return widths;
    }

    private static void warmUp() {
        if (SIMD_SKINNY == null) return;
        float[] af = new float[8 * 40], bf = new float[40 * 300], cf = new float[8 * 300];
        double[] ad = new double[8 * 40], bd = new double[40 * 300], cd = new double[8 * 300];
        JitWarmup.warm("skinny panels", 3_000, () -> {
            for (int m : new int[] {1, 3, 7}) {
                SkinnyGemm.sgemmPanels(SIMD_SKINNY, m, 283, 11, 1f, af, 0, 11, bf, 64, 0.5f, cf, 0, 283);
                SkinnyGemm.dgemmPanels(SIMD_SKINNY, m, 283, 11, 1, ad, 0, 11, bd, 32, 0, cd, 0, 283);
            }
        });
    }

    /** The kernel over B's panels of {@code width} columns has the bits of the blocked GEMM over B. */
    private static void checkShape(SkinnyGemmKernel skinny, GemmKernel blocked, SplittableRandom rnd,
                                   int m, int n, int k, int width, int variant) {
        Problem pr = new Problem(rnd, false, false, m, n, k);
        double[] ab = ALPHA_BETA[variant % ALPHA_BETA.length];
        String what = pr.describe(ab[0], ab[1]) + " panels of " + width;

        float[] bf = Problem.toFloat(pr.b);
        SkinnyPanels pf = SkinnyPanels.of(bf, pr.bOff, pr.ldb, k, n, width);
        float[] cf = Problem.toFloat(pr.c);
        SkinnyGemm.sgemmPanels(skinny, m, n, k, (float) ab[0], Problem.toFloat(pr.a), pr.aOff, pr.lda,
                pf.floatPanels(), width, (float) ab[1], cf, pr.cOff, pr.ldc);
        assertSameBits(cf, pr.runFloat(blocked, ab[0], ab[1]), "float " + what);

        SkinnyPanels pd = SkinnyPanels.of(pr.b, pr.bOff, pr.ldb, k, n, width);
        double[] cd = pr.c.clone();
        SkinnyGemm.dgemmPanels(skinny, m, n, k, ab[0], pr.a, pr.aOff, pr.lda, pd.doublePanels(), width,
                ab[1], cd, pr.cOff, pr.ldc);
        assertSameBits(cd, pr.runDouble(blocked, ab[0], ab[1]), "double " + what);
    }

    private static void everyShape(SkinnyGemmKernel skinny, GemmKernel blocked) {
        SplittableRandom rnd = new SplittableRandom(17);
        int lanes = Math.max(1, VectorSupport.floatLanes());
        int variant = 0;
        for (int width : panelWidths(skinny)) {
            for (int m = 1; m <= SkinnyGemm.MAX_ROWS; m++) {
                // every tail of the last panel: n = one panel plus 1 .. width + 2 lanes + 1 columns
                for (int n = 1; n <= width + 2 * lanes + 1; n += (n < 2 * lanes + 2 || n > width - 3) ? 1 : 5) {
                    checkShape(skinny, blocked, rnd, m, n, 7, width, variant++);
                }
                checkShape(skinny, blocked, rnd, m, 3 * width + 5, 37, width, variant++);
            }
        }
        // depths crossing the depth blocks (256 scalar, 512 SIMD)
        for (int m : new int[] {1, 3, 8}) {
            for (int k : new int[] {255, 257, 513, 1100}) {
                checkShape(skinny, blocked, rnd, m, 2 * 8 * lanes + 3, k, 8 * lanes, variant++);
            }
        }
    }

    @Test
    void scalarPanelsHaveTheBitsOfTheScalarGemm() {
        everyShape(SCALAR_SKINNY, SCALAR_GEMM);
    }

    @Test
    void simdPanelsHaveTheBitsOfTheSimdGemm() {
        assumeTrue(SIMD_SKINNY != null, "SIMD disabled: " + VectorSupport.describe());
        warmUp();
        everyShape(SIMD_SKINNY, SIMD_GEMM);
    }

    @Test
    void panelsFollowTheirLayout() {
        int k = 5, n = 11, ldb = 13, off = 2, width = 4;
        double[] b = new double[off + (k - 1) * ldb + n];
        for (int i = 0; i < b.length; i++) b[i] = i;
        double[] panels = SkinnyPanels.of(b, off, ldb, k, n, width).doublePanels();
        assertThat(panels).hasSize(k * n);
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                int q = Math.min(j / width, n / width - 1); // the last panel holds the rest: 8 .. 10
                int w = q == n / width - 1 ? n - q * width : width;
                assertThat(panels[q * width * k + p * w + j - q * width]).as("B(%d, %d)", p, j)
                        .isEqualTo(b[off + p * ldb + j]);
            }
        }
    }

    @Test
    void aSinglePanelInPlaceIsNotCopied() {
        float[] b = new float[6 * 10];
        SkinnyPanels same = SkinnyPanels.of(b, 0, 10, 6, 10, 16);
        assertThat(same.floatPanels()).isSameAs(b);
        assertThat(same.copyBytes()).isZero();
        assertThat(SkinnyPanels.of(b, 0, 10, 6, 10, 6).floatPanels()).as("one panel of 6 + 4 columns").isSameAs(b);
        SkinnyPanels copied = SkinnyPanels.of(b, 0, 10, 6, 10, 5);
        assertThat(copied.floatPanels()).isNotSameAs(b);
        assertThat(copied.copyBytes()).isEqualTo(6L * 10 * Float.BYTES);
        assertThat(SkinnyPanels.of(new double[6 * 12], 0, 12, 6, 10, 16).copyBytes()).isEqualTo(6L * 10 * Double.BYTES);
        SkinnyPanels none = SkinnyPanels.of(b, 0, 10, 6, 10, 0);
        assertThat(none.hasPanels()).isFalse();
        assertThat(none.hasStripPanels()).isFalse();
        assertThat(none.copyBytes()).isZero();
        SkinnyPanels both = SkinnyPanels.of(b, 0, 10, 6, 10, 5, 4);
        assertThat(both.floatStripPanels()).isNotSameAs(b).isNotSameAs(both.floatPanels());
        assertThat(both.copyBytes()).isEqualTo(2L * 6 * 10 * Float.BYTES);
        SkinnyPanels stripsOnly = SkinnyPanels.of(b, 0, 10, 6, 10, 0, 16);
        assertThat(stripsOnly.floatStripPanels()).isSameAs(b);
        assertThat(stripsOnly.copyBytes()).isZero();
    }

    @Test
    void stripPanelsFollowTheirLayout() {
        int k = 4, n = 9, ldb = 10, off = 1, width = 2, stripWidth = 4;
        float[] b = new float[off + (k - 1) * ldb + n];
        for (int i = 0; i < b.length; i++) b[i] = i;
        SkinnyPanels p = SkinnyPanels.of(b, off, ldb, k, n, width, stripWidth);
        assertThat(p.stripPanelColumns()).isEqualTo(stripWidth);
        for (int q = 0; q < 2; q++) {
            float[] panels = q == 0 ? p.floatPanels() : p.floatStripPanels();
            int wq = q == 0 ? width : stripWidth;
            for (int r = 0; r < k; r++) {
                for (int j = 0; j < n; j++) {
                    int pq = Math.min(j / wq, n / wq - 1); // 9 columns: panels of 2, 2, 2, 3 and of 4, 5
                    int w = pq == n / wq - 1 ? n - pq * wq : wq;
                    assertThat(panels[pq * wq * k + r * w + j - pq * wq]).as("width %d: B(%d, %d)", wq, r, j)
                            .isEqualTo(b[off + r * ldb + j]);
                }
            }
        }
    }

    /** Through {@link Gemm}: 1 .. 12 rows (skinny, then blocked) and 1 .. 3 threads give the bits of B in place. */
    @Test
    void theFacadeGivesTheBitsOfBInPlace() {
        warmUp();
        int saved = Parallel.threads();
        SplittableRandom rnd = new SplittableRandom(23);
        int k = 700, n = 517;  // above the parallel threshold from 2 rows
        float[] w = Problem.toFloat(Problem.random(rnd, 3 + k * n));
        double[] wd = Problem.random(rnd, k * n);
        float[] x = Problem.toFloat(Problem.random(rnd, 13 * k));
        double[] xd = Problem.random(rnd, 12 * k);
        try {
            // the kernel's own panels (none on some machines), and widths that always pack: one-row
            // panels only, and both kinds (the strip panels at the SIMD strips' width and an odd one)
            int lanes = Math.max(1, VectorSupport.floatLanes());
            int[][] widths = {{-1, -1}, {64, 0}, {37, 0}, {64, 2 * lanes}, {0, 2 * lanes + 3}};
            for (int[] wid : widths) {
                int width = wid[0];
                SkinnyPanels pf = width < 0 ? SkinnyPanels.of(w, 3, n, k, n) : SkinnyPanels.of(w, 3, n, k, n, width, wid[1]);
                SkinnyPanels pd = width < 0 ? SkinnyPanels.of(wd, 0, n, k, n) : SkinnyPanels.of(wd, 0, n, k, n, width, wid[1]);
                if (width < 0) {
                    assertThat(pf.panelColumns()).isEqualTo(Gemm.skinnyPanelColumns(false));
                    assertThat(pf.stripPanelColumns()).isEqualTo(Gemm.skinnyStripPanelColumns(false));
                    assertThat(pd.stripPanelColumns()).isEqualTo(Gemm.skinnyStripPanelColumns(true));
                }
                for (int threads : new int[] {1, 2, 3}) {
                    Parallel.setThreads(threads);
                    for (int rows = 1; rows <= 12; rows++) {
                        String what = rows + " rows on " + threads + " threads, panels of " + pf.panelColumns()
                                + ", strip panels of " + pf.stripPanelColumns();
                        float[] want = new float[rows * n], got = new float[rows * n];
                        Gemm.sgemm(false, false, rows, n, k, 1f, x, k, k, w, 3, n, 0f, want, 0, n);
                        Gemm.sgemm(rows, 1f, x, k, k, pf, 0f, got, 0, n);
                        assertSameBits(got, want, "float, " + what);
                        double[] wantD = new double[rows * n], gotD = new double[rows * n];
                        Gemm.dgemm(false, false, rows, n, k, 1, xd, 0, k, wd, 0, n, 0, wantD, 0, n);
                        Gemm.dgemm(rows, 1, xd, 0, k, pd, 0, gotD, 0, n);
                        assertSameBits(gotD, wantD, "double, " + what);
                    }
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    /** Threads take whole panels: 1, 2 and 3 threads give the blocked GEMM's bits (8 rows: above the parallel threshold). */
    @Test
    void panelsSplitAcrossThreadsKeepTheBits() {
        warmUp();
        int saved = Parallel.threads();
        SplittableRandom rnd = new SplittableRandom(29);
        Problem pr = new Problem(rnd, false, false, 8, 517, 700);
        SkinnyGemmKernel skinny = SIMD_SKINNY != null ? SIMD_SKINNY : SCALAR_SKINNY;
        GemmKernel blocked = SIMD_SKINNY != null ? SIMD_GEMM : SCALAR_GEMM;
        float[] want = pr.runFloat(blocked, 1, 0);
        SkinnyPanels panels = SkinnyPanels.of(Problem.toFloat(pr.b), pr.bOff, pr.ldb, pr.k, pr.n, 64);
        try {
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                float[] c = Problem.toFloat(pr.c);
                SkinnyGemm.sgemmPanels(skinny, pr.m, pr.n, pr.k, 1f, Problem.toFloat(pr.a), pr.aOff, pr.lda,
                        panels.floatPanels(), 64, 0f, c, pr.cOff, pr.ldc);
                assertSameBits(c, want, threads + " threads");
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void badArgumentsAreRefusedNamingThem() {
        assertThatThrownBy(() -> SkinnyPanels.of(null, 0, 3, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b must not be null");
        assertThatThrownBy(() -> SkinnyPanels.of(new int[6], 0, 3, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b must be a float[] or a double[], got int[]");
        assertThatThrownBy(() -> SkinnyPanels.of(new float[6], 0, 2, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leading dimension of b must be >= 3");
        assertThatThrownBy(() -> SkinnyPanels.of(new float[6], 1, 3, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b too short");
        assertThatThrownBy(() -> SkinnyPanels.of(new float[6], 0, 3, -1, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must be >= 0, got -1");
        SkinnyPanels floats = SkinnyPanels.of(new float[6], 0, 3, 2, 3);
        assertThatThrownBy(() -> Gemm.dgemm(1, 1, new double[2], 0, 2, floats, 0, new double[3], 0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b must hold double values, got float");
        assertThatThrownBy(() -> Gemm.sgemm(1, 1f, new float[1], 0, 2, floats, 0f, new float[3], 0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a too short");
        assertThatThrownBy(() -> Gemm.sgemm(1, 1f, new float[2], 0, 2, null, 0f, new float[3], 0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b must not be null");
    }
}
