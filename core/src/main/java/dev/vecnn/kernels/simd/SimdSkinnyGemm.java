package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.GemmShape;
import dev.vecnn.kernels.internal.SkinnyGemmKernel;

/**
 * SIMD skinny GEMM (Vector API) for C with at most 8 rows and B not transposed: batch-1 and
 * small-batch inference, {@code x @ W} with W stored {@code (in, out)}. Computes every element of
 * C with exactly the operations of {@link SimdGemm}, so the bits do not depend on which of the
 * two kernels ran, on the batch size, or on the thread count:
 * {@code acc = fma(A[r][p], B[p][j], acc)} for p ascending over each depth block of
 * {@link SimdGemm}'s {@code kc} (512), then {@code C = alpha*acc (+ beta*C)} on the first block
 * and {@code C += alpha*acc} after the others (mul, then add).
 *
 * <p>How: the order above is one FMA chain per output element along k, so the kernel vectorises
 * across the outputs j (lanes = consecutive columns of a row of B), not along k. A strip of 1, 2
 * or 4 rows of C walks the columns in panels of 8, 4 or 2 vectors (eight accumulator registers
 * in each case, enough independent chains to hide the FMA latency); on machines with 32 vector
 * registers a strip of 8 rows takes panels of 2 vectors and a single row first takes panels of
 * 16 vectors (16 accumulators: 1 KB of each row of B per step, which streams about 8% faster
 * than 512 bytes at batch 1). For each depth step p a panel broadcasts the rows' A values and
 * multiplies them into one row segment of B, so B is read exactly once per strip, row after row,
 * and the accumulators never leave the registers within a depth block. Panels of one vector follow, then fewer than a vector's columns in scalar
 * {@link Math#fma} chains (the same rounding as a lane). A single row takes its last columns
 * (fewer than eight vectors, at least one) in one pass of eight accumulators instead, the last
 * vector ending at the last column (overlapping the one before) and the spare ones repeating
 * it: one pass instead of up to four latency-bound ones (4-vector, 1-vector panels, scalar). A dot-product kernel (lanes along k,
 * reduced at the end) would read W transposed contiguously too, but sums in another order: a
 * batch-1 result would then differ in the last bits from the same row inside a batch of 100.
 *
 * <p>The loops are in {@link SimdSkinnyFloat} and {@link SimdSkinnyDouble} (the same code over
 * the other type).
 */
public final class SimdSkinnyGemm implements SkinnyGemmKernel {
    /** {@link SimdGemm}'s depth block (float and double), from {@link GemmShape}; the skinny tests hold the bits equal. */
    private static final int DEPTH_BLOCK = GemmShape.KC;
    /**
     * Tallest strip: 8 rows (16 accumulators) where the machine has 32 vector registers
     * (AVX-512, whatever width is forced), else 4 (8 accumulators; AVX2 has 16 registers).
     */
    static final int MAX_STRIP_ROWS = Species.PREFERRED_BITS >= 512 ? 8 : 4;

    @Override
    public int depthBlock() {
        return DEPTH_BLOCK;
    }

    @Override
    public int maxStripRows() {
        return MAX_STRIP_ROWS;
    }

    /**
     * Vectors per column panel of a packed B ({@code SkinnyPanels}): eight (the one-row strip's
     * panel) with 16 vector registers, where one row streaming 256-byte panels beat 256 bytes
     * out of every 2 KB row by 6-15% (Zen 5 at -XX:UseAVX=2, JDK 17, 3072 x 500 float32,
     * {@code SkinnyPanelsCpuTime}); none with 32, where 1 KB panels ran 3-6% slower than B in
     * place (and 512-byte ones 18%), so B is not packed there.
     */
    private static final int PANEL_VECTORS = MAX_STRIP_ROWS == 8 ? 0 : 8;

    @Override
    public int floatPanelColumns() {
        return PANEL_VECTORS * Species.FLOATS.length();
    }

    @Override
    public int doublePanelColumns() {
        return PANEL_VECTORS * Species.DOUBLES.length();
    }

    /**
     * Vectors per column panel of the copy for strips of 4 and 8 rows: two, the panel those
     * strips walk, so a strip streams 64 (AVX2) or 128 (AVX-512) contiguous bytes per depth step
     * instead of that much out of every row of B. Measured (Zen 5, JDK 17, 3072 x 500 float32,
     * {@code SkinnyPanelsCpuTime}, products per CPU-second against B in place): 4 rows +18% and
     * 8 rows +16% at -XX:UseAVX=2; 4 rows +18% and 8 rows +5% at AVX-512. Float only: the double
     * kernels were not measured, so they do not get a copy.
     */
    private static final int STRIP_PANEL_VECTORS = 2;

    @Override
    public int floatStripPanelColumns() {
        return STRIP_PANEL_VECTORS * Species.FLOATS.length();
    }

    @Override
    public int doubleStripPanelColumns() {
        return 0;
    }

    @Override
    public void floatStrip(int rows, int depth, float[] a, int aIdx, int aRow, int aStep, float[] b, int bIdx,
                           int ldb, int cols, float[] c, int cIdx, int ldc, float alpha, float beta, boolean first) {
        SimdSkinnyFloat.strip(rows, depth, a, aIdx, aRow, aStep, b, bIdx, ldb, cols, c, cIdx, ldc, alpha, beta, first);
    }

    @Override
    public void doubleStrip(int rows, int depth, double[] a, int aIdx, int aRow, int aStep, double[] b, int bIdx,
                            int ldb, int cols, double[] c, int cIdx, int ldc, double alpha, double beta, boolean first) {
        SimdSkinnyDouble.strip(rows, depth, a, aIdx, aRow, aStep, b, bIdx, ldb, cols, c, cIdx, ldc, alpha, beta, first);
    }
}
