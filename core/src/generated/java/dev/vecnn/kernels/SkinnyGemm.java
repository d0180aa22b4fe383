// Generated from src/template/java/dev/vecnn/kernels/SkinnyGemm.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.BlockedGemm;
import dev.vecnn.kernels.internal.Pool;
import dev.vecnn.kernels.internal.SkinnyGemmKernel;

/**
 * The GEMM for C with few rows ({@code 1 <= m <=} {@value #MAX_ROWS}) and B not transposed:
 * batch-1 and small-batch inference ({@code x @ W}), where the blocked GEMM's register tile
 * (several rows of C) would mostly multiply padding. {@link Gemm} routes those calls here.
 *
 * <p>Same bits as the blocked GEMM. Every element of C gets the operations {@code BlockedGemm}
 * gives it: k cut into the same depth blocks, one multiply-add chain per block, p ascending
 * (fused in SIMD, multiply-then-add in scalar, as the implementation's GEMM does), then the same
 * tile write. So a row's result does not depend on how many rows are multiplied with it (an
 * inference model gives one example the same scores alone or in a batch of 100) nor on the
 * thread count. What changes is the traversal: rows are taken in strips of 8 (with 32 vector registers), 4, 2 or 1
 * ({@code SkinnyGemmKernel.floatStrip}); within a strip, B is streamed once per depth block, row
 * by row, into accumulators that stay in registers; nothing is packed.
 *
 * <p>Threads split the columns of C (in whole cache lines), never k.
 */
public final class SkinnyGemm {
    /** The most rows of C this kernel takes. */
    public static final int MAX_ROWS = 8;
    /** Columns of C per thread are a multiple of this (64 floats: whole cache lines for both types). */
    private static final int COLUMN_UNIT = 64;

    private SkinnyGemm() {}

    /** True if a call with these arguments goes to the skinny kernel (the others need the blocked GEMM). */
    static boolean handles(boolean transB, int m, int n, int k, double alpha) {
        return !transB && m >= 1 && m <= MAX_ROWS && n > 0 && k > 0 && alpha != 0;
    }

    /** Rows in the next strip when {@code left} rows remain: the kernel's tallest (8 or 4), 4, 2 or 1. */
    private static int stripRows(int left, int tallest) {
        return left >= tallest ? tallest : left >= 4 ? 4 : left >= 2 ? 2 : 1;
    }

    /** Number of column parts (one per thread) for an m x n x k product. */
    private static int columnParts(int m, int n, int k) {
        int threads = Pool.threads();
        if (threads == 1 || (long) m * n * k < BlockedGemm.PARALLEL_MIN_MNK) return 1;
        return Math.min(threads, (n + COLUMN_UNIT - 1) / COLUMN_UNIT);
    }

    private static int partStart(int i, int parts, int n) {
        int units = (n + COLUMN_UNIT - 1) / COLUMN_UNIT;
        return Math.min(n, (int) ((long) i * units / parts) * COLUMN_UNIT);
    }

    /** Panels of {@code panelCols} columns over n columns: {@code n / panelCols}, at least one (the last takes the rest). */
    static int panelCount(int n, int panelCols) {
        return Math.max(1, n / panelCols);
    }

    /** Columns of panel q ({@link #panelCount} panels): panelCols, the last one the rest of n too. */
    static int panelWidth(int q, int n, int panelCols) {
        return q == panelCount(n, panelCols) - 1 ? n - q * panelCols : panelCols;
    }

    /** {@code C = alpha * op(A) * B + beta * C} with the arguments of {@link Gemm#sgemm}, already checked. */
    static void sgemm(SkinnyGemmKernel kernel, boolean transA, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        int kc = BlockedGemm.depthBlock(k, kernel.depthBlock());
        int parts = columnParts(m, n, k);
        if (parts == 1) {
            floatColumns(kernel, transA, m, k, kc, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, 0, n);
            return;
        }
        Pool.forEach(parts, t -> floatColumns(kernel, transA, m, k, kc, alpha, a, aOff, lda, b, bOff, ldb,
                beta, c, cOff, ldc, partStart(t, parts, n), partStart(t + 1, parts, n)));
    }

    /**
     * {@code C = alpha * A * B + beta * C} (A not transposed) with B given as its column panels
     * ({@link SkinnyPanels}'s layout: panel q holds columns {@code [q*panelCols, ...)} (the last
     * one up to n: {@link #panelWidth}), its k rows back to back, from {@code q*panelCols*k}). The same strips and depth blocks as
     * {@link #sgemm}, so the same bits; each panel is one contiguous stream. Threads take whole
     * panels.
     */
    static void sgemmPanels(SkinnyGemmKernel kernel, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                            float[] panels, int panelCols, float beta, float[] c, int cOff, int ldc) {
        int kc = BlockedGemm.depthBlock(k, kernel.depthBlock());
        int count = panelCount(n, panelCols);
        int parts = Math.min(columnParts(m, n, k), count);
        if (parts <= 1) {
            floatPanels(kernel, m, n, k, kc, alpha, a, aOff, lda, panels, panelCols, beta, c, cOff, ldc, 0, count);
            return;
        }
        Pool.forEach(parts, t -> floatPanels(kernel, m, n, k, kc, alpha, a, aOff, lda, panels, panelCols,
                beta, c, cOff, ldc, (int) ((long) t * count / parts), (int) ((long) (t + 1) * count / parts)));
    }

