package dev.vecnn.ladder;

import dev.vecnn.kernels.LadderTile;
import dev.vecnn.kernels.Parallel;

/**
 * The loops around a register tile (rungs 5-7), in the order of Goto's algorithm: for each block
 * of B ({@link #KC} x {@link #NC}), pack it into panels of {@code NR} columns (each panel
 * {@code kc x NR}, consecutive); for each block of {@link #MC} rows of A, pack it into panels of
 * {@code MR} rows; then call the tile for every {@code MR x NR} tile of C. A B panel
 * ({@code 256 x 32} floats = 32 KiB) stays in L1 while the tile walks down the A block, and the
 * A block (96 x 256 floats = 96 KiB) stays in L2. Panels are padded with zeros, so the tile
 * never sees a ragged edge; edge tiles of C go through a small buffer. With {@code parallel},
 * the row blocks run on {@link Parallel}'s threads: each writes its own rows of C, and every
 * element is summed in the same order, so the bits do not depend on the thread count.
 */
final class PanelDriver {
    static final int KC = 256;
    static final int MC = 96;
    static final int NC = 512;

    private PanelDriver() {}

    static void multiply(LadderTile tile, boolean parallel, int m, int n, int k, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, float[] c, int cOff, int ldc) {
        int mr = tile.rows();
        int nr = tile.cols();
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
        float[] bPacked = new float[KC * roundUp(NC, nr)];
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packPanels(b, bOff + pc * ldb + jc, ldb, 1, kc, nc, nr, bPacked);
                int blocks = (m + MC - 1) / MC;
                int jcF = jc, pcF = pc;
                java.util.function.IntConsumer rowBlock = blk -> {
                    int ic = blk * MC;
                    int mc = Math.min(MC, m - ic);
                    float[] aPacked = new float[roundUp(mc, mr) * kc];
                    // A's rows are B's columns: pack A^T's block (element (p, i) at a[i * lda + p])
                    packPanels(a, aOff + ic * lda + pcF, 1, lda, kc, mc, mr, aPacked);
                    float[] edge = new float[mr * nr];
                    for (int jr = 0; jr < nc; jr += nr) {
                        for (int ir = 0; ir < mc; ir += mr) {
                            int cAt = cOff + (ic + ir) * ldc + jcF + jr;
                            if (ir + mr <= mc && jr + nr <= nc) {
                                tile.tile(kc, aPacked, ir * kc, bPacked, jr * kc, c, cAt, ldc);
                            } else {
                                java.util.Arrays.fill(edge, 0f);
                                tile.tile(kc, aPacked, ir * kc, bPacked, jr * kc, edge, 0, nr);
                                for (int r = 0; r < Math.min(mr, mc - ir); r++) {
                                    for (int j = 0; j < Math.min(nr, nc - jr); j++) {
                                        c[cAt + r * ldc + j] += edge[r * nr + j];
                                    }
                                }
                            }
                        }
                    }
                };
                if (parallel) {
                    Parallel.forEach(blocks, rowBlock);
                } else {
                    for (int blk = 0; blk < blocks; blk++) {
                        rowBlock.accept(blk);
                    }
                }
            }
        }
    }

    /**
     * Packs a {@code depth x width} block (element (p, j) at {@code src[off + p * pStride + j * jStride]})
     * into panels of {@code w} columns: panel q holds columns {@code q*w ..}, row p of it at
     * {@code q * w * depth + p * w}; missing columns are zeros.
     */
    static void packPanels(float[] src, int off, int pStride, int jStride, int depth, int width, int w, float[] dst) {
        for (int q = 0; q * w < width; q++) {
            int cols = Math.min(w, width - q * w);
            int base = q * w * depth;
            for (int p = 0; p < depth; p++) {
                int from = off + p * pStride + q * w * jStride;
                int to = base + p * w;
                for (int j = 0; j < cols; j++) {
                    dst[to + j] = src[from + j * jStride];
                }
                for (int j = cols; j < w; j++) {
                    dst[to + j] = 0f;
                }
            }
        }
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
