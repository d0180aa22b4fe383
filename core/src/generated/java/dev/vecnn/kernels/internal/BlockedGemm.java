// Generated from src/template/java/dev/vecnn/kernels/internal/BlockedGemm.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.internal;

/**
 * The blocked GEMM driver shared by the scalar and the SIMD implementation and by both
 * precisions: written once over the array type, it calls the leaf loops of one precision
 * ({@link GemmLeaves}: packing, the micro-kernel on an {@code mr x nr} register tile of C over one
 * depth block, writing a tile back) that the implementation supplies.
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
 *   <li><b>Narrow C.</b> When C (after the orientation choice) has at most as many columns as
 *   the narrow tile ({@code GemmShape}: one vector), the narrow leaves run instead of the wide
 *   ones, so a 10-column C is not padded to a two-vector tile. With A read in place, a last
 *   column panel of at most that many columns runs on the narrow leaves too (B packed apart for
 *   it): C^T of NT 100x500x3072 computes 104 columns instead of 112.</li>
 *   <li><b>Direct A.</b> When op(A) = A is not transposed and there are few columns to amortise
 *   packing over, full row panels are read in place ({@link GemmLeaves#microKernelRows}: mr
 *   row pointers) instead of being packed; only a ragged last panel is packed. A tile without a
 *   fast in-place kernel ({@link GemmLeaves#readsAInPlace}) packs A when C is wide enough for
 *   its bigger register tile to pay for the packing, and hands narrower products to a tile that
 *   reads A in place (same bits: the tile never changes a result).</li>
 * </ul>
 * The first depth block writes {@code C = alpha*acc + beta*C} (C not read when beta == 0), later
 * blocks add {@code C += alpha*acc}. A full tile of C with contiguous rows, alpha 1 and beta 0 (or
 * a later block) is written by the micro-kernel straight from its accumulators
 * ({@link GemmLeaves#microKernelInto}: {@code C = acc}, {@code C += acc}; 1*acc is exact); the
 * others go through a small per-thread scratch tile. The tiles of C^T (the turned-around
 * orientation) go raw into a per-thread panel buffer, one B micro-panel's column of tiles, which
 * {@link GemmLeaves#writePanel} then writes into C whole C rows at a time (NT 100x500x3072 float:
 * +6% at 256 bits, +5% at 512, over writing each 4 x 16 tile's 64 values into 16 C rows).
 * Tiles at the right/bottom edge run the same micro-kernel on padded panels (padding only feeds
 * accumulator rows/columns that are discarded: lanes never mix) and copy only the valid part, with
 * the same formula and rounding, so every element of C sees exactly the same sequence of
 * operations wherever its tile lies. The depth
 * blocking depends on k only, and threads split C, never k: results are bit-identical for any
 * thread count.
 */
public abstract class BlockedGemm implements GemmKernel {
    /** Below this many multiply-adds (m*n*k) a call runs on the calling thread. */
    public static final long PARALLEL_MIN_MNK = 1L << 19;
    /** Read A in place (no packing) when op(A) = A and C has fewer columns than this. */
    static final int DIRECT_A_MAX_COLS = 640;
    /**
     * A tile without an in-place kernel ({@link GemmLeaves#readsAInPlace}) packs A only for C at
     * least this wide; narrower products run on its {@link GemmLeaves#inPlaceLeaves}. Packing
     * costs about 0.5 ns per element of A, what the 6 x 2 float tile gains over 4 x 2 at about
     * 200-250 columns (m = 100, k = 3072; Zen 5, -XX:UseAVX=2, JDK 17: 6 x 2 packed against 4 x 2
     * in place, 48 against 83 GFLOP per CPU-second at 16 columns, equal at 100-256, ahead by
     * 3-10% at 500).
     */
    static final int PACKED_A_MIN_COLS = 256;
    /** Buffer roles in {@link GemmWorkspace}. */
    private static final int PACKED_A = 0;
    private static final int PACKED_B = 1;
    private static final int TILE = 2;
    private static final int PANEL = 3;
    private static final int TAIL_B = 4;

    private final FloatGemmLeaves f32;
    private final DoubleGemmLeaves f64;
    private final FloatGemmLeaves f32Narrow;
    private final DoubleGemmLeaves f64Narrow;

