package dev.vecnn.bench.oldgemm;

// Frozen copy of the GEMM before the gemm3 branch, so GemmBench (impl=old) can compare in one run.

import dev.vecnn.kernels.GemmKernel;
import dev.vecnn.kernels.Parallel;

/**
 * Packs blocks of op(A) and op(B) into the layout the GEMM micro-kernels stream through.
 *
 * <p>A block of op(A) ({@code rows x depth}) becomes row panels of {@code mr} rows: panel
 * {@code q} starts at {@code q * mr * depth} and holds, for each {@code p}, the {@code mr}
 * values {@code op(A)[q*mr + r][p]} next to each other. A block of op(B)
 * ({@code depth x cols}) becomes column panels of {@code nr} columns: panel {@code q} starts at
 * {@code q * nr * depth} and holds, for each {@code p}, the {@code nr} values
 * {@code op(B)[p][q*nr + j]}. Missing rows/columns of a last, narrower panel are zero here, so
 * every micro-kernel call sees a full {@code mr x nr} tile (their values only reach accumulators
 * that are discarded, so faster packers may leave other finite or non-finite values there). Because of this layout, all four
 * transpose combinations share one micro-kernel: only the packing loops know about transposes.
 */
final class GemmPacking {
    private GemmPacking() {}

    /**
     * Packs {@code op(A)[row0 .. row0+rows)[p0 .. p0+depth)} into {@code dst} from {@code dstOff}.
     * op(A)[i][p] is {@code a[aOff + i*lda + p]}, or {@code a[aOff + p*lda + i]} when transposed.
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int row0, int rows,
                      int p0, int depth, int mr, float[] dst, int dstOff) {
        for (int q = 0; q < rows; q += mr) {
            int panelRows = Math.min(mr, rows - q);
            int base = dstOff + q * depth;
            if (transA) {
                for (int p = 0; p < depth; p++) {
                    int src = aOff + (p0 + p) * lda + row0 + q;
                    int d = base + p * mr;
                    for (int r = 0; r < panelRows; r++) dst[d + r] = a[src + r];
                    for (int r = panelRows; r < mr; r++) dst[d + r] = 0f;
                }
            } else {
                // a transposition: two source rows at a time, each read along p
                int r = 0;
                for (; r + 2 <= panelRows; r += 2) {
                    int s0 = aOff + (row0 + q + r) * lda + p0;
                    int s1 = s0 + lda;
                    for (int p = 0, d = base + r; p < depth; p++, d += mr) {
                        dst[d] = a[s0 + p];
                        dst[d + 1] = a[s1 + p];
                    }
                }
                for (; r < panelRows; r++) {
                    int src = aOff + (row0 + q + r) * lda + p0;
                    for (int p = 0; p < depth; p++) dst[base + p * mr + r] = a[src + p];
                }
                for (r = panelRows; r < mr; r++) {
                    for (int p = 0; p < depth; p++) dst[base + p * mr + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs {@code op(B)[p0 .. p0+depth)[col0 .. col0+cols)} into {@code dst}.
     * op(B)[p][j] is {@code b[bOff + p*ldb + j]}, or {@code b[bOff + j*ldb + p]} when transposed.
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int depth,
                      int col0, int cols, int nr, float[] dst) {
        for (int q = 0; q < cols; q += nr) {
            int panelCols = Math.min(nr, cols - q);
            int base = q * depth;
            if (transB) {
                // a transposition: four source rows at a time, each read along p
                int j = 0;
                for (; j + 4 <= panelCols; j += 4) {
                    int s0 = bOff + (col0 + q + j) * ldb + p0;
                    int s1 = s0 + ldb;
                    int s2 = s1 + ldb;
                    int s3 = s2 + ldb;
                    for (int p = 0, d = base + j; p < depth; p++, d += nr) {
                        dst[d] = b[s0 + p];
                        dst[d + 1] = b[s1 + p];
                        dst[d + 2] = b[s2 + p];
                        dst[d + 3] = b[s3 + p];
                    }
                }
                for (; j < panelCols; j++) {
                    int src = bOff + (col0 + q + j) * ldb + p0;
                    for (int p = 0; p < depth; p++) dst[base + p * nr + j] = b[src + p];
                }
                for (j = panelCols; j < nr; j++) {
                    for (int p = 0; p < depth; p++) dst[base + p * nr + j] = 0f;
                }
            } else {
                for (int p = 0; p < depth; p++) {
                    int src = bOff + (p0 + p) * ldb + col0 + q;
                    int d = base + p * nr;
                    for (int j = 0; j < panelCols; j++) dst[d + j] = b[src + j];
                    for (int j = panelCols; j < nr; j++) dst[d + j] = 0f;
                }
            }
        }
    }

    /** Double twin of {@link #packA(boolean, float[], int, int, int, int, int, int, int, float[], int)}. */
    static void packA(boolean transA, double[] a, int aOff, int lda, int row0, int rows,
                      int p0, int depth, int mr, double[] dst, int dstOff) {
        for (int q = 0; q < rows; q += mr) {
            int panelRows = Math.min(mr, rows - q);
            int base = dstOff + q * depth;
            if (transA) {
                for (int p = 0; p < depth; p++) {
                    int src = aOff + (p0 + p) * lda + row0 + q;
                    int d = base + p * mr;
                    for (int r = 0; r < panelRows; r++) dst[d + r] = a[src + r];
                    for (int r = panelRows; r < mr; r++) dst[d + r] = 0;
                }
            } else {
                // a transposition: two source rows at a time, each read along p
                int r = 0;
                for (; r + 2 <= panelRows; r += 2) {
                    int s0 = aOff + (row0 + q + r) * lda + p0;
                    int s1 = s0 + lda;
                    for (int p = 0, d = base + r; p < depth; p++, d += mr) {
                        dst[d] = a[s0 + p];
                        dst[d + 1] = a[s1 + p];
                    }
                }
                for (; r < panelRows; r++) {
                    int src = aOff + (row0 + q + r) * lda + p0;
                    for (int p = 0; p < depth; p++) dst[base + p * mr + r] = a[src + p];
                }
                for (r = panelRows; r < mr; r++) {
                    for (int p = 0; p < depth; p++) dst[base + p * mr + r] = 0;
                }
            }
        }
    }

