package dev.vecnn.bench.oldgemm;

// Frozen copy of the GEMM before the gemm3 branch, so GemmBench (impl=old) can compare in one run.

import dev.vecnn.kernels.GemmKernel;
import dev.vecnn.kernels.Parallel;

/**
 * The blocked GEMM driver shared by the scalar and the SIMD implementation; subclasses supply
 * the micro-kernels (an {@code mr x nr} register tile of C over one depth block) and may
 * replace the packing loops with faster ones.
 *
 * <p>Loops, outermost first (the BLIS/Goto scheme):
 * <pre>
 *   task      a rectangle of C (rows or columns split between threads)
 *   jc        columns of the task in blocks of nc
 *   pc        depth k in blocks of kc                   pack op(B)[pc, jc] (kc x nc) into nr-wide panels
 *   ic        rows of the task in blocks of mc          pack op(A)[ic, pc] (mc x kc) into mr-high panels
 *   jr, ir    micro-tiles nr wide, mr high              micro-kernel; the B micro-panel stays in L1
 * </pre>
 * Two choices depend only on the shape (never on the thread count):
 * <ul>
 *   <li><b>Orientation.</b> Packing op(B) when B is transposed is a transposition (slow, one
 *   scalar move per element). When op(B) is the bigger operand ({@code transB && m < n}) the
 *   driver computes {@code C^T = op(B)^T * op(A)^T} instead, so the big matrix becomes the A
 *   operand, and writes the tiles of {@code C^T} into C transposed.</li>
 *   <li><b>Direct A.</b> When op(A) = A is not transposed and there are few columns to amortise
 *   packing over, full row panels are read in place ({@link #microKernelRows}: mr row
 *   pointers) instead of being packed; only a ragged last panel is packed.</li>
 * </ul>
 * The micro-kernel leaves its accumulators in a small per-thread scratch tile; the first depth
 * block then writes {@code C = alpha*acc + beta*C} (C not read when beta == 0), later blocks add
 * {@code C += alpha*acc}. Tiles at the right/bottom edge run the same micro-kernel on padded
 * panels (padding only feeds accumulator rows/columns that are discarded: lanes never mix) and
 * copy only the valid part, with the same formula and rounding, so every element of C sees
 * exactly the same sequence of operations wherever its tile lies. The depth
 * blocking depends on k only, and threads split C, never k: results are bit-identical for any
 * thread count.
 */
public abstract class BlockedGemm implements GemmKernel {
    /** Below this many multiply-adds (m*n*k) a call runs on the calling thread. */
    static final long PARALLEL_MIN_MNK = 1L << 19;
    /** Read A in place (no packing) when op(A) = A and C has fewer columns than this. */
    static final int DIRECT_A_MAX_COLS = 640;

    private final Blocking f32;
    private final Blocking f64;

    /** Register tile and cache blocking of one precision. */
    protected static final class Blocking {
        final int mr;
        final int nr;
        final int kc;
        final int mc;
        final int nc;

        /**
         * @param mr micro-tile rows, @param nr micro-tile columns, @param kc depth block,
         * @param mc row block (rounded down to a multiple of mr), @param nc column block
         * (rounded down to a multiple of nr)
         */
        public Blocking(int mr, int nr, int kc, int mc, int nc) {
            this.mr = mr;
            this.nr = nr;
            this.kc = kc;
            this.mc = Math.max(mr, mc / mr * mr);
            this.nc = Math.max(nr, nc / nr * nr);
        }
    }

    protected BlockedGemm(Blocking f32, Blocking f64) {
        this.f32 = f32;
        this.f64 = f64;
    }

    /** Depth block size used for depth k: k split into equal blocks of at most {@code kc}. */
    static int depthBlock(int k, int kc) {
        int blocks = (k + kc - 1) / kc;
        return (k + blocks - 1) / blocks;
    }

    /** Number of parts the rows of C are split into (one task per part and thread). */
    private static int tasksAlongRows(int m, int n, long mnk, Blocking bl) {
        int threads = Parallel.threads();
        if (threads == 1 || mnk < PARALLEL_MIN_MNK) return 1;
        // Splitting rows makes every task pack all of op(B) (k x n); splitting columns makes every
        // task pack (or read) all of op(A) (m x k). Duplicate the smaller one.
        if (m >= n) return Math.min(threads, (m + bl.mr - 1) / bl.mr);
        return 1;
    }