    /** One tile per precision for every shape. */
    protected BlockedGemm(FloatGemmLeaves f32, DoubleGemmLeaves f64) {
        this(f32, f64, f32, f64);
    }

    /**
     * A wide tile per precision, and a narrow one for C with at most {@code narrow.nr} columns
     * (after the orientation choice), so a 10-column C is not padded to a wide tile.
     */
    protected BlockedGemm(FloatGemmLeaves f32, DoubleGemmLeaves f64,
                          FloatGemmLeaves f32Narrow, DoubleGemmLeaves f64Narrow) {
        this.f32 = f32;
        this.f64 = f64;
        this.f32Narrow = f32Narrow;
        this.f64Narrow = f64Narrow;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOff, int lda,
                      float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc) {
        gemm(f32, f32Narrow, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, double[] a, int aOff, int lda,
                      double[] b, int bOff, int ldb,
                      double beta, double[] c, int cOff, int ldc) {
        gemm(f64, f64Narrow, transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** Depth block size used for depth k: k split into equal blocks of at most {@code kc}. */
    public static int depthBlock(int k, int kc) {
        int blocks = (k + kc - 1) / kc;
        return (k + blocks - 1) / blocks;
    }

    /** Number of parts the rows of C are split into (one task per part and thread). */
    private static int tasksAlongRows(int m, int n, long mnk, GemmLeaves<?> bl) {
        int threads = Pool.threads();
        if (threads == 1 || mnk < PARALLEL_MIN_MNK) return 1;
        // Splitting rows makes every task pack all of op(B) (k x n); splitting columns makes every
        // task pack (or read) all of op(A) (m x k). Duplicate the smaller one.
        if (m >= n) return Math.min(threads, (m + bl.mr - 1) / bl.mr);
        return 1;
    }

    /** Number of parts the columns of C are split into (when rows are not split). */
    private static int tasksAlongCols(int m, int n, long mnk, GemmLeaves<?> bl) {
        int threads = Pool.threads();
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

    /** The GEMM of {@link GemmKernel} in the precision of {@code leaves} (alpha and beta exact). */
    private static <A> void gemm(GemmLeaves<A> leaves, GemmLeaves<A> narrow, boolean transA, boolean transB, int m, int n, int k,
                                 double alpha, A a, int aOff, int lda, A b, int bOff, int ldb,
                                 double beta, A c, int cOff, int ldc) {
        if (m == 0 || n == 0) return;
        if (alpha == 0 || k == 0) {
            leaves.scale(m, n, beta, c, cOff, ldc);
            return;
        }
        if (transB && m < n) {
            // C^T = op(B)^T op(A)^T: the big operand B becomes the (unpacked) A side
            run(leavesFor(m <= narrow.nr ? narrow : leaves, !transB, m), narrow, !transB, !transA, n, m, k,
                    alpha, b, bOff, ldb, a, aOff, lda, beta, c, cOff, 1, ldc);
        } else {
            run(leavesFor(n <= narrow.nr ? narrow : leaves, transA, n), narrow, transA, transB, m, n, k,
                    alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, 1);
        }
    }

    /**
     * The leaves for a (re-oriented) product whose C is {@code n} columns wide: those of a tile
     * without an in-place kernel hand a narrow product with op(A) = A to their in-place partner.
     */
    private static <A> GemmLeaves<A> leavesFor(GemmLeaves<A> bl, boolean transA, int n) {
        return transA || n >= PACKED_A_MIN_COLS || bl.readsAInPlace() ? bl : bl.inPlaceLeaves();
    }

    /**
     * Runs the (possibly re-oriented) problem; C element (i, j) is at {@code cOff + i*cRow + j*cCol}.
     * With A read in place, a last column panel of at most {@code narrow.nr} columns runs on the
     * narrow tile instead of a padded wide one.
     */
    private static <A> void run(GemmLeaves<A> bl, GemmLeaves<A> narrow, boolean transA, boolean transB, int m, int n, int k,
                                double alpha, A a, int aOff, int lda, A b, int bOff, int ldb,
                                double beta, A c, int cOff, int cRow, int cCol) {
        long mnk = (long) m * n * k;
        int rowParts = tasksAlongRows(m, n, mnk, bl);
        int colParts = tasksAlongCols(m, n, mnk, bl);
        int kc = depthBlock(k, bl.kc);
        boolean directA = !transA && n < DIRECT_A_MAX_COLS && bl.readsAInPlace();
        GemmLeaves<A> tail = directA && narrow != bl && narrow.readsAInPlace() && narrow.nr < bl.nr ? narrow : null;
        if (rowParts * colParts == 1) {
            task(bl, tail, transA, transB, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, cRow, cCol,
                    0, m, 0, n, kc, directA);
            return;
        }
        Pool.forEach(rowParts * colParts, t -> {
            int ri = t / colParts;
            int ci = t % colParts;
            task(bl, tail, transA, transB, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, cRow, cCol,
                    partStart(ri, rowParts, m, bl.mr), partStart(ri + 1, rowParts, m, bl.mr),
                    partStart(ci, colParts, n, bl.nr), partStart(ci + 1, colParts, n, bl.nr),
                    kc, directA);
        });
    }

    /**
     * Computes the rectangle rows [row0, row1) x cols [col0, col1) of C on the current thread;
     * {@code tail} (A read in place; else null) takes a last column panel of at most its nr columns.
     */
    private static <A> void task(GemmLeaves<A> bl, GemmLeaves<A> tail, boolean transA, boolean transB, int k, double alpha,
                                 A a, int aOff, int lda, A b, int bOff, int ldb,
                                 double beta, A c, int cOff, int cRow, int cCol,
                                 int row0, int row1, int col0, int col1, int kcMax, boolean directA) {
        final int mr = bl.mr;
        final int nr = bl.nr;
        GemmWorkspace ws = GemmWorkspace.get();
        int ncMax = Math.min(bl.nc, roundUp(col1 - col0, nr));
        int mcMax = Math.min(bl.mc, roundUp(row1 - row0, mr));
        A packedB = ws.buffer(bl, PACKED_B, kcMax * ncMax);
        int mrMax = tail == null ? mr : Math.max(mr, tail.mr);
        A packedA = ws.buffer(bl, PACKED_A, kcMax * (directA ? mrMax : mcMax));
        A tile = ws.buffer(bl, TILE, tail == null ? mr * nr : Math.max(mr * nr, tail.mr * tail.nr));
        A tailB = tail == null ? null : ws.buffer(bl, TAIL_B, kcMax * tail.nr);
        // C^T (cCol != 1): the tiles of one B micro-panel go into a panel buffer, written into C
        // once the panel is done (writePanel: whole rows of C at a time instead of mr values)
        boolean panels = cCol != 1;
        A panel = panels ? ws.buffer(bl, PANEL, roundUp(mcMax, mrMax) * nr) : null;
        for (int jc = col0; jc < col1; jc += bl.nc) {
            int nc = Math.min(bl.nc, col1 - jc);
            // a last panel narrow enough for the tail tile: B packed for it apart, nr = tail.nr
            int rest = nc % nr;
            int ncWide = tail != null && rest > 0 && rest <= tail.nr ? nc - rest : nc;
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                boolean first = pc == 0;
                bl.packB(transB, b, bOff, ldb, pc, kc, jc, ncWide, nr, packedB);
                if (ncWide < nc) tail.packB(transB, b, bOff, ldb, pc, kc, jc + ncWide, nc - ncWide, tail.nr, tailB);
                for (int ic = row0; ic < row1; ic += bl.mc) {
                    int mc = Math.min(bl.mc, row1 - ic);
                    int fullRows = mc / mr * mr;
                    if (!directA) {
                        bl.packA(transA, a, aOff, lda, ic, mc, pc, kc, mr, packedA);
                    } else if (fullRows < mc) {
                        bl.packA(transA, a, aOff, lda, ic + fullRows, mc - fullRows, pc, kc, mr, packedA);
                    }
                    // the packed B micro-panel is reused by every A micro-panel of the block (ir
                    // outside jr was measured slower, also with A read in place)
                    for (int jr = 0; jr < ncWide; jr += nr) {
                        if (panels) {
                            for (int ir = 0; ir < mc; ir += mr) {
                                panelTile(bl, kc, ic, ir, jr, mc, directA, a, aOff + pc, lda, packedA, packedB, tile, panel, nr);
                            }
                            bl.writePanel(panel, mc, Math.min(nr, nc - jr), c, cOff + ic * cRow + (jc + jr) * cCol,
                                    cRow, cCol, alpha, beta, first);
                            continue;
                        }
                        for (int ir = 0; ir < mc; ir += mr) {
                            tile(bl, kc, ic, ir, jc, jr, mc, nc, directA, a, aOff + pc, lda, packedA, packedB, tile,
                                    c, cOff, cRow, cCol, alpha, beta, first);
                        }
                    }
                    if (ncWide < nc) {
                        // the narrow last panel on the tail tile (its ragged rows packed for it)
                        int tr = tail.mr;
                        int tailRows = mc / tr * tr;
                        if (tailRows < mc) {
                            tail.packA(transA, a, aOff, lda, ic + tailRows, mc - tailRows, pc, kc, tr, packedA);
                        }
                        if (panels) {
                            for (int ir = 0; ir < mc; ir += tr) {
                                panelTile(tail, kc, ic, ir, 0, mc, directA, a, aOff + pc, lda, packedA, tailB, tile, panel, nr);
                            }
                            bl.writePanel(panel, mc, nc - ncWide, c, cOff + ic * cRow + (jc + ncWide) * cCol,
                                    cRow, cCol, alpha, beta, first);
                        } else {
                            for (int ir = 0; ir < mc; ir += tr) {
                                tile(tail, kc, ic, ir, jc + ncWide, 0, mc, nc - ncWide, directA, a, aOff + pc, lda,
                                        packedA, tailB, tile, c, cOff, cRow, cCol, alpha, beta, first);
                            }
                        }
                    }
                }
            }
        }
    }

    /** One micro-tile of a panel of C^T: its raw accumulators into rows ir.. of {@code panel} (row length ldp). */
    private static <A> void panelTile(GemmLeaves<A> bl, int kc, int ic, int ir, int jr, int mc, boolean directA,
                                      A a, int aOff, int lda, A packedA, A packedB, A tile, A panel, int ldp) {
        int mr = bl.mr;
        if (!directA) {
            bl.microKernelInto(kc, packedA, ir * kc, packedB, jr * kc, tile, panel, ir * ldp, ldp, false);
        } else if (ir + mr <= mc) {
            bl.microKernelRowsInto(kc, a, aOff + (ic + ir) * lda, lda, packedB, jr * kc, tile, panel, ir * ldp, ldp, false);
        } else {
            // ragged last rows (packed): the panel buffer has room for a whole tile there
            bl.microKernelInto(kc, packedA, 0, packedB, jr * kc, tile, panel, ir * ldp, ldp, false);
        }
    }

    /** One micro-tile: C rows ic+ir.., columns jc+jr.. over the depth block; writes it into C. */
    private static <A> void tile(GemmLeaves<A> bl, int kc, int ic, int ir, int jc, int jr, int mc, int nc,
                                 boolean directA, A a, int aOff, int lda, A packedA, A packedB, A tile,
                                 A c, int cOff, int cRow, int cCol, double alpha, double beta, boolean first) {
        int mr = bl.mr;
        int nr = bl.nr;
        int rows = Math.min(mr, mc - ir);
        int cols = Math.min(nr, nc - jr);
        int cIdx = cOff + (ic + ir) * cRow + (jc + jr) * cCol;
        if (cCol == 1 && rows == mr && cols == nr && alpha == 1 && (!first || beta == 0)) {
            // the common case: the micro-kernel writes C from its registers (no scratch tile)
            if (!directA) {
                bl.microKernelInto(kc, packedA, ir * kc, packedB, jr * kc, tile, c, cIdx, cRow, !first);
            } else {
                bl.microKernelRowsInto(kc, a, aOff + (ic + ir) * lda, lda, packedB, jr * kc, tile, c, cIdx, cRow, !first);
            }
            return;
        }
        if (!directA) {
            bl.microKernel(kc, packedA, ir * kc, packedB, jr * kc, tile);
        } else if (rows == mr) {
            bl.microKernelRows(kc, a, aOff + (ic + ir) * lda, lda, packedB, jr * kc, tile);
        } else {
            bl.microKernel(kc, packedA, 0, packedB, jr * kc, tile);
        }
        if (cCol == 1 && rows == mr && cols == nr) {
            bl.writeTile(tile, c, cIdx, cRow, alpha, beta, first);
        } else {
            bl.writeEdge(tile, rows, cols, c, cIdx, cRow, cCol, alpha, beta, first);
        }
    }
}
