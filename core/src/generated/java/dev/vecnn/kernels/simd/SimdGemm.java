// Generated from src/template/java/dev/vecnn/kernels/simd/SimdGemm.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.GemmShape;
import dev.vecnn.kernels.internal.BlockedGemm;
import dev.vecnn.kernels.internal.DoubleGemmLeaves;
import dev.vecnn.kernels.internal.FloatGemmLeaves;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD GEMM (Vector API): the blocked, packed driver of {@link BlockedGemm} with register-tiled
 * micro-kernels ({@link SimdGemmFloatTiles}, {@link SimdGemmDoubleTiles}): for each
 * {@code rows x (vectors * lanes)} tile of C and each depth block,
 * {@code acc[r][j] = fma(A[r][p], B[p][j], acc[r][j])} for p ascending, then
 * {@code C = alpha*acc (+ beta*C)} or {@code C += alpha*acc} (mul, then add).
 *
 * <p>The tile comes from {@link GemmShape} (8 x 2 vectors with 32 vector registers; with 16, 3 x 3
 * for double on JDK 25, 4 x 2 otherwise; 8 x 1 when C is at most one vector wide; 6 x 2 only when
 * forced, without an in-place kernel: the driver packs A for it); the reasoning is
 * in its class comment. Per depth step a kernel loads the tile's B vectors, broadcasts each A value
 * of the step and issues one FMA per accumulator. The kernels reading A in place ({@code
 * microKernelRows}, used when C has few columns: the training and evaluation forward products) do
 * two depth steps per loop iteration with a single loop index, every array index linear in it, so
 * C2 removes all bounds checks (about 2.8 instructions per FMA on JDK 17 for 4 x 2, 3.9 with one
 * step per iteration, where the index arithmetic made the loop front-end bound); unrolling further,
 * or unrolling the packed kernels, made C2 load all B vectors or broadcasts ahead and spill. Inner
 * loops as compiled at 512 bits ({@code bench/gemm_spills.py}): 8 x 2 packed 38 instructions per 16
 * FMAs on JDK 17 (34 on JDK 25), 8 x 2 in place 52 (43), 4 x 2 in place two steps 45 (39); at 256
 * bits ({@code -XX:UseAVX=2}) 3 x 3 packed 27 per 9 FMAs (21), in place 39 (26), 6 x 2 float packed
 * 44 per 12 FMAs on JDK 17 in most compiles (60 with 6 vector stack references in the others; JDK
 * 25 always spills it).
 *
 * <p>The accumulators leave the registers once per depth block: for a full tile of C with
 * contiguous rows, alpha 1 and beta 0 (or a later depth block) the kernel writes them straight
 * into C ({@code microKernelInto}: {@code C = acc} or {@code C = C + acc}, the bits of the tile
 * write, as 1*acc is exact); otherwise into a scratch tile that {@code writeTile} or the scalar
 * edge path adds to C, with the same rounding; tiles of C^T (NT turned around) into a panel that
 * {@code writePanel} writes into C by whole rows, 8 x 8 blocks transposed in registers. Every
 * tile gives the same bits: each element of C is one FMA chain over k ascending.
 */
public final class SimdGemm extends BlockedGemm {
    private static final VectorSpecies<Float> FS = Species.FLOATS;
    private static final VectorSpecies<Double> DS = Species.DOUBLES;
    private static final int FL = FS.length();
    private static final int DL = DS.length();

    /** The tiles {@link GemmShape} chooses for this machine. */
    public SimdGemm() {
        this(GemmShape.wide(FL, Float.BYTES), GemmShape.wide(DL, Double.BYTES));
    }

    /** The wide tile {@code rows x vectors} in both precisions (one of {@link GemmShape#WIDE_TILES}): for tests. */
    public SimdGemm(int rows, int vectors) {
        this(GemmShape.wide(rows, vectors, FL, Float.BYTES), GemmShape.wide(rows, vectors, DL, Double.BYTES));
    }

    private SimdGemm(GemmShape f32, GemmShape f64) {
        super(new F32(f32), new F64(f64),
                new F32(GemmShape.narrow(FL, Float.BYTES)), new F64(GemmShape.narrow(DL, Double.BYTES)));
    }

