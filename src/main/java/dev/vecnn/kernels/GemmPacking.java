package dev.vecnn.kernels;

/**
 * Packs blocks of op(A) and op(B) into the layout the GEMM micro-kernels stream through, for
 * either precision (the element moves are the leaves' {@code interleave}, {@code zero} and
 * {@link System#arraycopy}).
 *
 * <p>A block of op(A) ({@code rows x depth}) becomes row panels of {@code mr} rows: panel
 * {@code q} starts at {@code q * mr * depth} and holds, for each {@code p}, the {@code mr}
 * values {@code op(A)[q*mr + r][p]} next to each other. A block of op(B)
 * ({@code depth x cols}) becomes column panels of {@code nr} columns: panel {@code q} starts at
 * {@code q * nr * depth} and holds, for each {@code p}, the {@code nr} values
 * {@code op(B)[p][q*nr + j]}. Missing rows/columns of a last, narrower panel are zero here, so
 * every micro-kernel call sees a full {@code mr x nr} tile (their values only reach accumulators
 * that are discarded, so faster packers may leave other finite or non-finite values there).
 * Because of this layout, all four transpose combinations share one micro-kernel: only the
 * packing loops know about transposes.
 */
final class GemmPacking {
    private GemmPacking() {}

    /**
     * Packs {@code op(A)[row0 .. row0+rows)[p0 .. p0+depth)} into {@code dst} from {@code dstOff}.
     * op(A)[i][p] is {@code a[aOff + i*lda + p]}, or {@code a[aOff + p*lda + i]} when transposed.
     */
    static <A> void packA(GemmLeaves<A> leaves, boolean transA, A a, int aOff, int lda, int row0,
                          int rows, int p0, int depth, int mr, A dst, int dstOff) {
        for (int q = 0; q < rows; q += mr) {
            int panelRows = Math.min(mr, rows - q);
            int base = dstOff + q * depth;
            if (transA) {
                for (int p = 0; p < depth; p++) {
                    int d = base + p * mr;
                    System.arraycopy(a, aOff + (p0 + p) * lda + row0 + q, dst, d, panelRows);
                    leaves.zero(dst, d + panelRows, d + mr);
                }
            } else {
                // a transposition: two source rows at a time, each read along p
                int r = 0;
                for (; r + 2 <= panelRows; r += 2) {
                    leaves.interleave(a, aOff + (row0 + q + r) * lda + p0, lda, 2, depth, dst, base + r, mr);
                }
                for (; r < panelRows; r++) {
                    leaves.interleave(a, aOff + (row0 + q + r) * lda + p0, lda, 1, depth, dst, base + r, mr);
                }
                if (panelRows < mr) {
                    for (int p = 0; p < depth; p++) leaves.zero(dst, base + p * mr + panelRows, base + p * mr + mr);
                }
            }
        }
    }

    /**
     * Packs {@code op(B)[p0 .. p0+depth)[col0 .. col0+cols)} into {@code dst}.
     * op(B)[p][j] is {@code b[bOff + p*ldb + j]}, or {@code b[bOff + j*ldb + p]} when transposed.
     */
    static <A> void packB(GemmLeaves<A> leaves, boolean transB, A b, int bOff, int ldb, int p0,
                          int depth, int col0, int cols, int nr, A dst) {
        for (int q = 0; q < cols; q += nr) {
            int panelCols = Math.min(nr, cols - q);
            int base = q * depth;
            if (transB) {
                // a transposition: four source rows at a time, each read along p
                int j = 0;
                for (; j + 4 <= panelCols; j += 4) {
                    leaves.interleave(b, bOff + (col0 + q + j) * ldb + p0, ldb, 4, depth, dst, base + j, nr);
                }
                for (; j < panelCols; j++) {
                    leaves.interleave(b, bOff + (col0 + q + j) * ldb + p0, ldb, 1, depth, dst, base + j, nr);
                }
                if (panelCols < nr) {
                    for (int p = 0; p < depth; p++) leaves.zero(dst, base + p * nr + panelCols, base + p * nr + nr);
                }
            } else {
                for (int p = 0; p < depth; p++) {
                    int d = base + p * nr;
                    System.arraycopy(b, bOff + (p0 + p) * ldb + col0 + q, dst, d, panelCols);
                    leaves.zero(dst, d + panelCols, d + nr);
                }
            }
        }
    }
}