    /** Number of parts the columns of C are split into (when rows are not split). */
    private static int tasksAlongCols(int m, int n, long mnk, Blocking bl) {
        int threads = Parallel.threads();
        if (threads == 1 || mnk < PARALLEL_MIN_MNK || m >= n) return 1;
        return Math.min(threads, (n + bl.nr - 1) / bl.nr);
    }

    /** Start of part {@code i} of {@code parts} when {@code length} is split in whole units. */
    private static int partStart(int i, int parts, int length, int unit) {
        int units = (length + unit - 1) / unit;
        return Math.min(length, (int) ((long) i * units / parts) * unit);
    }

    private static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }

    // ------------------------------------------------------------------------------ float

    /**
     * Multiplies one packed A micro-panel by one packed B micro-panel over {@code depth} steps and
     * stores the raw {@code mr x nr} accumulator tile, row-major, into {@code acc[0 .. mr*nr)}:
     * {@code acc[r*nr + j] = sum_p ap[aIdx + p*mr + r] * bp[bIdx + p*nr + j]}, p ascending.
     */
    protected abstract void microKernel(int depth, float[] ap, int aIdx, float[] bp, int bIdx, float[] acc);

    /**
     * Same as {@link #microKernel(int, float[], int, float[], int, float[])} with A read in place:
     * the A value of row r at step p is {@code a[aIdx + r*lda + p]}. Must round exactly like the
     * packed version.
     */
    protected abstract void microKernelRows(int depth, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] acc);

    /**
     * Writes a full {@code mr x nr} accumulator tile into C at {@code c[cIdx + r*ldc + j]}: when
     * {@code first}, {@code c = alpha*acc + beta*c} ({@code c = alpha*acc} without reading c when
     * beta == 0), otherwise {@code c = c + alpha*acc}. Implementations must round exactly like
     * this scalar version (one rounding per multiply and per add, no fused multiply-add).
     */
    protected void writeTile(float[] acc, float[] c, int cIdx, int ldc, float alpha, float beta,
                             boolean first) {
        writeEdge(acc, f32.nr, f32.mr, f32.nr, c, cIdx, ldc, 1, alpha, beta, first);
    }

    /** Packs a block of op(A); see {@link GemmPacking#packA(boolean, float[], int, int, int, int, int, int, int, float[], int)}. */
    protected void packA(boolean transA, float[] a, int aOff, int lda, int row0, int rows,
                         int p0, int depth, int mr, float[] dst) {
        GemmPacking.packA(transA, a, aOff, lda, row0, rows, p0, depth, mr, dst, 0);
    }

    /** The scalar packing of {@link GemmPacking}, writing from {@code dst[dstOff]}. */
    protected final void packA(boolean transA, float[] a, int aOff, int lda, int row0, int rows,
                               int p0, int depth, int mr, float[] dst, int dstOff) {
        GemmPacking.packA(transA, a, aOff, lda, row0, rows, p0, depth, mr, dst, dstOff);
    }

    /** Packs a block of op(B); see {@link GemmPacking#packB(boolean, float[], int, int, int, int, int, int, int, float[])}. */
    protected void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int depth,
                         int col0, int cols, int nr, float[] dst) {
        GemmPacking.packB(transB, b, bOff, ldb, p0, depth, col0, cols, nr, dst);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (alpha == 0 || k == 0) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        if (transB && m < n) {
            // C^T = op(B)^T op(A)^T: the big operand B becomes the (unpacked) A side
            runF32(!transB, !transA, n, m, k, alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, 1, ldc);
        } else {
            runF32(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, 1);
        }
    }

    /** Runs the (possibly re-oriented) problem; C element (i, j) is at {@code cOff + i*cRow + j*cCol}. */
    private void runF32(boolean transA, boolean transB, int m, int n, int k, float alpha,
                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float beta, float[] c, int cOff, int cRow, int cCol) {
        long mnk = (long) m * n * k;
        Blocking bl = f32;
        int rowParts = tasksAlongRows(m, n, mnk, bl);
        int colParts = tasksAlongCols(m, n, mnk, bl);
        int kc = depthBlock(k, bl.kc);
        boolean directA = !transA && n < DIRECT_A_MAX_COLS;
        if (rowParts * colParts == 1) {
            taskF32(transA, transB, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, cRow, cCol,
                    0, m, 0, n, kc, bl, directA);
            return;
        }
        Parallel.forEach(rowParts * colParts, t -> {
            int ri = t / colParts;
            int ci = t % colParts;
            taskF32(transA, transB, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, cRow, cCol,
                    partStart(ri, rowParts, m, bl.mr), partStart(ri + 1, rowParts, m, bl.mr),
                    partStart(ci, colParts, n, bl.nr), partStart(ci + 1, colParts, n, bl.nr),
                    kc, bl, directA);
        });
    }

    /** Computes the rectangle rows [row0, row1) x cols [col0, col1) of C on the current thread. */
    private void taskF32(boolean transA, boolean transB, int k, float alpha,
                         float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float beta, float[] c, int cOff, int cRow, int cCol,
                         int row0, int row1, int col0, int col1, int kcMax, Blocking bl,
                         boolean directA) {
        final int mr = bl.mr;
        final int nr = bl.nr;
        GemmWorkspace ws = GemmWorkspace.get();
        int ncMax = Math.min(bl.nc, roundUp(col1 - col0, nr));
        int mcMax = Math.min(bl.mc, roundUp(row1 - row0, mr));
        float[] packedB = ws.floatB(kcMax * ncMax);
        float[] packedA = ws.floatA(kcMax * (directA ? mr : mcMax));
        float[] tile = ws.floatTile(mr * nr);
        boolean vectorWrite = cCol == 1;
        for (int jc = col0; jc < col1; jc += bl.nc) {
            int nc = Math.min(bl.nc, col1 - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                boolean first = pc == 0;
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, nr, packedB);
                for (int ic = row0; ic < row1; ic += bl.mc) {
                    int mc = Math.min(bl.mc, row1 - ic);
                    int fullRows = mc / mr * mr;
                    if (!directA) {
                        packA(transA, a, aOff, lda, ic, mc, pc, kc, mr, packedA);
                    } else if (fullRows < mc) {
                        packA(transA, a, aOff, lda, ic + fullRows, mc - fullRows, pc, kc, mr, packedA);
                    }
                    for (int jr = 0; jr < nc; jr += nr) {
                        int cols = Math.min(nr, nc - jr);
                        for (int ir = 0; ir < mc; ir += mr) {
                            int rows = Math.min(mr, mc - ir);
                            if (!directA) {
                                microKernel(kc, packedA, ir * kc, packedB, jr * kc, tile);
                            } else if (rows == mr) {
                                microKernelRows(kc, a, aOff + (ic + ir) * lda + pc, lda, packedB, jr * kc, tile);
                            } else {
                                microKernel(kc, packedA, 0, packedB, jr * kc, tile);
                            }
                            int cIdx = cOff + (ic + ir) * cRow + (jc + jr) * cCol;
                            if (vectorWrite && rows == mr && cols == nr) {
                                writeTile(tile, c, cIdx, cRow, alpha, beta, first);
                            } else {
                                writeEdge(tile, nr, rows, cols, c, cIdx, cRow, cCol, alpha, beta, first);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Writes the valid {@code rows x cols} part of a raw accumulator tile (the formula of
     * writeTile); tile element (r, j) goes to {@code c[cIdx + r*cRow + j*cCol]}.
     */
    private static void writeEdge(float[] tile, int nr, int rows, int cols, float[] c, int cIdx,
                                  int cRow, int cCol, float alpha, float beta, boolean first) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                float acc = tile[r * nr + j];
                int ci = cIdx + r * cRow + j * cCol;
                if (!first) {
                    c[ci] = c[ci] + alpha * acc;
                } else if (beta == 0) {
                    c[ci] = alpha * acc;
                } else {
                    c[ci] = alpha * acc + beta * c[ci];
                }
            }
        }
    }

    /** {@code C = beta * C}; C is not read when beta == 0. */
    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1) return;
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0) {
                java.util.Arrays.fill(c, row, row + n, 0);
            } else {
                for (int j = 0; j < n; j++) c[row + j] = beta * c[row + j];
            }
        }
    }

    // ------------------------------------------------------------------------------ double

    /**
     * Multiplies one packed A micro-panel by one packed B micro-panel over {@code depth} steps and
     * stores the raw {@code mr x nr} accumulator tile, row-major, into {@code acc[0 .. mr*nr)}:
     * {@code acc[r*nr + j] = sum_p ap[aIdx + p*mr + r] * bp[bIdx + p*nr + j]}, p ascending.
     */
    protected abstract void microKernel(int depth, double[] ap, int aIdx, double[] bp, int bIdx, double[] acc);

    /**
     * Same as {@link #microKernel(int, double[], int, double[], int, double[])} with A read in place:
     * the A value of row r at step p is {@code a[aIdx + r*lda + p]}. Must round exactly like the
     * packed version.
     */
    protected abstract void microKernelRows(int depth, double[] a, int aIdx, int lda, double[] bp, int bIdx, double[] acc);

    /**
     * Writes a full {@code mr x nr} accumulator tile into C at {@code c[cIdx + r*ldc + j]}: when
     * {@code first}, {@code c = alpha*acc + beta*c} ({@code c = alpha*acc} without reading c when
     * beta == 0), otherwise {@code c = c + alpha*acc}. Implementations must round exactly like
     * this scalar version (one rounding per multiply and per add, no fused multiply-add).
     */
    protected void writeTile(double[] acc, double[] c, int cIdx, int ldc, double alpha, double beta,
                             boolean first) {
        writeEdge(acc, f64.nr, f64.mr, f64.nr, c, cIdx, ldc, 1, alpha, beta, first);
    }

    /** Packs a block of op(A); see {@link GemmPacking#packA(boolean, double[], int, int, int, int, int, int, int, double[], int)}. */
    protected void packA(boolean transA, double[] a, int aOff, int lda, int row0, int rows,
                         int p0, int depth, int mr, double[] dst) {
        GemmPacking.packA(transA, a, aOff, lda, row0, rows, p0, depth, mr, dst, 0);
    }

    /** The scalar packing of {@link GemmPacking}, writing from {@code dst[dstOff]}. */
    protected final void packA(boolean transA, double[] a, int aOff, int lda, int row0, int rows,
                               int p0, int depth, int mr, double[] dst, int dstOff) {
        GemmPacking.packA(transA, a, aOff, lda, row0, rows, p0, depth, mr, dst, dstOff);
    }

    /** Packs a block of op(B); see {@link GemmPacking#packB(boolean, double[], int, int, int, int, int, int, int, double[])}. */
    protected void packB(boolean transB, double[] b, int bOff, int ldb, int p0, int depth,
                         int col0, int cols, int nr, double[] dst) {
        GemmPacking.packB(transB, b, bOff, ldb, p0, depth, col0, cols, nr, dst);
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (alpha == 0 || k == 0) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        if (transB && m < n) {
            // C^T = op(B)^T op(A)^T: the big operand B becomes the (unpacked) A side
            runF64(!transB, !transA, n, m, k, alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, 1, ldc);
        } else {
            runF64(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, 1);
        }
    }

    /** Runs the (possibly re-oriented) problem; C element (i, j) is at {@code cOff + i*cRow + j*cCol}. */
    private void runF64(boolean transA, boolean transB, int m, int n, int k, double alpha,
                        double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                        double beta, double[] c, int cOff, int cRow, int cCol) {
        long mnk = (long) m * n * k;
        Blocking bl = f64;
        int rowParts = tasksAlongRows(m, n, mnk, bl);
        int colParts = tasksAlongCols(m, n, mnk, bl);
        int kc = depthBlock(k, bl.kc);
        boolean directA = !transA && n < DIRECT_A_MAX_COLS;
        if (rowParts * colParts == 1) {
            taskF64(transA, transB, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, cRow, cCol,
                    0, m, 0, n, kc, bl, directA);
            return;
        }
        Parallel.forEach(rowParts * colParts, t -> {
            int ri = t / colParts;
            int ci = t % colParts;
            taskF64(transA, transB, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, cRow, cCol,
                    partStart(ri, rowParts, m, bl.mr), partStart(ri + 1, rowParts, m, bl.mr),
                    partStart(ci, colParts, n, bl.nr), partStart(ci + 1, colParts, n, bl.nr),
                    kc, bl, directA);
        });
    }

    /** Computes the rectangle rows [row0, row1) x cols [col0, col1) of C on the current thread. */
    private void taskF64(boolean transA, boolean transB, int k, double alpha,
                         double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                         double beta, double[] c, int cOff, int cRow, int cCol,
                         int row0, int row1, int col0, int col1, int kcMax, Blocking bl,
                         boolean directA) {
        final int mr = bl.mr;
        final int nr = bl.nr;
        GemmWorkspace ws = GemmWorkspace.get();
        int ncMax = Math.min(bl.nc, roundUp(col1 - col0, nr));
        int mcMax = Math.min(bl.mc, roundUp(row1 - row0, mr));
        double[] packedB = ws.doubleB(kcMax * ncMax);
        double[] packedA = ws.doubleA(kcMax * (directA ? mr : mcMax));
        double[] tile = ws.doubleTile(mr * nr);
        boolean vectorWrite = cCol == 1;
        for (int jc = col0; jc < col1; jc += bl.nc) {
            int nc = Math.min(bl.nc, col1 - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                boolean first = pc == 0;
                packB(transB, b, bOff, ldb, pc, kc, jc, nc, nr, packedB);
                for (int ic = row0; ic < row1; ic += bl.mc) {
                    int mc = Math.min(bl.mc, row1 - ic);
                    int fullRows = mc / mr * mr;
                    if (!directA) {
                        packA(transA, a, aOff, lda, ic, mc, pc, kc, mr, packedA);
                    } else if (fullRows < mc) {
                        packA(transA, a, aOff, lda, ic + fullRows, mc - fullRows, pc, kc, mr, packedA);
                    }
                    for (int jr = 0; jr < nc; jr += nr) {
                        int cols = Math.min(nr, nc - jr);
                        for (int ir = 0; ir < mc; ir += mr) {
                            int rows = Math.min(mr, mc - ir);
                            if (!directA) {
                                microKernel(kc, packedA, ir * kc, packedB, jr * kc, tile);
                            } else if (rows == mr) {
                                microKernelRows(kc, a, aOff + (ic + ir) * lda + pc, lda, packedB, jr * kc, tile);
                            } else {
                                microKernel(kc, packedA, 0, packedB, jr * kc, tile);
                            }
                            int cIdx = cOff + (ic + ir) * cRow + (jc + jr) * cCol;
                            if (vectorWrite && rows == mr && cols == nr) {
                                writeTile(tile, c, cIdx, cRow, alpha, beta, first);
                            } else {
                                writeEdge(tile, nr, rows, cols, c, cIdx, cRow, cCol, alpha, beta, first);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Writes the valid {@code rows x cols} part of a raw accumulator tile (the formula of
     * writeTile); tile element (r, j) goes to {@code c[cIdx + r*cRow + j*cCol]}.
     */
    private static void writeEdge(double[] tile, int nr, int rows, int cols, double[] c, int cIdx,
                                  int cRow, int cCol, double alpha, double beta, boolean first) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double acc = tile[r * nr + j];
                int ci = cIdx + r * cRow + j * cCol;
                if (!first) {
                    c[ci] = c[ci] + alpha * acc;
                } else if (beta == 0) {
                    c[ci] = alpha * acc;
                } else {
                    c[ci] = alpha * acc + beta * c[ci];
                }
            }
        }
    }

    /** {@code C = beta * C}; C is not read when beta == 0. */
    private static void scale(int m, int n, double beta, double[] c, int cOff, int ldc) {
        if (beta == 1) return;
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0) {
                java.util.Arrays.fill(c, row, row + n, 0);
            } else {
                for (int j = 0; j < n; j++) c[row + j] = beta * c[row + j];
            }
        }
    }
}
