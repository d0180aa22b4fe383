package dev.vecnn.kernels.internal;

/**
 * One implementation of the skinny GEMM's inner work (see {@code SkinnyGemm}): a strip of 1, 2,
 * 4 (or 8) rows of C, all its columns, over one depth block. Two implementations, chosen once by
 * {@code VectorSupport} exactly when the GEMM chooses its own: {@link ScalarSkinnyGemm} (bits of
 * {@link ScalarGemm}) and {@code dev.vecnn.kernels.simd.SimdSkinnyGemm} (bits of
 * {@code dev.vecnn.kernels.simd.SimdGemm}).
 */
public interface SkinnyGemmKernel {

    /**
     * The longest depth block, equal to the matching {@link BlockedGemm}'s {@code kc}: k is cut
     * into the same blocks ({@link BlockedGemm#depthBlock}), so every element of C sees the same
     * operations in the same order as in the blocked GEMM.
     */
    int depthBlock();

    /** The tallest strip {@link #floatStrip} takes: 4 or 8 (rows 1, 2, 4 and this are accepted). */
    int maxStripRows();

    /**
     * Columns of B per panel when B is packed for this kernel ({@code SkinnyPanels}): the widest
     * panel a one-row strip walks, so a batch-1 product streams one contiguous block of B per
     * panel; 0 where B in place streams as fast (B is then not packed).
     */
    int floatPanelColumns();

    /** Double precision twin of {@link #floatPanelColumns}. */
    int doublePanelColumns();

    /**
     * Columns of B per panel of a second packed copy for strips of 4 rows and more
     * ({@code SkinnyPanels}): the panel those strips walk, so that each streams one contiguous
     * block of B per panel; 0 where B is not packed for them.
     */
    int floatStripPanelColumns();

    /** Double precision twin of {@link #floatStripPanelColumns}. */
    int doubleStripPanelColumns();

    /**
     * For {@code r < rows} (1, 2, 4 or {@link #maxStripRows()}) and {@code j < cols}:
     * {@code acc = sum_{p < depth} A(r, p) * B(p, j)}, p ascending, starting from zero, with
     * {@code A(r, p) = a[aIdx + r*aRow + p*aStep]} and {@code B(p, j) = b[bIdx + p*ldb + j]}; then
     * C element {@code c[cIdx + r*ldc + j]} becomes {@code alpha*acc + beta*c} when {@code first}
     * ({@code alpha*acc}, c not read, when beta == 0), else {@code c + alpha*acc}: the blocked
     * GEMM's tile write, one rounding per multiply and per add.
     */
    void floatStrip(int rows, int depth, float[] a, int aIdx, int aRow, int aStep, float[] b, int bIdx, int ldb,
                    int cols, float[] c, int cIdx, int ldc, float alpha, float beta, boolean first);

    /** Double precision twin of {@link #floatStrip}. */
    void doubleStrip(int rows, int depth, double[] a, int aIdx, int aRow, int aStep, double[] b, int bIdx, int ldb,
                     int cols, double[] c, int cIdx, int ldc, double alpha, double beta, boolean first);
}