    /** Float micro-kernel dispatch, tile write and packing, for one tile shape. */
    private static final class F32 extends FloatGemmLeaves {
        /**
         * The 8 x 8 transposition (used when a vector has 8 lanes): three butterfly stages; stage
         * d exchanges, between vectors x and x + d, the lanes whose index has bit d set, through
         * the shuffle {@code i -> i ^ d} and the mask of those lanes.
         */
        private static final VectorShuffle<Float> SWAP1 = VectorShuffle.fromOp(FS, i -> (i ^ 1) & (FL - 1));
        private static final VectorShuffle<Float> SWAP2 = VectorShuffle.fromOp(FS, i -> (i ^ 2) & (FL - 1));
        private static final VectorShuffle<Float> SWAP4 = VectorShuffle.fromOp(FS, i -> (i ^ 4) & (FL - 1));
        private static final VectorMask<Float> BIT1 = VectorMask.fromLong(FS, 0xAAAAAAAAAAAAAAAAL);
        private static final VectorMask<Float> BIT2 = VectorMask.fromLong(FS, 0xCCCCCCCCCCCCCCCCL);
        private static final VectorMask<Float> BIT4 = VectorMask.fromLong(FS, 0xF0F0F0F0F0F0F0F0L);
        /** The tile: {@code rows * 100 + vectors}, chosen once; selects the micro-kernel method. */
        private final int tile;
        private final int rows;
        private final int cols;
        private final boolean inPlace;
        /** Leaves for the products too narrow to pack A for (this when the tile reads A in place). */
        private final F32 inPlaceLeaves;
        /** The tile's packed kernel writes C = acc only (6 x 2; TwinGenerator's Tile.setOnly). */
        private final boolean setOnly;

        F32(GemmShape s) {
            super(s.rows, s.nr(), s.kc, s.mc, s.nc);
            tile = s.rows * 100 + s.vectors;
            rows = s.rows;
            cols = s.nr();
            inPlace = s.readsAInPlace();
            inPlaceLeaves = inPlace ? this : new F32(s.inPlacePartner());
            setOnly = tile == 602;
        }

        @Override
        protected boolean readsAInPlace() {
            return inPlace;
        }

        @Override
        protected F32 inPlaceLeaves() {
            return inPlaceLeaves;
        }

        @Override
        protected void microKernel(int depth, float[] ap, int aIdx, float[] bp, int bIdx, float[] acc) {
            packed(depth, ap, aIdx, bp, bIdx, acc, 0, cols, false);
        }

        @Override
        protected void microKernelRows(int depth, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] acc) {
            inPlace(depth, a, aIdx, lda, bp, bIdx, acc, 0, cols, false);
        }

        /** A set-only kernel's C = C + acc goes through the scratch tile (the default, same bits). */
        @Override
        protected void microKernelInto(int depth, float[] ap, int aIdx, float[] bp, int bIdx, float[] scratch,
                                       float[] c, int cIdx, int ldc, boolean add) {
            if (add && setOnly) {
                super.microKernelInto(depth, ap, aIdx, bp, bIdx, scratch, c, cIdx, ldc, true);
            } else {
                packed(depth, ap, aIdx, bp, bIdx, c, cIdx, ldc, add);
            }
        }

        @Override
        protected void microKernelRowsInto(int depth, float[] a, int aIdx, int lda, float[] bp, int bIdx, float[] tile,
                                           float[] c, int cIdx, int ldc, boolean add) {
            inPlace(depth, a, aIdx, lda, bp, bIdx, c, cIdx, ldc, add);
        }

        /** The packed micro-kernel of this tile: C = acc, or C = C + acc when {@code add} (never for 6 x 2). */
        private void packed(int depth, float[] ap, int aIdx, float[] bp, int bIdx,
                            float[] c, int cIdx, int ldc, boolean add) {
            switch (tile) {
                case 402 -> SimdGemmFloatTiles.k4x2(depth, ap, aIdx, bp, bIdx, c, cIdx, ldc, add);
                case 802 -> SimdGemmFloatTiles.k8x2(depth, ap, aIdx, bp, bIdx, c, cIdx, ldc, add);
                case 801 -> SimdGemmFloatTiles.k8x1(depth, ap, aIdx, bp, bIdx, c, cIdx, ldc, add);
                case 303 -> SimdGemmFloatTiles.k3x3(depth, ap, aIdx, bp, bIdx, c, cIdx, ldc, add);
                case 602 -> SimdGemmFloatTiles.k6x2(depth, ap, aIdx, bp, bIdx, c, cIdx, ldc);
                default -> throw new IllegalStateException("no micro-kernel for tile " + tile);
            }
        }

        /** The micro-kernel reading A in place: C = acc, or C = C + acc when {@code add}. */
        private void inPlace(int depth, float[] a, int aIdx, int lda, float[] bp, int bIdx,
                             float[] c, int cIdx, int ldc, boolean add) {
            switch (tile) {
                case 402 -> SimdGemmFloatTiles.k4x2Rows(depth, a, aIdx, lda, bp, bIdx, c, cIdx, ldc, add);
                case 802 -> SimdGemmFloatTiles.k8x2Rows(depth, a, aIdx, lda, bp, bIdx, c, cIdx, ldc, add);
                case 801 -> SimdGemmFloatTiles.k8x1Rows(depth, a, aIdx, lda, bp, bIdx, c, cIdx, ldc, add);
                case 303 -> SimdGemmFloatTiles.k3x3Rows(depth, a, aIdx, lda, bp, bIdx, c, cIdx, ldc, add);
                default -> throw new IllegalStateException("no micro-kernel for tile " + tile);
            }
        }

