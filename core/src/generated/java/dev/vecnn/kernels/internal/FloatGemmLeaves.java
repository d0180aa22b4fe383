// Generated from src/template/java/dev/vecnn/kernels/internal/$EGemmLeaves.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.internal;

import java.util.Arrays;

/**
 * The float leaf loops of the GEMM driver (see {@link GemmLeaves}): writing tiles
 * into C ({@code c = alpha*acc + beta*c} or {@code c += alpha*acc}, float arithmetic, no fused
 * multiply-add), scaling C, and the element moves of the packing. Implementations add the
 * micro-kernels and may replace the packing and the full-tile write with faster versions.
 */
public abstract class FloatGemmLeaves extends GemmLeaves<float[]> {

    /**
     * @param mr micro-tile rows, @param nr micro-tile columns, @param kc depth block,
     * @param mc row block (rounded down to a multiple of mr), @param nc column block
     * (rounded down to a multiple of nr)
     */
    protected FloatGemmLeaves(int mr, int nr, int kc, int mc, int nc) {
        super(0, mr, nr, kc, mc, nc);
    }

    @Override
    final float[] newArray(int size) {
        return new float[size];
    }

    @Override
    protected final void writeTile(float[] acc, float[] c, int cIdx, int ldc, double alpha, double beta, boolean first) {
        writeTile(acc, c, cIdx, ldc, (float) alpha, (float) beta, first);
    }

    /**
     * Writes a full {@code mr x nr} tile with the formula of {@link GemmLeaves#writeTile};
     * implementations must round exactly like {@link #writeEdge}.
     */
    protected void writeTile(float[] acc, float[] c, int cIdx, int ldc, float alpha, float beta, boolean first) {
        writeEdge(acc, mr, nr, c, cIdx, ldc, 1, alpha, beta, first);
    }

    @Override
    final void writeEdge(float[] tile, int rows, int cols, float[] c, int cIdx, int cRow, int cCol,
                         double alpha, double beta, boolean first) {
        writeEdge(tile, 0, rows, cols, c, cIdx, cRow, cCol, alpha, beta, first);
    }

    /** {@link #writeEdge} of the tile starting at {@code tile[tileOff]} (row length nr). */
    protected final void writeEdge(float[] tile, int tileOff, int rows, int cols, float[] c, int cIdx, int cRow, int cCol,
                                   double alphaD, double betaD, boolean first) {
        float alpha = (float) alphaD;
        float beta = (float) betaD;
        if (cCol == 1) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    store(c, cIdx + r * cRow + j, tile[tileOff + r * nr + j], alpha, beta, first);
                }
            }
        } else {
            // a tile of C^T: its columns are contiguous in C, so write column by column (row by
            // row, each C line would be touched once per tile row; with C's rows a multiple of
            // 4 KB apart those lines share one L1 set and were evicted in between)
            for (int j = 0; j < cols; j++) {
                for (int r = 0; r < rows; r++) {
                    store(c, cIdx + r * cRow + j * cCol, tile[tileOff + r * nr + j], alpha, beta, first);
                }
            }
        }
    }

    /** One element of the tile write: the formula of {@link GemmLeaves#writeTile}. */
    static void store(float[] c, int ci, float acc, float alpha, float beta, boolean first) {
        if (!first) {
            c[ci] = c[ci] + alpha * acc;
        } else if (beta == 0) {
            c[ci] = alpha * acc;
        } else {
            c[ci] = alpha * acc + beta * c[ci];
        }
    }

    @Override
    final void scale(int m, int n, double betaD, float[] c, int cOff, int ldc) {
        float beta = (float) betaD;
        if (beta == 1) return;
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0) {
                Arrays.fill(c, row, row + n, 0);
            } else {
                for (int j = 0; j < n; j++) c[row + j] = beta * c[row + j];
            }
        }
    }

    @Override
    final void interleave(float[] src, int s0, int ld, int count, int depth, float[] dst, int d0, int stride) {
        if (count == 4) {
            int s1 = s0 + ld;
            int s2 = s1 + ld;
            int s3 = s2 + ld;
            for (int p = 0, d = d0; p < depth; p++, d += stride) {
                dst[d] = src[s0 + p];
                dst[d + 1] = src[s1 + p];
                dst[d + 2] = src[s2 + p];
                dst[d + 3] = src[s3 + p];
            }
        } else if (count == 2) {
            int s1 = s0 + ld;
            for (int p = 0, d = d0; p < depth; p++, d += stride) {
                dst[d] = src[s0 + p];
                dst[d + 1] = src[s1 + p];
            }
        } else {
            for (int p = 0; p < depth; p++) dst[d0 + p * stride] = src[s0 + p];
        }
    }

    @Override
    final void zero(float[] dst, int from, int to) {
        for (int i = from; i < to; i++) dst[i] = 0;
    }
}
