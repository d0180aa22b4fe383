package dev.vecnn.kernels;

/**
 * The blocked GEMM driver shared by the scalar and the SIMD implementation; subclasses supply
 * only the micro-kernel (an {@code mr x nr} register tile of C over one depth block).
 *
 * <p>Loops, outermost first (the BLIS/Goto scheme):
 * <pre>
 *   task      a rectangle of C (split over rows or columns; one task per thread)
 *   jc        columns of the task in blocks of nc           (packed op(B) block: kc x nc)
 *   pc        depth k in blocks of kc                        (pack op(B)[pc, jc])
 *   ic        rows of the task in blocks of mc               (pack op(A)[ic, pc]: mc x kc, fits L2)
 *   jr, ir    micro-tiles nr wide, mr high                   (micro-kernel: the B micro-panel stays in L1)
 * </pre>
 * The first depth block writes {@code C = alpha*acc + beta*C} (C not read when beta == 0); later
 * blocks add {@code C += alpha*acc}. Tiles at the right/bottom edge run the same micro-kernel on
 * zero-padded panels into a scratch tile and then copy the valid part with the same scalar
 * formula, so every element of C sees exactly the same sequence of operations wherever its tile
 * lies. The depth blocking depends on k only, and threads split C, never k: results are
 * bit-identical for any thread count.
 */
public abstract class BlockedGemm implements GemmKernel {
    /** Below this many multiply-adds (m*n*k) a call runs on the calling thread. */
    static final long PARALLEL_MIN_MNK = 1L << 19;

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

    /**
     * Multiplies one packed A micro-panel by one packed B micro-panel over {@code depth} steps:
     * {@code acc[r][j] = sum_p ap[aIdx + p*mr + r] * bp[bIdx + p*nr + j]} (p ascending), then
     * writes the {@code mr x nr} tile at {@code c[cIdx + r*ldc + j]}: when {@code first},
     * {@code c = alpha*acc + beta*c} ({@code c = alpha*acc} without reading c when beta == 0),
     * otherwise {@code c = c + alpha*acc}.
     */
    protected abstract void microKernel(int depth, float[] ap, int aIdx, float[] bp, int bIdx,
                                        float[] c, int cIdx, int ldc, float alpha, float beta,
                                        boolean first);