        /**
         * Vector version of the driver's formula, operation for operation (mul, then add; no fma).
         * One straight-line loop per case, chosen once per tile: no vector merges two branches.
         */
        @Override
        protected void writeTile(float[] acc, float[] c, int cIdx, int ldc, float alpha, float beta,
                                 boolean first) {
            for (int r = 0; r < rows; r++) {
                int row = cIdx + r * ldc;
                for (int j = 0; j < cols; j += FL) {
                    writeVector(acc, r * cols + j, c, row + j, alpha, beta, first);
                }
            }
        }

        /**
         * One vector of C from the accumulators at {@code src[s]}: {@code C += alpha*acc} after
         * the first depth block, else {@code C = alpha*acc (+ beta*C)}; mul, then add, as the
         * scalar edge path's store.
         */
        private static void writeVector(float[] src, int s, float[] c, int ci, float alpha, float beta, boolean first) {
            FloatVector v = FloatVector.fromArray(FS, src, s).mul(alpha);
            if (!first) {
                FloatVector.fromArray(FS, c, ci).add(v).intoArray(c, ci);
            } else if (beta == 0) {
                v.intoArray(c, ci);
            } else {
                v.add(FloatVector.fromArray(FS, c, ci).mul(beta)).intoArray(c, ci);
            }
        }

        /**
         * A panel of C^T whose columns are rows of C ({@code cRow == 1}): each 8 x 8 block is
         * transposed in registers, in place in the panel, then written one C row (8 values) per
         * vector with the formula of the scalar path (mul, then add); the scalar edge path would
         * write the values one by one. Rows and columns past the last whole block of 8, and
         * vectors of another width than 8, take the scalar edge path.
         */
        @Override
        protected void writePanel(float[] panel, int nRows, int nCols, float[] c, int cIdx, int cRow, int cCol,
                                  double alphaD, double betaD, boolean first) {
            if (FL != 8 || cRow != 1) {
                super.writePanel(panel, nRows, nCols, c, cIdx, cRow, cCol, alphaD, betaD, first);
                return;
            }
            float alpha = (float) alphaD;
            float beta = (float) betaD;
            int rows8 = nRows / 8 * 8;
            int cols8 = nCols / 8 * 8;
            for (int j = 0; j < cols8; j += 8) {
                transpose8(panel, j, cols, rows8 / 8);
                for (int r = 0; r < rows8; r += 8) {
                    int s = r * cols + j;
                    // row t of the block is now C row j + t, columns r .. r+7
                    int d = cIdx + r + j * cCol;
                    for (int t = 0; t < 8; t++) {
                        writeVector(panel, s + t * cols, c, d + t * cCol, alpha, beta, first);
                    }
                }
            }
            writeEdge(panel, rows8 * cols, nRows - rows8, nCols, c, cIdx + rows8, cRow, cCol, alphaD, betaD, first);
            writeEdge(panel, cols8, rows8, nCols - cols8, c, cIdx + cols8 * cCol, cRow, cCol, alphaD, betaD, first);
        }

        /**
         * Transposes {@code blocks} 8 x 8 blocks in place, block b being {@code x[s0 + 8*b*ls + i*ls + t]}
         * (i, t &lt; 8; 8 lanes): afterwards its {@code x[.. + t*ls + i]} holds the old value (i, t).
         * The loop over the blocks is in here: one compiled loop, not a call per block.
         */
        private static void transpose8(float[] x, int s0, int ls, int blocks) {
            for (int b = 0; b < blocks; b++) {
                int s = s0 + 8 * b * ls;
                FloatVector r0 = FloatVector.fromArray(FS, x, s);
                FloatVector r1 = FloatVector.fromArray(FS, x, s + ls);
                FloatVector r2 = FloatVector.fromArray(FS, x, s + 2 * ls);
                FloatVector r3 = FloatVector.fromArray(FS, x, s + 3 * ls);
                FloatVector r4 = FloatVector.fromArray(FS, x, s + 4 * ls);
                FloatVector r5 = FloatVector.fromArray(FS, x, s + 5 * ls);
                FloatVector r6 = FloatVector.fromArray(FS, x, s + 6 * ls);
                FloatVector r7 = FloatVector.fromArray(FS, x, s + 7 * ls);
                FloatVector t0 = r0.blend(r1.rearrange(SWAP1), BIT1), t1 = r0.rearrange(SWAP1).blend(r1, BIT1);
                FloatVector t2 = r2.blend(r3.rearrange(SWAP1), BIT1), t3 = r2.rearrange(SWAP1).blend(r3, BIT1);
                FloatVector t4 = r4.blend(r5.rearrange(SWAP1), BIT1), t5 = r4.rearrange(SWAP1).blend(r5, BIT1);
                FloatVector t6 = r6.blend(r7.rearrange(SWAP1), BIT1), t7 = r6.rearrange(SWAP1).blend(r7, BIT1);
                FloatVector u0 = t0.blend(t2.rearrange(SWAP2), BIT2), u2 = t0.rearrange(SWAP2).blend(t2, BIT2);
                FloatVector u1 = t1.blend(t3.rearrange(SWAP2), BIT2), u3 = t1.rearrange(SWAP2).blend(t3, BIT2);
                FloatVector u4 = t4.blend(t6.rearrange(SWAP2), BIT2), u6 = t4.rearrange(SWAP2).blend(t6, BIT2);
                FloatVector u5 = t5.blend(t7.rearrange(SWAP2), BIT2), u7 = t5.rearrange(SWAP2).blend(t7, BIT2);
                // all shuffles before the first store: C2 re-checks a shuffle's indexes after every store
                FloatVector o0 = u0.blend(u4.rearrange(SWAP4), BIT4), o4 = u0.rearrange(SWAP4).blend(u4, BIT4);
                FloatVector o1 = u1.blend(u5.rearrange(SWAP4), BIT4), o5 = u1.rearrange(SWAP4).blend(u5, BIT4);
                FloatVector o2 = u2.blend(u6.rearrange(SWAP4), BIT4), o6 = u2.rearrange(SWAP4).blend(u6, BIT4);
                FloatVector o3 = u3.blend(u7.rearrange(SWAP4), BIT4), o7 = u3.rearrange(SWAP4).blend(u7, BIT4);
                o0.intoArray(x, s);
                o1.intoArray(x, s + ls);
                o2.intoArray(x, s + 2 * ls);
                o3.intoArray(x, s + 3 * ls);
                o4.intoArray(x, s + 4 * ls);
                o5.intoArray(x, s + 5 * ls);
                o6.intoArray(x, s + 6 * ls);
                o7.intoArray(x, s + 7 * ls);
            }
        }

