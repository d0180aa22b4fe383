package dev.vecnn.kernels.internal;

/**
 * The leaf loops of one precision that the GEMM driver ({@link BlockedGemm}) calls: pack a block
 * of op(A) or op(B), run the micro-kernel on one register tile, write a tile back into C. The
 * driver's blocking, threading and orientation logic is written once over {@code A}
 * ({@code float[]} or {@code double[]}); everything that does arithmetic or moves elements is
 * here, in {@link FloatGemmLeaves} and {@link DoubleGemmLeaves}, and in the implementations'
 * micro-kernels ({@link ScalarGemm}, {@code dev.vecnn.kernels.simd.SimdGemm}).
 *
 * <p>The driver passes alpha and beta as {@code double}; the float leaves narrow them back
 * (exact: they were floats), so every operation on C is done in the array's precision.
 *
 * @param <A> the array type, {@code float[]} or {@code double[]}
 */
public abstract class GemmLeaves<A> {
    /** Micro-tile rows and columns (the register tile). */
    final int mr;
    final int nr;
    /** Depth block, row block (a multiple of mr) and column block (a multiple of nr). */
    final int kc;
    final int mc;
    final int nc;
    /** Index of this precision's buffers in {@link GemmWorkspace}. */
    final int precision;

    GemmLeaves(int precision, int mr, int nr, int kc, int mc, int nc) {
        this.precision = precision;
        this.mr = mr;
        this.nr = nr;
        this.kc = kc;
        this.mc = Math.max(mr, mc / mr * mr);
        this.nc = Math.max(nr, nc / nr * nr);
    }

    /** A new zeroed array of this precision. */
    abstract A newArray(int size);

    /**
     * Multiplies one packed A micro-panel by one packed B micro-panel over {@code depth} steps and
     * stores the raw {@code mr x nr} accumulator tile, row-major, into {@code acc[0 .. mr*nr)}:
     * {@code acc[r*nr + j] = sum_p ap[aIdx + p*mr + r] * bp[bIdx + p*nr + j]}, p ascending.
     */
    protected abstract void microKernel(int depth, A ap, int aIdx, A bp, int bIdx, A acc);

    /**
     * Same as {@link #microKernel} with A read in place: the A value of row r at step p is
     * {@code a[aIdx + r*lda + p]}. Must round exactly like the packed version.
     */
    protected abstract void microKernelRows(int depth, A a, int aIdx, int lda, A bp, int bIdx, A acc);

    /**
     * Whether {@link #microKernelRows} may be used; true unless an implementation says its tile
     * has no fast in-place kernel. For such a tile the driver packs A, or hands a product too
     * narrow for the packing to pay to {@link #inPlaceLeaves}.
     */
    protected boolean readsAInPlace() {
        return true;
    }

    /**
     * Leaves of the same precision whose tile reads A in place, for the narrow products of a
     * tile that does not ({@link #readsAInPlace}); this tile itself by default.
     */
    protected GemmLeaves<A> inPlaceLeaves() {
        return this;
    }

    /**
     * {@link #microKernel} followed by the write of the full tile into C ({@code c[cIdx + r*ldc + j]}):
     * {@code c = c + acc} when {@code add}, else {@code c = acc} (c not read); the bits of
     * {@link #writeTile} with alpha 1, beta 0 and {@code first = !add}. This default goes through
     * the scratch {@code tile}; implementations may write C straight from the accumulators.
     */
    protected void microKernelInto(int depth, A ap, int aIdx, A bp, int bIdx, A tile,
                                   A c, int cIdx, int ldc, boolean add) {
        microKernel(depth, ap, aIdx, bp, bIdx, tile);
        writeTile(tile, c, cIdx, ldc, 1, 0, !add);
    }

    /** {@link #microKernelRows} followed by the tile write of {@link #microKernelInto}. */
    protected void microKernelRowsInto(int depth, A a, int aIdx, int lda, A bp, int bIdx, A tile,
                                       A c, int cIdx, int ldc, boolean add) {
        microKernelRows(depth, a, aIdx, lda, bp, bIdx, tile);
        writeTile(tile, c, cIdx, ldc, 1, 0, !add);
    }

    /**
     * Writes a full {@code mr x nr} accumulator tile into C at {@code c[cIdx + r*ldc + j]}: when
     * {@code first}, {@code c = alpha*acc + beta*c} ({@code c = alpha*acc} without reading c when
     * beta == 0), otherwise {@code c = c + alpha*acc}; rounded exactly like {@link #writeEdge}.
     */
    protected abstract void writeTile(A acc, A c, int cIdx, int ldc, double alpha, double beta, boolean first);

    /**
     * Writes the valid {@code rows x cols} part of a raw accumulator tile (row length {@code nr})
     * with the formula of writeTile; tile element (r, j) goes to {@code c[cIdx + r*cRow + j*cCol]}.
     * One rounding per multiply and per add, no fused multiply-add.
     */
    abstract void writeEdge(A tile, int rows, int cols, A c, int cIdx, int cRow, int cCol,
                            double alpha, double beta, boolean first);

    /**
     * Writes the valid {@code rows x cols} part of a panel of raw accumulator rows (row length
     * {@code nr}, any number of rows) with the formula and rounding of {@link #writeEdge}; the
     * driver uses it for the tiles of C^T ({@code cCol != 1}). This default is {@code writeEdge}.
     */
    protected void writePanel(A panel, int rows, int cols, A c, int cIdx, int cRow, int cCol,
                              double alpha, double beta, boolean first) {
        writeEdge(panel, rows, cols, c, cIdx, cRow, cCol, alpha, beta, first);
    }

    /** {@code C = beta * C} for an {@code m x n} C; C is not read when beta == 0. */
    abstract void scale(int m, int n, double beta, A c, int cOff, int ldc);

    /**
     * Interleaves {@code count} source rows (row i at {@code src[s0 + i*ld ..]}, {@code depth}
     * values) into {@code dst}: value p of row i goes to {@code dst[d0 + p*stride + i]}.
     * The packing's transpositions; {@code count} is 1, 2 or 4.
     */
    abstract void interleave(A src, int s0, int ld, int count, int depth, A dst, int d0, int stride);

    /** {@code dst[from .. to) = 0}. */
    abstract void zero(A dst, int from, int to);

    /** Packs a block of op(A); see {@link GemmPacking#packA}. Implementations may do it faster. */
    protected void packA(boolean transA, A a, int aOff, int lda, int row0, int rows,
                         int p0, int depth, int mr, A dst) {
        GemmPacking.packA(this, transA, a, aOff, lda, row0, rows, p0, depth, mr, dst, 0);
    }

    /** The portable packing of {@link GemmPacking}, writing from {@code dst[dstOff]}. */
    protected final void packA(boolean transA, A a, int aOff, int lda, int row0, int rows,
                               int p0, int depth, int mr, A dst, int dstOff) {
        GemmPacking.packA(this, transA, a, aOff, lda, row0, rows, p0, depth, mr, dst, dstOff);
    }

    /** Packs a block of op(B); see {@link GemmPacking#packB}. Implementations may do it faster. */
    protected void packB(boolean transB, A b, int bOff, int ldb, int p0, int depth,
                         int col0, int cols, int nr, A dst) {
        GemmPacking.packB(this, transB, b, bOff, ldb, p0, depth, col0, cols, nr, dst);
    }
}