    /** Double twin of {@link #microKernel(int, float[], int, float[], int, float[], int, int, float, float, boolean)}. */
    protected abstract void microKernel(int depth, double[] ap, int aIdx, double[] bp, int bIdx,
                                        double[] c, int cIdx, int ldc, double alpha, double beta,
                                        boolean first);

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
        // task pack all of op(A) (m x k). Duplicate the smaller one.
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

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (alpha == 0f || k == 0) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        long mnk = (long) m * n * k;
        Blocking bl = f32;
        int rowParts = tasksAlongRows(m, n, mnk, bl);
        int colParts = tasksAlongCols(m, n, mnk, bl);
        int kc = depthBlock(k, bl.kc);
        if (rowParts * colParts == 1) {
            runF32(transA, transB, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    0, m, 0, n, kc, bl);
            return;
        }
        Parallel.forEach(rowParts * colParts, t -> {
            int ri = t / colParts;
            int ci = t % colParts;
            runF32(transA, transB, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    partStart(ri, rowParts, m, bl.mr), partStart(ri + 1, rowParts, m, bl.mr),
                    partStart(ci, colParts, n, bl.nr), partStart(ci + 1, colParts, n, bl.nr),
                    kc, bl);
        });
    }

    /** Computes the rectangle rows [row0, row1) x cols [col0, col1) of C on the current thread. */
    private void runF32(boolean transA, boolean transB, int k, float alpha,
                        float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        float beta, float[] c, int cOff, int ldc,
                        int row0, int row1, int col0, int col1, int kcMax, Blocking bl) {
        final int mr = bl.mr;
        final int nr = bl.nr;
        GemmWorkspace ws = GemmWorkspace.get();
        int ncMax = Math.min(bl.nc, roundUp(col1 - col0, nr));
        int mcMax = Math.min(bl.mc, roundUp(row1 - row0, mr));
        float[] packedB = ws.floatB(kcMax * ncMax);
        float[] packedA = ws.floatA(kcMax * mcMax);
        float[] tile = ws.floatTile(mr * nr);
        for (int jc = col0; jc < col1; jc += bl.nc) {
            int nc = Math.min(bl.nc, col1 - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                boolean first = pc == 0;
                GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, nr, packedB);
                for (int ic = row0; ic < row1; ic += bl.mc) {
                    int mc = Math.min(bl.mc, row1 - ic);
                    GemmPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, mr, packedA);
                    for (int jr = 0; jr < nc; jr += nr) {
                        int cols = Math.min(nr, nc - jr);
                        for (int ir = 0; ir < mc; ir += mr) {
                            int rows = Math.min(mr, mc - ir);
                            int cIdx = cOff + (ic + ir) * ldc + jc + jr;
                            if (rows == mr && cols == nr) {
                                microKernel(kc, packedA, ir * kc, packedB, jr * kc,
                                        c, cIdx, ldc, alpha, beta, first);
                            } else {
                                microKernel(kc, packedA, ir * kc, packedB, jr * kc,
                                        tile, 0, nr, 1f, 0f, true);
                                writeEdge(tile, nr, rows, cols, c, cIdx, ldc, alpha, beta, first);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Writes the valid {@code rows x cols} part of a raw accumulator tile with the micro-kernel's formula. */
    private static void writeEdge(float[] tile, int nr, int rows, int cols, float[] c, int cIdx,
                                  int ldc, float alpha, float beta, boolean first) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                float acc = tile[r * nr + j];
                int ci = cIdx + r * ldc + j;
                if (!first) {
                    c[ci] = c[ci] + alpha * acc;
                } else if (beta == 0f) {
                    c[ci] = alpha * acc;
                } else {
                    c[ci] = alpha * acc + beta * c[ci];
                }
            }
        }
    }

    /** {@code C = beta * C}; C is not read when beta == 0. */
    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        if (beta == 1f) return;
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = 0; j < n; j++) c[row + j] = beta * c[row + j];
            }
        }
    }

    // ---------------------------------------------------------------- double twin of the above

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
        long mnk = (long) m * n * k;
        Blocking bl = f64;
        int rowParts = tasksAlongRows(m, n, mnk, bl);
        int colParts = tasksAlongCols(m, n, mnk, bl);
        int kc = depthBlock(k, bl.kc);
        if (rowParts * colParts == 1) {
            runF64(transA, transB, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    0, m, 0, n, kc, bl);
            return;
        }
        Parallel.forEach(rowParts * colParts, t -> {
            int ri = t / colParts;
            int ci = t % colParts;
            runF64(transA, transB, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    partStart(ri, rowParts, m, bl.mr), partStart(ri + 1, rowParts, m, bl.mr),
                    partStart(ci, colParts, n, bl.nr), partStart(ci + 1, colParts, n, bl.nr),
                    kc, bl);
        });
    }

    private void runF64(boolean transA, boolean transB, int k, double alpha,
                        double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                        double beta, double[] c, int cOff, int ldc,
                        int row0, int row1, int col0, int col1, int kcMax, Blocking bl) {
        final int mr = bl.mr;
        final int nr = bl.nr;
        GemmWorkspace ws = GemmWorkspace.get();
        int ncMax = Math.min(bl.nc, roundUp(col1 - col0, nr));
        int mcMax = Math.min(bl.mc, roundUp(row1 - row0, mr));
        double[] packedB = ws.doubleB(kcMax * ncMax);
        double[] packedA = ws.doubleA(kcMax * mcMax);
        double[] tile = ws.doubleTile(mr * nr);
        for (int jc = col0; jc < col1; jc += bl.nc) {
            int nc = Math.min(bl.nc, col1 - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                boolean first = pc == 0;
                GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, nr, packedB);
                for (int ic = row0; ic < row1; ic += bl.mc) {
                    int mc = Math.min(bl.mc, row1 - ic);
                    GemmPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, mr, packedA);
                    for (int jr = 0; jr < nc; jr += nr) {
                        int cols = Math.min(nr, nc - jr);
                        for (int ir = 0; ir < mc; ir += mr) {
                            int rows = Math.min(mr, mc - ir);
                            int cIdx = cOff + (ic + ir) * ldc + jc + jr;
                            if (rows == mr && cols == nr) {
                                microKernel(kc, packedA, ir * kc, packedB, jr * kc,
                                        c, cIdx, ldc, alpha, beta, first);
                            } else {
                                microKernel(kc, packedA, ir * kc, packedB, jr * kc,
                                        tile, 0, nr, 1, 0, true);
                                writeEdge(tile, nr, rows, cols, c, cIdx, ldc, alpha, beta, first);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void writeEdge(double[] tile, int nr, int rows, int cols, double[] c, int cIdx,
                                  int ldc, double alpha, double beta, boolean first) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double acc = tile[r * nr + j];
                int ci = cIdx + r * ldc + j;
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

    private static int roundUp(int x, int unit) {
        return (x + unit - 1) / unit * unit;
    }
}
