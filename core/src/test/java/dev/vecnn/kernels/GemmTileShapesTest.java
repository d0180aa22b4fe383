package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.BlockedGemm;
import dev.vecnn.kernels.internal.GemmKernel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every register tile the SIMD GEMM implements ({@link GemmShape#WIDE_TILES}, forced one at a
 * time through {@code SimdGemm(rows, vectors)}, plus the narrow tile it takes for C at most one
 * vector wide), at the vector width of this run (CI repeats it at each narrower width):
 * <ul>
 *   <li>against the triple loop of {@link GemmReference}, for every m in 1..2*rows+1 and every n
 *   in 1..2*(tile columns)+1 (all tails of both dimensions, the narrow tile included), all four
 *   transpose combinations, in both precisions;</li>
 *   <li>bit for bit against each other and the default kernel: each element of C is one chain of
 *   fused multiply-adds over k ascending in every tile, so the tile must not change a bit
 *   (the experiment's printed numbers depend on this), also across several depth blocks.</li>
 * </ul>
 * Skipped on the scalar fallback. The kernels are compiled by C2 before any comparison.
 */
class GemmTileShapesTest {
    private static final String SIMD_CLASS = "dev.vecnn.kernels.simd.SimdGemm";

    private record Tile(String name, int rows, int vectors, GemmKernel kernel) {}

    private static List<Tile> tiles() {
        List<Tile> tiles = new ArrayList<>();
        for (int[] t : GemmShape.WIDE_TILES) {
            try {
                GemmKernel k = (GemmKernel) Class.forName(SIMD_CLASS).getConstructor(int.class, int.class)
                        .newInstance(t[0], t[1]);
                tiles.add(new Tile(t[0] + "x" + t[1], t[0], t[1], k));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot build " + SIMD_CLASS + " with tile " + t[0] + "x" + t[1], e);
            }
        }
        return tiles;
    }

    private List<Tile> tiles;

    @BeforeEach
    void compileEveryTile() {
        assumeTrue(VectorSupport.simdEnabled(), "SIMD disabled: " + VectorSupport.describe());
        tiles = tiles();
        int lanes = VectorSupport.floatLanes();
        for (Tile t : tiles) {
            // full tiles, tails, the narrow tile (n <= lanes) and every transpose case
            int m = 2 * t.rows() + 3, n = 2 * t.vectors() * lanes + 3;
            float[] af = new float[m * 40], bf = new float[n * 40], cf = new float[m * n];
            double[] ad = new double[m * 40], bd = new double[n * 40], cd = new double[m * n];
            JitWarmup.warm("gemm-tile-" + t.name(), 1_000, () -> {
                for (int tr = 0; tr < 4; tr++) {
                    boolean ta = (tr & 2) != 0, tb = (tr & 1) != 0;
                    for (int cols : new int[] {n, lanes}) {
                        t.kernel().sgemm(ta, tb, m, cols, 19, 1f, af, 0, ta ? m : 19, bf, 0, tb ? 19 : cols, 0.5f, cf, 0, cols);
                        t.kernel().dgemm(ta, tb, m, cols, 19, 1, ad, 0, ta ? m : 19, bd, 0, tb ? 19 : cols, 0.5, cd, 0, cols);
                    }
                }
            });
        }
    }

    @Test
    void everyTileMatchesTripleLoopOnEveryTail() {
        SplittableRandom rnd = new SplittableRandom(12);
        int lanes = VectorSupport.floatLanes();
        for (Tile t : tiles) {
            int maxM = 2 * t.rows() + 1;
            int maxN = 2 * t.vectors() * lanes + 1; // float tile columns; the double tile is narrower
            for (int m = 1; m <= maxM; m++) {
                for (int n = 1; n <= maxN; n++) {
                    int k = 1 + (7 * m + 3 * n) % 23;
                    for (int tr = 0; tr < 4; tr++) {
                        var pr = new GemmKernelContract.Problem(rnd, (tr & 2) != 0, (tr & 1) != 0, m, n, k);
                        double alpha = (m + n) % 2 == 0 ? 1 : 2, beta = (m + n) % 2 == 0 ? 0 : 0.5;
                        String what = "tile " + t.name() + " " + pr.describe(alpha, beta);
                        pr.verify(GemmReference.toDouble(pr.runFloat(t.kernel(), alpha, beta)),
                                pr.expected(alpha, beta, GemmKernelContract.EPS_F32), "float " + what);
                        pr.verify(pr.runDouble(t.kernel(), alpha, beta),
                                pr.expected(alpha, beta, GemmKernelContract.EPS_F64), "double " + what);
                    }
                }
            }
        }
    }

    /**
     * The SIMD packing of B (NN: panel by panel; a ragged last panel is copied with whole vectors,
     * neighbours included, where the array allows, element by element near its end): B as the
     * last rows of its array, and as a block of a wider matrix (ldb > n), must give the bits of
     * the same kernel on a copy of B with room after it (every row copied with vectors; that
     * layout is checked against the triple loop above), for every n up to three tile widths plus
     * one, with one and two depth blocks. Packing moves values; it must not change a bit.
     */
    @Test
    void packingBAtTheEndOfItsArrayOrInsideAWiderMatrixKeepsTheBits() {
        SplittableRandom rnd = new SplittableRandom(14);
        int lanes = VectorSupport.floatLanes();
        for (Tile t : tiles) {
            int nr = t.vectors() * lanes;
            for (int n = 1; n <= 3 * nr + 1; n++) {
                for (int k : new int[] {9, 600}) {
                    for (int extraCols : new int[] {0, 5}) {
                        int m = t.rows() + 1, ldb = n + extraCols, bOff = 3;
                        int bLen = bOff + (k - 1) * ldb + n; // B's last row ends the array
                        float[] a = new float[m * k], bf = new float[bLen], roomy = new float[k * n + 4 * nr];
                        double[] ad = new double[m * k], bd = new double[bLen], roomyD = new double[k * n + 4 * nr];
                        for (int i = 0; i < a.length; i++) ad[i] = a[i] = (float) rnd.nextGaussian();
                        for (int i = 0; i < bf.length; i++) bd[i] = bf[i] = (float) rnd.nextGaussian();
                        for (int p = 0; p < k; p++) {
                            for (int j = 0; j < n; j++) roomyD[p * n + j] = roomy[p * n + j] = bf[bOff + p * ldb + j];
                        }
                        float[] want = new float[m * n], got = new float[m * n];
                        double[] wantD = new double[m * n], gotD = new double[m * n];
                        t.kernel().sgemm(false, false, m, n, k, 1f, a, 0, k, roomy, 0, n, 0f, want, 0, n);
                        t.kernel().sgemm(false, false, m, n, k, 1f, a, 0, k, bf, bOff, ldb, 0f, got, 0, n);
                        t.kernel().dgemm(false, false, m, n, k, 1, ad, 0, k, roomyD, 0, n, 0, wantD, 0, n);
                        t.kernel().dgemm(false, false, m, n, k, 1, ad, 0, k, bd, bOff, ldb, 0, gotD, 0, n);
                        String what = "tile " + t.name() + ", m " + m + " n " + n + " k " + k + " ldb " + ldb;
                        assertThat(got).as("float bits, B at the array's end vs a roomy copy, %s", what).isEqualTo(want);
                        assertThat(gotD).as("double bits, B at the array's end vs a roomy copy, %s", what).isEqualTo(wantD);
                    }
                }
            }
        }
    }

    /**
     * The packing of a non-transposed A into row panels (full panels and a ragged last one) and
     * the C^T panel write of NT products turned around (8 x 8 blocks transposed in registers
     * where a vector has 8 lanes, element by element at the edges and elsewhere):
     * for every row count up to two panels plus three and every depth tail, with A at the end
     * of its array and inside a wider matrix, each tile must give exactly the bits of a scalar
     * chain of {@link Math#fma} over k ascending per depth block (C = acc, then C = C + acc).
     * n = 650 makes every tile pack A (C wider than the in-place limit); 300 packs it for the
     * tile without an in-place kernel only (the others pack the ragged last rows).
     */
    @Test
    void packingAAndWritingCTransposedKeepTheBitsOfAScalarChain() {
        SplittableRandom rnd = new SplittableRandom(15);
        int[] depths = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 16, 17, 23, 513};
        for (Tile t : tiles) {
            for (int m = 1; m <= 2 * t.rows() + 3; m++) {
                for (int k : depths) {
                    for (int n : new int[] {650, 300}) {
                        int lda = m % 2 == 0 ? k : k + 3, aOff = 1;
                        float[] a = new float[aOff + (m - 1) * lda + k], b = new float[k * n];
                        for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextGaussian();
                        for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextGaussian();
                        double[] ad = new double[a.length], bd = new double[b.length];
                        for (int i = 0; i < a.length; i++) ad[i] = a[i];
                        for (int i = 0; i < b.length; i++) bd[i] = b[i];
                        float[] got = new float[m * n];
                        double[] gotD = new double[m * n];
                        t.kernel().sgemm(false, false, m, n, k, 1f, a, aOff, lda, b, 0, n, 0f, got, 0, n);
                        t.kernel().dgemm(false, false, m, n, k, 1, ad, aOff, lda, bd, 0, n, 0, gotD, 0, n);
                        String what = "tile " + t.name() + ", NN m " + m + " n " + n + " k " + k + " lda " + lda;
                        assertThat(got).as("float bits vs scalar fma chain, %s", what)
                                .isEqualTo(chainF(m, n, k, a, aOff, lda, false, b, n, false));
                        assertThat(gotD).as("double bits vs scalar fma chain, %s", what)
                                .isEqualTo(chainD(m, n, k, ad, aOff, lda, false, bd, n, false));
                        // NT with m < n (turned around: C^T = B A^T, written through the panel)
                        if (n == 300) {
                            float[] bt = new float[n * k];
                            for (int i = 0; i < bt.length; i++) bt[i] = (float) rnd.nextGaussian();
                            float[] gotT = new float[m * n];
                            t.kernel().sgemm(false, true, m, n, k, 1f, a, aOff, lda, bt, 0, k, 0f, gotT, 0, n);
                            assertThat(gotT).as("float bits vs scalar fma chain, tile %s, NT m %d n %d k %d", t.name(), m, n, k)
                                    .isEqualTo(chainF(m, n, k, a, aOff, lda, false, bt, k, true));
                        }
                    }
                }
            }
        }
    }

    /** C = op(A) op(B) as the GEMM computes it: per depth block an fma chain from zero, C = acc then C = C + acc. */
    private static float[] chainF(int m, int n, int k, float[] a, int aOff, int lda, boolean ta, float[] b, int ldb, boolean tb) {
        float[] c = new float[m * n];
        int kc = BlockedGemm.depthBlock(k, GemmShape.KC);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0;
                for (int p0 = 0; p0 < k; p0 += kc) {
                    float acc = 0;
                    for (int p = p0; p < Math.min(k, p0 + kc); p++) {
                        float x = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        float y = tb ? b[j * ldb + p] : b[p * ldb + j];
                        acc = Math.fma(x, y, acc);
                    }
                    sum = p0 == 0 ? acc : sum + acc;
                }
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    private static double[] chainD(int m, int n, int k, double[] a, int aOff, int lda, boolean ta, double[] b, int ldb, boolean tb) {
        double[] c = new double[m * n];
        int kc = BlockedGemm.depthBlock(k, GemmShape.KC);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p0 = 0; p0 < k; p0 += kc) {
                    double acc = 0;
                    for (int p = p0; p < Math.min(k, p0 + kc); p++) {
                        double x = ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                        double y = tb ? b[j * ldb + p] : b[p * ldb + j];
                        acc = Math.fma(x, y, acc);
                    }
                    sum = p0 == 0 ? acc : sum + acc;
                }
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    @Test
    void everyTileGivesTheSameBits() {
        SplittableRandom rnd = new SplittableRandom(13);
        int lanes = VectorSupport.floatLanes();
        GemmKernel reference = tiles.get(0).kernel();
        int[][] shapes = {
            {37, 53, 29},          // tails everywhere
            {29, lanes, 1100},     // narrow tile, three depth blocks
            {lanes, 61, 700},      // NT turned around: narrow tile on C^T
            {100, 10, 500},        // the output layer's forward product
            {70, 300, 1030},       // A read in place (NN, n < 640), three depth blocks
            {150, 700, 40},        // A packed, more rows than one row block
        };
        for (int[] s : shapes) {
            for (int tr = 0; tr < 4; tr++) {
                var pr = new GemmKernelContract.Problem(rnd, (tr & 2) != 0, (tr & 1) != 0, s[0], s[1], s[2]);
                float[] wantF = pr.runFloat(reference, 1.5, 0.5);
                double[] wantD = pr.runDouble(reference, 1.5, 0.5);
                pr.verify(GemmReference.toDouble(wantF), pr.expected(1.5, 0.5, GemmKernelContract.EPS_F32), "float");
                // alpha 1, beta 0: full tiles go from the registers straight into C, C = acc in the
                // first depth block and C += acc in the later ones (6x2: k6x2, then k6x2Add)
                float[] wantDirectF = pr.runFloat(reference, 1, 0);
                double[] wantDirectD = pr.runDouble(reference, 1, 0);
                pr.verify(GemmReference.toDouble(wantDirectF), pr.expected(1, 0, GemmKernelContract.EPS_F32), "float, alpha 1");
                for (Tile t : tiles) {
                    String what = "tile " + t.name() + " vs " + tiles.get(0).name() + ", " + pr.describe(1.5, 0.5);
                    assertThat(pr.runFloat(t.kernel(), 1.5, 0.5)).as("float bits, %s", what).isEqualTo(wantF);
                    assertThat(pr.runDouble(t.kernel(), 1.5, 0.5)).as("double bits, %s", what).isEqualTo(wantD);
                    String direct = "tile " + t.name() + " vs " + tiles.get(0).name() + ", " + pr.describe(1, 0);
                    assertThat(pr.runFloat(t.kernel(), 1, 0)).as("float bits, %s", direct).isEqualTo(wantDirectF);
                    assertThat(pr.runDouble(t.kernel(), 1, 0)).as("double bits, %s", direct).isEqualTo(wantDirectD);
                }
                if ("simd".equals(Gemm.implementation())) {
                    float[] cf = GemmKernelContract.Problem.toFloat(pr.c);
                    Gemm.sgemm(pr.transA, pr.transB, pr.m, pr.n, pr.k, 1.5f, GemmKernelContract.Problem.toFloat(pr.a),
                            pr.aOff, pr.lda, GemmKernelContract.Problem.toFloat(pr.b), pr.bOff, pr.ldb, 0.5f, cf,
                            pr.cOff, pr.ldc);
                    assertThat(cf).as("float bits, default tile (%s), %s", GemmShape.describe(), pr.describe(1.5, 0.5))
                            .isEqualTo(wantF);
                }
            }
        }
    }
}