    /** {@code C = alpha * op(A) * B + beta * C} with the arguments of {@link Gemm#dgemm}, already checked. */
    static void dgemm(SkinnyGemmKernel kernel, boolean transA, int m, int n, int k,
                      double alpha, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        int kc = BlockedGemm.depthBlock(k, kernel.depthBlock());
        int parts = columnParts(m, n, k);
        if (parts == 1) {
            doubleColumns(kernel, transA, m, k, kc, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, 0, n);
            return;
        }
        Pool.forEach(parts, t -> doubleColumns(kernel, transA, m, k, kc, alpha, a, aOff, lda, b, bOff, ldb,
                beta, c, cOff, ldc, partStart(t, parts, n), partStart(t + 1, parts, n)));
    }

    /**
     * {@code C = alpha * A * B + beta * C} (A not transposed) with B given as its column panels
     * ({@link SkinnyPanels}'s layout: panel q holds columns {@code [q*panelCols, ...)} (the last
     * one up to n: {@link #panelWidth}), its k rows back to back, from {@code q*panelCols*k}). The same strips and depth blocks as
     * {@link #dgemm}, so the same bits; each panel is one contiguous stream. Threads take whole
     * panels.
     */
    static void dgemmPanels(SkinnyGemmKernel kernel, int m, int n, int k, double alpha, double[] a, int aOff, int lda,
                            double[] panels, int panelCols, double beta, double[] c, int cOff, int ldc) {
        int kc = BlockedGemm.depthBlock(k, kernel.depthBlock());
        int count = panelCount(n, panelCols);
        int parts = Math.min(columnParts(m, n, k), count);
        if (parts <= 1) {
            doublePanels(kernel, m, n, k, kc, alpha, a, aOff, lda, panels, panelCols, beta, c, cOff, ldc, 0, count);
            return;
        }
        Pool.forEach(parts, t -> doublePanels(kernel, m, n, k, kc, alpha, a, aOff, lda, panels, panelCols,
                beta, c, cOff, ldc, (int) ((long) t * count / parts), (int) ((long) (t + 1) * count / parts)));
    }

    /** Panels [q0, q1) of B: for each panel, depth blocks, then strips of rows. */
    private static void floatPanels(SkinnyGemmKernel kernel, int m, int n, int k, int kc, float alpha,
                                    float[] a, int aOff, int lda, float[] panels, int panelCols,
                                    float beta, float[] c, int cOff, int ldc, int q0, int q1) {
        for (int q = q0; q < q1; q++) {
            int col0 = q * panelCols;
            int width = panelWidth(q, n, panelCols);
            int base = col0 * k;
            for (int pc = 0; pc < k; pc += kc) {
                int depth = Math.min(kc, k - pc);
                for (int r = 0; r < m; ) {
                    int rows = stripRows(m - r, kernel.maxStripRows());
                    kernel.floatStrip(rows, depth, a, aOff + r * lda + pc, lda, 1, panels, base + pc * width, width,
                            width, c, cOff + r * ldc + col0, ldc, alpha, beta, pc == 0);
                    r += rows;
                }
            }
        }
    }

    /** Panels [q0, q1) of B: for each panel, depth blocks, then strips of rows. */
    private static void doublePanels(SkinnyGemmKernel kernel, int m, int n, int k, int kc, double alpha,
                                    double[] a, int aOff, int lda, double[] panels, int panelCols,
                                    double beta, double[] c, int cOff, int ldc, int q0, int q1) {
        for (int q = q0; q < q1; q++) {
            int col0 = q * panelCols;
            int width = panelWidth(q, n, panelCols);
            int base = col0 * k;
            for (int pc = 0; pc < k; pc += kc) {
                int depth = Math.min(kc, k - pc);
                for (int r = 0; r < m; ) {
                    int rows = stripRows(m - r, kernel.maxStripRows());
                    kernel.doubleStrip(rows, depth, a, aOff + r * lda + pc, lda, 1, panels, base + pc * width, width,
                            width, c, cOff + r * ldc + col0, ldc, alpha, beta, pc == 0);
                    r += rows;
                }
            }
        }
    }

    /** Columns [col0, col1) of C: depth blocks outermost, then strips of rows. */
    private static void floatColumns(SkinnyGemmKernel kernel, boolean transA, int m, int k, int kc, float alpha,
                                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                     float beta, float[] c, int cOff, int ldc, int col0, int col1) {
        int aRow = transA ? 1 : lda;
        int aStep = transA ? lda : 1;
        for (int pc = 0; pc < k; pc += kc) {
            int depth = Math.min(kc, k - pc);
            for (int r = 0; r < m; ) {
                int rows = stripRows(m - r, kernel.maxStripRows());
                kernel.floatStrip(rows, depth, a, aOff + r * aRow + pc * aStep, aRow, aStep,
                        b, bOff + pc * ldb + col0, ldb, col1 - col0, c, cOff + r * ldc + col0, ldc,
                        alpha, beta, pc == 0);
                r += rows;
            }
        }
    }

    /** Columns [col0, col1) of C: depth blocks outermost, then strips of rows. */
    private static void doubleColumns(SkinnyGemmKernel kernel, boolean transA, int m, int k, int kc, double alpha,
                                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                     double beta, double[] c, int cOff, int ldc, int col0, int col1) {
        int aRow = transA ? 1 : lda;
        int aStep = transA ? lda : 1;
        for (int pc = 0; pc < k; pc += kc) {
            int depth = Math.min(kc, k - pc);
            for (int r = 0; r < m; ) {
                int rows = stripRows(m - r, kernel.maxStripRows());
                kernel.doubleStrip(rows, depth, a, aOff + r * aRow + pc * aStep, aRow, aStep,
                        b, bOff + pc * ldb + col0, ldb, col1 - col0, c, cOff + r * ldc + col0, ldc,
                        alpha, beta, pc == 0);
                r += rows;
            }
        }
    }
}