    /** Double twin of {@link #packB(boolean, float[], int, int, int, int, int, int, int, float[])}. */
    static void packB(boolean transB, double[] b, int bOff, int ldb, int p0, int depth,
                      int col0, int cols, int nr, double[] dst) {
        for (int q = 0; q < cols; q += nr) {
            int panelCols = Math.min(nr, cols - q);
            int base = q * depth;
            if (transB) {
                // a transposition: four source rows at a time, each read along p
                int j = 0;
                for (; j + 4 <= panelCols; j += 4) {
                    int s0 = bOff + (col0 + q + j) * ldb + p0;
                    int s1 = s0 + ldb;
                    int s2 = s1 + ldb;
                    int s3 = s2 + ldb;
                    for (int p = 0, d = base + j; p < depth; p++, d += nr) {
                        dst[d] = b[s0 + p];
                        dst[d + 1] = b[s1 + p];
                        dst[d + 2] = b[s2 + p];
                        dst[d + 3] = b[s3 + p];
                    }
                }
                for (; j < panelCols; j++) {
                    int src = bOff + (col0 + q + j) * ldb + p0;
                    for (int p = 0; p < depth; p++) dst[base + p * nr + j] = b[src + p];
                }
                for (j = panelCols; j < nr; j++) {
                    for (int p = 0; p < depth; p++) dst[base + p * nr + j] = 0;
                }
            } else {
                for (int p = 0; p < depth; p++) {
                    int src = bOff + (p0 + p) * ldb + col0 + q;
                    int d = base + p * nr;
                    for (int j = 0; j < panelCols; j++) dst[d + j] = b[src + j];
                    for (int j = panelCols; j < nr; j++) dst[d + j] = 0;
                }
            }
        }
    }
}