        /**
         * Non-transposed B: each packed row of a panel is a few vector copies, panel after panel,
         * each panel written front to back (walking all panels per depth step instead puts a
         * step's stores {@code cols * depth} apart, a multiple of 4 KB: one L1 set; that order
         * took 3-4x as long at 512 x 500 float).
         */
        @Override
        protected void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int depth,
                             int col0, int nCols, int nr, float[] dst) {
            int fullCols = nCols / cols * cols;
            if (transB || nr != cols) {
                super.packB(transB, b, bOff, ldb, p0, depth, col0, nCols, nr, dst);
                return;
            }
            int vectors = cols / FL;
            int src0 = bOff + p0 * ldb + col0;
            for (int q = 0; q < fullCols; q += cols) {
                copyRows(b, src0 + q, ldb, dst, q * depth, depth, vectors);
            }
            int rest = nCols - fullCols;
            if (rest > 0) {
                // Last, narrower panel. Its padding columns only feed accumulator columns that are
                // never written to C (lanes do not mix), so where the array is long enough the
                // whole panel row is copied with vectors, neighbours included; else zero-padded.
                int src = src0 + fullCols, d = fullCols * depth;
                int vectorRows = depth;
                while (vectorRows > 0 && src + (vectorRows - 1) * ldb + cols > b.length) vectorRows--;
                copyRows(b, src, ldb, dst, d, vectorRows, vectors);
                for (int p = vectorRows; p < depth; p++) {
                    int s = src + p * ldb, t = d + p * cols;
                    for (int j = 0; j < rest; j++) dst[t + j] = b[s + j];
                    for (int j = rest; j < cols; j++) dst[t + j] = 0;
                }
            }
        }

        /**
         * Copies {@code rows} rows of {@code vectors} vectors, row p from {@code b[src + p*ldb ..]}
         * to {@code dst[d + p*vectors*lanes ..]}. One straight-line loop per vector count: with
         * the count in a field, the inner loop over a row's vectors stayed a loop (about 1.5x the
         * time of the straight copies).
         */
        private static void copyRows(float[] b, int src, int ldb, float[] dst, int d, int rows, int vectors) {
            switch (vectors) {
                case 1 -> {
                    for (int p = 0; p < rows; p++, src += ldb, d += FL) {
                        FloatVector.fromArray(FS, b, src).intoArray(dst, d);
                    }
                }
                case 2 -> {
                    for (int p = 0; p < rows; p++, src += ldb, d += 2 * FL) {
                        FloatVector.fromArray(FS, b, src).intoArray(dst, d);
                        FloatVector.fromArray(FS, b, src + FL).intoArray(dst, d + FL);
                    }
                }
                case 3 -> {
                    for (int p = 0; p < rows; p++, src += ldb, d += 3 * FL) {
                        FloatVector.fromArray(FS, b, src).intoArray(dst, d);
                        FloatVector.fromArray(FS, b, src + FL).intoArray(dst, d + FL);
                        FloatVector.fromArray(FS, b, src + 2 * FL).intoArray(dst, d + 2 * FL);
                    }
                }
                default -> {
                    for (int p = 0; p < rows; p++, src += ldb) {
                        for (int j = 0; j < vectors * FL; j += FL, d += FL) {
                            FloatVector.fromArray(FS, b, src + j).intoArray(dst, d);
                        }
                    }
                }
            }
        }

        /**
         * Transposed A: the {@code rows} values of a panel at step p are contiguous in A and in
         * the panel: copied with the kernels' own vectors. When a vector is wider than the panel
         * (16 float lanes, 8 rows) the copy also writes the first values of the panel's next step(s),
         * which those steps overwrite later (p ascending); the last steps of a panel, and copies
         * that would read past the end of A, use scalar moves. (Not a narrower vector matching
         * the panel: that is another species than the kernels'; a second species of one element
         * type makes C2 merge the two in shared Vector API methods and box the kernels' stores.)
         */
        @Override
        protected void packA(boolean transA, float[] a, int aOff, int lda, int row0, int nRows,
                             int p0, int depth, int mr, float[] dst) {
            int fullRows = nRows / rows * rows;
            if (!transA || mr != rows) {
                super.packA(transA, a, aOff, lda, row0, nRows, p0, depth, mr, dst);
                return;
            }
            int copied = (rows + FL - 1) / FL * FL;              // values one step's vector copy writes
            int spillSteps = (copied - rows + rows - 1) / rows;  // later steps of the panel it touches
            for (int p = 0; p < depth; p++) {
                int src = aOff + (p0 + p) * lda + row0;
                boolean vectors = p < depth - spillSteps;
                for (int q = 0, d = p * rows; q < fullRows; q += rows, d += rows * depth) {
                    if (vectors && src + q + copied <= a.length) {
                        for (int r = 0; r < rows; r += FL) {
                            FloatVector.fromArray(FS, a, src + q + r).intoArray(dst, d + r);
                        }
                    } else {
                        for (int r = 0; r < rows; r++) dst[d + r] = a[src + q + r];
                    }
                }
            }
            if (fullRows < nRows) {
                super.packA(true, a, aOff, lda, row0 + fullRows, nRows - fullRows, p0, depth, mr,
                        dst, fullRows * depth);
            }
        }
    }

    /** Double micro-kernel dispatch, tile write and packing, for one tile shape. */
    private static final class F64 extends DoubleGemmLeaves {
        /**
         * The 8 x 8 transposition (used when a vector has 8 lanes): three butterfly stages; stage
         * d exchanges, between vectors x and x + d, the lanes whose index has bit d set, through
         * the shuffle {@code i -> i ^ d} and the mask of those lanes.
         */
        private static final VectorShuffle<Double> SWAP1 = VectorShuffle.fromOp(DS, i -> (i ^ 1) & (DL - 1));
        private static final VectorShuffle<Double> SWAP2 = VectorShuffle.fromOp(DS, i -> (i ^ 2) & (DL - 1));
        private static final VectorShuffle<Double> SWAP4 = VectorShuffle.fromOp(DS, i -> (i ^ 4) & (DL - 1));
        private static final VectorMask<Double> BIT1 = VectorMask.fromLong(DS, 0xAAAAAAAAAAAAAAAAL);
        private static final VectorMask<Double> BIT2 = VectorMask.fromLong(DS, 0xCCCCCCCCCCCCCCCCL);
        private static final VectorMask<Double> BIT4 = VectorMask.fromLong(DS, 0xF0F0F0F0F0F0F0F0L);
        /** The tile: {@code rows * 100 + vectors}, chosen once; selects the micro-kernel method. */
        private final int tile;
        private final int rows;
        private final int cols;
        private final boolean inPlace;
        /** Leaves for the products too narrow to pack A for (this when the tile reads A in place). */
        private final F64 inPlaceLeaves;
        /** The tile's packed kernel writes C = acc only (6 x 2; TwinGenerator's Tile.setOnly). */
        private final boolean setOnly;

        F64(GemmShape s) {
            super(s.rows, s.nr(), s.kc, s.mc, s.nc);
            tile = s.rows * 100 + s.vectors;
            rows = s.rows;
            cols = s.nr();
            inPlace = s.readsAInPlace();
            inPlaceLeaves = inPlace ? this : new F64(s.inPlacePartner());
            setOnly = tile == 602;
        }

        @Override
        protected boolean readsAInPlace() {
            return inPlace;
        }

        @Override
        protected F64 inPlaceLeaves() {
            return inPlaceLeaves;
        }

        @Override
        protected void microKernel(int depth, double[] ap, int aIdx, double[] bp, int bIdx, double[] acc) {
            packed(depth, ap, aIdx, bp, bIdx, acc, 0, cols, false);
        }

        @Override
        protected void microKernelRows(int depth, double[] a, int aIdx, int lda, double[] bp, int bIdx, double[] acc) {
            inPlace(depth, a, aIdx, lda, bp, bIdx, acc, 0, cols, false);
        }

        /** A set-only kernel's C = C + acc goes through the scratch tile (the default, same bits). */
        @Override
        protected void microKernelInto(int depth, double[] ap, int aIdx, double[] bp, int bIdx, double[] scratch,
                                       double[] c, int cIdx, int ldc, boolean add) {
            if (add && setOnly) {
                super.microKernelInto(depth, ap, aIdx, bp, bIdx, scratch, c, cIdx, ldc, true);
            } else {
                packed(depth, ap, aIdx, bp, bIdx, c, cIdx, ldc, add);
            }
        }

        @Override
        protected void microKernelRowsInto(int depth, double[] a, int aIdx, int lda, double[] bp, int bIdx, double[] tile,
                                           double[] c, int cIdx, int ldc, boolean add) {
            inPlace(depth, a, aIdx, lda, bp, bIdx, c, cIdx, ldc, add);
        }

        /** The packed micro-kernel of this tile: C = acc, or C = C + acc when {@code add} (never for 6 x 2). */
        private void packed(int depth, double[] ap, int aIdx, double[] bp, int bIdx,
                            double[] c, int cIdx, int ldc, boolean add) {
            switch (tile) {
                case 402 -> SimdGemmDoubleTiles.k4x2(depth, ap, aIdx, bp, bIdx, c, cIdx, ldc, add);
                case 802 -> SimdGemmDoubleTiles.k8x2(depth, ap, aIdx, bp, bIdx, c, cIdx, ldc, add);
                case 801 -> SimdGemmDoubleTiles.k8x1(depth, ap, aIdx, bp, bIdx, c, cIdx, ldc, add);
                case 303 -> SimdGemmDoubleTiles.k3x3(depth, ap, aIdx, bp, bIdx, c, cIdx, ldc, add);
                case 602 -> SimdGemmDoubleTiles.k6x2(depth, ap, aIdx, bp, bIdx, c, cIdx, ldc);
                default -> throw new IllegalStateException("no micro-kernel for tile " + tile);
            }
        }

        /** The micro-kernel reading A in place: C = acc, or C = C + acc when {@code add}. */
        private void inPlace(int depth, double[] a, int aIdx, int lda, double[] bp, int bIdx,
                             double[] c, int cIdx, int ldc, boolean add) {
            switch (tile) {
                case 402 -> SimdGemmDoubleTiles.k4x2Rows(depth, a, aIdx, lda, bp, bIdx, c, cIdx, ldc, add);
                case 802 -> SimdGemmDoubleTiles.k8x2Rows(depth, a, aIdx, lda, bp, bIdx, c, cIdx, ldc, add);
                case 801 -> SimdGemmDoubleTiles.k8x1Rows(depth, a, aIdx, lda, bp, bIdx, c, cIdx, ldc, add);
                case 303 -> SimdGemmDoubleTiles.k3x3Rows(depth, a, aIdx, lda, bp, bIdx, c, cIdx, ldc, add);
                default -> throw new IllegalStateException("no micro-kernel for tile " + tile);
            }
        }

        /**
         * Vector version of the driver's formula, operation for operation (mul, then add; no fma).
         * One straight-line loop per case, chosen once per tile: no vector merges two branches.
         */
        @Override
        protected void writeTile(double[] acc, double[] c, int cIdx, int ldc, double alpha, double beta,
                                 boolean first) {
            for (int r = 0; r < rows; r++) {
                int row = cIdx + r * ldc;
                for (int j = 0; j < cols; j += DL) {
                    writeVector(acc, r * cols + j, c, row + j, alpha, beta, first);
                }
            }
        }

        /**
         * One vector of C from the accumulators at {@code src[s]}: {@code C += alpha*acc} after
         * the first depth block, else {@code C = alpha*acc (+ beta*C)}; mul, then add, as the
         * scalar edge path's store.
         */
        private static void writeVector(double[] src, int s, double[] c, int ci, double alpha, double beta, boolean first) {
            DoubleVector v = DoubleVector.fromArray(DS, src, s).mul(alpha);
            if (!first) {
                DoubleVector.fromArray(DS, c, ci).add(v).intoArray(c, ci);
            } else if (beta == 0) {
                v.intoArray(c, ci);
            } else {
                v.add(DoubleVector.fromArray(DS, c, ci).mul(beta)).intoArray(c, ci);
            }
        }

        /**
         * A panel of C^T whose columns are rows of C ({@code cRow == 1}): each 8 x 8 block is
         * transposed in registers, in place in the panel, then written one C row (8 values) per
         * vector with the formula of the scalar path (mul, then add); the scalar edge path would
         * write the values one by one. Rows and columns past the last whole block of 8, and
         * vectors of another width than 8, take the scalar edge path.
         */
        @Override
        protected void writePanel(double[] panel, int nRows, int nCols, double[] c, int cIdx, int cRow, int cCol,
                                  double alphaD, double betaD, boolean first) {
            if (DL != 8 || cRow != 1) {
                super.writePanel(panel, nRows, nCols, c, cIdx, cRow, cCol, alphaD, betaD, first);
                return;
            }
            double alpha = (double) alphaD;
            double beta = (double) betaD;
            int rows8 = nRows / 8 * 8;
            int cols8 = nCols / 8 * 8;
            for (int j = 0; j < cols8; j += 8) {
                transpose8(panel, j, cols, rows8 / 8);
                for (int r = 0; r < rows8; r += 8) {
                    int s = r * cols + j;
                    // row t of the block is now C row j + t, columns r .. r+7
                    int d = cIdx + r + j * cCol;
                    for (int t = 0; t < 8; t++) {
                        writeVector(panel, s + t * cols, c, d + t * cCol, alpha, beta, first);
                    }
                }
            }
            writeEdge(panel, rows8 * cols, nRows - rows8, nCols, c, cIdx + rows8, cRow, cCol, alphaD, betaD, first);
            writeEdge(panel, cols8, rows8, nCols - cols8, c, cIdx + cols8 * cCol, cRow, cCol, alphaD, betaD, first);
        }

        /**
         * Transposes {@code blocks} 8 x 8 blocks in place, block b being {@code x[s0 + 8*b*ls + i*ls + t]}
         * (i, t &lt; 8; 8 lanes): afterwards its {@code x[.. + t*ls + i]} holds the old value (i, t).
         * The loop over the blocks is in here: one compiled loop, not a call per block.
         */
        private static void transpose8(double[] x, int s0, int ls, int blocks) {
            for (int b = 0; b < blocks; b++) {
                int s = s0 + 8 * b * ls;
                DoubleVector r0 = DoubleVector.fromArray(DS, x, s);
                DoubleVector r1 = DoubleVector.fromArray(DS, x, s + ls);
                DoubleVector r2 = DoubleVector.fromArray(DS, x, s + 2 * ls);
                DoubleVector r3 = DoubleVector.fromArray(DS, x, s + 3 * ls);
                DoubleVector r4 = DoubleVector.fromArray(DS, x, s + 4 * ls);
                DoubleVector r5 = DoubleVector.fromArray(DS, x, s + 5 * ls);
                DoubleVector r6 = DoubleVector.fromArray(DS, x, s + 6 * ls);
                DoubleVector r7 = DoubleVector.fromArray(DS, x, s + 7 * ls);
                DoubleVector t0 = r0.blend(r1.rearrange(SWAP1), BIT1), t1 = r0.rearrange(SWAP1).blend(r1, BIT1);
                DoubleVector t2 = r2.blend(r3.rearrange(SWAP1), BIT1), t3 = r2.rearrange(SWAP1).blend(r3, BIT1);
                DoubleVector t4 = r4.blend(r5.rearrange(SWAP1), BIT1), t5 = r4.rearrange(SWAP1).blend(r5, BIT1);
                DoubleVector t6 = r6.blend(r7.rearrange(SWAP1), BIT1), t7 = r6.rearrange(SWAP1).blend(r7, BIT1);
                DoubleVector u0 = t0.blend(t2.rearrange(SWAP2), BIT2), u2 = t0.rearrange(SWAP2).blend(t2, BIT2);
                DoubleVector u1 = t1.blend(t3.rearrange(SWAP2), BIT2), u3 = t1.rearrange(SWAP2).blend(t3, BIT2);
                DoubleVector u4 = t4.blend(t6.rearrange(SWAP2), BIT2), u6 = t4.rearrange(SWAP2).blend(t6, BIT2);
                DoubleVector u5 = t5.blend(t7.rearrange(SWAP2), BIT2), u7 = t5.rearrange(SWAP2).blend(t7, BIT2);
                // all shuffles before the first store: C2 re-checks a shuffle's indexes after every store
                DoubleVector o0 = u0.blend(u4.rearrange(SWAP4), BIT4), o4 = u0.rearrange(SWAP4).blend(u4, BIT4);
                DoubleVector o1 = u1.blend(u5.rearrange(SWAP4), BIT4), o5 = u1.rearrange(SWAP4).blend(u5, BIT4);
                DoubleVector o2 = u2.blend(u6.rearrange(SWAP4), BIT4), o6 = u2.rearrange(SWAP4).blend(u6, BIT4);
                DoubleVector o3 = u3.blend(u7.rearrange(SWAP4), BIT4), o7 = u3.rearrange(SWAP4).blend(u7, BIT4);
                o0.intoArray(x, s);
                o1.intoArray(x, s + ls);
                o2.intoArray(x, s + 2 * ls);
                o3.intoArray(x, s + 3 * ls);
                o4.intoArray(x, s + 4 * ls);
                o5.intoArray(x, s + 5 * ls);
                o6.intoArray(x, s + 6 * ls);
                o7.intoArray(x, s + 7 * ls);
            }
        }

        /**
         * Non-transposed B: each packed row of a panel is a few vector copies, panel after panel,
         * each panel written front to back (walking all panels per depth step instead puts a
         * step's stores {@code cols * depth} apart, a multiple of 4 KB: one L1 set; that order
         * took 3-4x as long at 512 x 500 float).
         */
        @Override
        protected void packB(boolean transB, double[] b, int bOff, int ldb, int p0, int depth,
                             int col0, int nCols, int nr, double[] dst) {
            int fullCols = nCols / cols * cols;
            if (transB || nr != cols) {
                super.packB(transB, b, bOff, ldb, p0, depth, col0, nCols, nr, dst);
                return;
            }
            int vectors = cols / DL;
            int src0 = bOff + p0 * ldb + col0;
            for (int q = 0; q < fullCols; q += cols) {
                copyRows(b, src0 + q, ldb, dst, q * depth, depth, vectors);
            }
            int rest = nCols - fullCols;
            if (rest > 0) {
                // Last, narrower panel. Its padding columns only feed accumulator columns that are
                // never written to C (lanes do not mix), so where the array is long enough the
                // whole panel row is copied with vectors, neighbours included; else zero-padded.
                int src = src0 + fullCols, d = fullCols * depth;
                int vectorRows = depth;
                while (vectorRows > 0 && src + (vectorRows - 1) * ldb + cols > b.length) vectorRows--;
                copyRows(b, src, ldb, dst, d, vectorRows, vectors);
                for (int p = vectorRows; p < depth; p++) {
                    int s = src + p * ldb, t = d + p * cols;
                    for (int j = 0; j < rest; j++) dst[t + j] = b[s + j];
                    for (int j = rest; j < cols; j++) dst[t + j] = 0;
                }
            }
        }

        /**
         * Copies {@code rows} rows of {@code vectors} vectors, row p from {@code b[src + p*ldb ..]}
         * to {@code dst[d + p*vectors*lanes ..]}. One straight-line loop per vector count: with
         * the count in a field, the inner loop over a row's vectors stayed a loop (about 1.5x the
         * time of the straight copies).
         */
        private static void copyRows(double[] b, int src, int ldb, double[] dst, int d, int rows, int vectors) {
            switch (vectors) {
                case 1 -> {
                    for (int p = 0; p < rows; p++, src += ldb, d += DL) {
                        DoubleVector.fromArray(DS, b, src).intoArray(dst, d);
                    }
                }
                case 2 -> {
                    for (int p = 0; p < rows; p++, src += ldb, d += 2 * DL) {
                        DoubleVector.fromArray(DS, b, src).intoArray(dst, d);
                        DoubleVector.fromArray(DS, b, src + DL).intoArray(dst, d + DL);
                    }
                }
                case 3 -> {
                    for (int p = 0; p < rows; p++, src += ldb, d += 3 * DL) {
                        DoubleVector.fromArray(DS, b, src).intoArray(dst, d);
                        DoubleVector.fromArray(DS, b, src + DL).intoArray(dst, d + DL);
                        DoubleVector.fromArray(DS, b, src + 2 * DL).intoArray(dst, d + 2 * DL);
                    }
                }
                default -> {
                    for (int p = 0; p < rows; p++, src += ldb) {
                        for (int j = 0; j < vectors * DL; j += DL, d += DL) {
                            DoubleVector.fromArray(DS, b, src + j).intoArray(dst, d);
                        }
                    }
                }
            }
        }

        /**
         * Transposed A: the {@code rows} values of a panel at step p are contiguous in A and in
         * the panel: copied with the kernels' own vectors. When a vector is wider than the panel
         * (16 float lanes, 8 rows) the copy also writes the first values of the panel's next step(s),
         * which those steps overwrite later (p ascending); the last steps of a panel, and copies
         * that would read past the end of A, use scalar moves. (Not a narrower vector matching
         * the panel: that is another species than the kernels'; a second species of one element
         * type makes C2 merge the two in shared Vector API methods and box the kernels' stores.)
         */
        @Override
        protected void packA(boolean transA, double[] a, int aOff, int lda, int row0, int nRows,
                             int p0, int depth, int mr, double[] dst) {
            int fullRows = nRows / rows * rows;
            if (!transA || mr != rows) {
                super.packA(transA, a, aOff, lda, row0, nRows, p0, depth, mr, dst);
                return;
            }
            int copied = (rows + DL - 1) / DL * DL;              // values one step's vector copy writes
            int spillSteps = (copied - rows + rows - 1) / rows;  // later steps of the panel it touches
            for (int p = 0; p < depth; p++) {
                int src = aOff + (p0 + p) * lda + row0;
                boolean vectors = p < depth - spillSteps;
                for (int q = 0, d = p * rows; q < fullRows; q += rows, d += rows * depth) {
                    if (vectors && src + q + copied <= a.length) {
                        for (int r = 0; r < rows; r += DL) {
                            DoubleVector.fromArray(DS, a, src + q + r).intoArray(dst, d + r);
                        }
                    } else {
                        for (int r = 0; r < rows; r++) dst[d + r] = a[src + q + r];
                    }
                }
            }
            if (fullRows < nRows) {
                super.packA(true, a, aOff, lda, row0 + fullRows, nRows - fullRows, p0, depth, mr,
                        dst, fullRows * depth);
            }
        }
    }
}
