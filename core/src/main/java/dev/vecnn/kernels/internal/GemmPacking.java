package dev.vecnn.kernels.internal;

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
        // transposed A is stored like a non-transposed B (and the other way round)
        packPanels(leaves, transA, 2, a, aOff, lda, row0, rows, p0, depth, mr, dst, dstOff);
    }

    /**
     * Packs {@code op(B)[p0 .. p0+depth)[col0 .. col0+cols)} into {@code dst}.
     * op(B)[p][j] is {@code b[bOff + p*ldb + j]}, or {@code b[bOff + j*ldb + p]} when transposed.
     */
    static <A> void packB(GemmLeaves<A> leaves, boolean transB, A b, int bOff, int ldb, int p0,
                          int depth, int col0, int cols, int nr, A dst) {
        packPanels(leaves, !transB, 4, b, bOff, ldb, col0, cols, p0, depth, nr, dst, 0);
    }

    /**
     * Packs {@code count} lines (rows of op(A) or columns of op(B)), lines {@code first ..}, steps
     * {@code p0 .. p0+depth}, into panels of {@code width} lines: value (line q*width + i, step p)
     * goes to {@code dst[dstOff + q*width*depth + p*width + i]}, missing lines of the last panel
     * zero. Value (line, p) is {@code src[off + p*ld + line]} when {@code alongLines} (a step's
     * lines are contiguous: copied), else {@code src[off + line*ld + p]} (a transposition,
     * {@code together} lines at a time, each read along p).
     */
    private static <A> void packPanels(GemmLeaves<A> leaves, boolean alongLines, int together, A src, int off,
                                       int ld, int first, int count, int p0, int depth, int width,
                                       A dst, int dstOff) {
        for (int q = 0; q < count; q += width) {
            int panelLines = Math.min(width, count - q);
            int base = dstOff + q * depth;
            if (alongLines) {
                for (int p = 0; p < depth; p++) {
                    int d = base + p * width;
                    System.arraycopy(src, off + (p0 + p) * ld + first + q, dst, d, panelLines);
                    leaves.zero(dst, d + panelLines, d + width);
                }
                continue;
            }
            int i = 0;
            for (; i + together <= panelLines; i += together) {
                leaves.interleave(src, off + (first + q + i) * ld + p0, ld, together, depth, dst, base + i, width);
            }
            for (; i < panelLines; i++) {
                leaves.interleave(src, off + (first + q + i) * ld + p0, ld, 1, depth, dst, base + i, width);
            }
            if (panelLines < width) {
                for (int p = 0; p < depth; p++) leaves.zero(dst, base + p * width + panelLines, base + p * width + width);
            }
        }
    }
}
