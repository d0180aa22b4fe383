// Generated from src/template/java/dev/vecnn/kernels/simd/SimdSkinny$E.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The double half of {@link SimdSkinnyGemm} (see there for what it computes and how): strips of
 * 1, 2, 4 or 8 rows, vector panels, the scalar tail, the tile write.
 */
final class SimdSkinnyDouble {
    private static final VectorSpecies<Double> DS = Species.DOUBLES;
    private static final int DL = DS.length();
    private static final int MAX_STRIP_ROWS = SimdSkinnyGemm.MAX_STRIP_ROWS;
    /** Per-thread scratch for one panel's accumulators on their way to C (at most 16 vectors). */
    private static final ThreadLocal<double[]> doubleTile = ThreadLocal.withInitial(() -> new double[16 * DL]);

    private SimdSkinnyDouble() {}

    /** {@link SimdSkinnyGemm#doubleStrip}. */
    static void strip(int rows, int depth, double[] a, int aIdx, int aRow, int aStep, double[] b, int bIdx,
                      int ldb, int cols, double[] c, int cIdx, int ldc, double alpha, double beta, boolean first) {
        int done;
        if (rows == 1) {
            done = doubleRows1(depth, a, aIdx, aStep, b, bIdx, ldb, cols, c, cIdx, alpha, beta, first);
        } else if (rows == 2) {
            done = doubleRows2(depth, a, aIdx, aRow, aStep, b, bIdx, ldb, cols, c, cIdx, ldc, alpha, beta, first);
        } else if (rows == 4) {
            done = doubleRows4(depth, a, aIdx, aRow, aStep, b, bIdx, ldb, cols, c, cIdx, ldc, alpha, beta, first);
        } else if (rows == 8 && MAX_STRIP_ROWS == 8) {
            done = doubleRows8(depth, a, aIdx, aRow, aStep, b, bIdx, ldb, cols, c, cIdx, ldc, alpha, beta, first);
        } else {
            throw new IllegalArgumentException("rows must be 1, 2, 4 or " + MAX_STRIP_ROWS + ", got " + rows);
        }
        for (int r = 0; r < rows; r++) {
            doubleTail(depth, a, aIdx + r * aRow, aStep, b, bIdx, ldb, done, cols, c, cIdx + r * ldc, alpha, beta, first);
        }
    }

    /**
     * The blocked GEMM's tile write (mul, then add; no fma) for {@code rows x vectors} accumulator
     * vectors left in {@code tile} (vector (r, v) at {@code (r*vectors + v)*DL}) into C from
     * {@code cIdx}. The accumulators go through this array, not through a method's vector
     * parameters: the write is called once per panel, a cold call site C2 does not inline, and a
     * vector passed to a method that is not inlined is boxed. One straight-line loop per case.
     */
    private static void doubleWrite(double[] tile, int rows, int vectors, double[] c, int cIdx, int ldc,
                                   double alpha, double beta, boolean first) {
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < vectors; v++) {
                int ti = (r * vectors + v) * DL;
                int ci = cIdx + r * ldc + v * DL;
                if (!first) {
                    DoubleVector.fromArray(DS, c, ci).add(DoubleVector.fromArray(DS, tile, ti).mul(alpha)).intoArray(c, ci);
                } else if (beta == 0) {
                    DoubleVector.fromArray(DS, tile, ti).mul(alpha).intoArray(c, ci);
                } else {
                    DoubleVector.fromArray(DS, tile, ti).mul(alpha).add(DoubleVector.fromArray(DS, c, ci).mul(beta))
                            .intoArray(c, ci);
                }
            }
        }
    }

    /** The same write for one scalar accumulator. */
    private static void doublePut(double acc, double[] c, int ci, double alpha, double beta, boolean first) {
        if (!first) {
            c[ci] = c[ci] + alpha * acc;
        } else if (beta == 0) {
            c[ci] = alpha * acc;
        } else {
            c[ci] = alpha * acc + beta * c[ci];
        }
    }

    /**
     * One row: panels of 16 vectors (with 32 registers), then 8, then the rest, if a vector or
     * more, in one pass ({@link #doubleRows1Rest}); returns the columns done.
     */
    private static int doubleRows1(int depth, double[] a, int aIdx, int aStep, double[] b, int bIdx, int ldb,
                                  int cols, double[] c, int cIdx, double alpha, double beta, boolean first) {
        int j = 0;
        for (; MAX_STRIP_ROWS == 8 && j + 16 * DL <= cols; j += 16 * DL) {
            DoubleVector s0 = DoubleVector.zero(DS), s1 = DoubleVector.zero(DS);
            DoubleVector s2 = DoubleVector.zero(DS), s3 = DoubleVector.zero(DS);
            DoubleVector s4 = DoubleVector.zero(DS), s5 = DoubleVector.zero(DS);
            DoubleVector s6 = DoubleVector.zero(DS), s7 = DoubleVector.zero(DS);
            DoubleVector s8 = DoubleVector.zero(DS), s9 = DoubleVector.zero(DS);
            DoubleVector s10 = DoubleVector.zero(DS), s11 = DoubleVector.zero(DS);
            DoubleVector s12 = DoubleVector.zero(DS), s13 = DoubleVector.zero(DS);
            DoubleVector s14 = DoubleVector.zero(DS), s15 = DoubleVector.zero(DS);
            int bi = bIdx + j;
            int ai = aIdx;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                DoubleVector x = DoubleVector.broadcast(DS, a[ai]);
                s0 = x.fma(DoubleVector.fromArray(DS, b, bi + 0 * DL), s0);
                s1 = x.fma(DoubleVector.fromArray(DS, b, bi + 1 * DL), s1);
                s2 = x.fma(DoubleVector.fromArray(DS, b, bi + 2 * DL), s2);
                s3 = x.fma(DoubleVector.fromArray(DS, b, bi + 3 * DL), s3);
                s4 = x.fma(DoubleVector.fromArray(DS, b, bi + 4 * DL), s4);
                s5 = x.fma(DoubleVector.fromArray(DS, b, bi + 5 * DL), s5);
                s6 = x.fma(DoubleVector.fromArray(DS, b, bi + 6 * DL), s6);
                s7 = x.fma(DoubleVector.fromArray(DS, b, bi + 7 * DL), s7);
                s8 = x.fma(DoubleVector.fromArray(DS, b, bi + 8 * DL), s8);
                s9 = x.fma(DoubleVector.fromArray(DS, b, bi + 9 * DL), s9);
                s10 = x.fma(DoubleVector.fromArray(DS, b, bi + 10 * DL), s10);
                s11 = x.fma(DoubleVector.fromArray(DS, b, bi + 11 * DL), s11);
                s12 = x.fma(DoubleVector.fromArray(DS, b, bi + 12 * DL), s12);
                s13 = x.fma(DoubleVector.fromArray(DS, b, bi + 13 * DL), s13);
                s14 = x.fma(DoubleVector.fromArray(DS, b, bi + 14 * DL), s14);
                s15 = x.fma(DoubleVector.fromArray(DS, b, bi + 15 * DL), s15);
            }
            double[] tile = doubleTile.get();
            s0.intoArray(tile, 0 * DL);
            s1.intoArray(tile, 1 * DL);
            s2.intoArray(tile, 2 * DL);
            s3.intoArray(tile, 3 * DL);
            s4.intoArray(tile, 4 * DL);
            s5.intoArray(tile, 5 * DL);
            s6.intoArray(tile, 6 * DL);
            s7.intoArray(tile, 7 * DL);
            s8.intoArray(tile, 8 * DL);
            s9.intoArray(tile, 9 * DL);
            s10.intoArray(tile, 10 * DL);
            s11.intoArray(tile, 11 * DL);
            s12.intoArray(tile, 12 * DL);
            s13.intoArray(tile, 13 * DL);
            s14.intoArray(tile, 14 * DL);
            s15.intoArray(tile, 15 * DL);
            doubleWrite(tile, 1, 16, c, cIdx + j, 0, alpha, beta, first);
        }
        for (; j + 8 * DL <= cols; j += 8 * DL) {
            DoubleVector s0 = DoubleVector.zero(DS), s1 = DoubleVector.zero(DS);
            DoubleVector s2 = DoubleVector.zero(DS), s3 = DoubleVector.zero(DS);
            DoubleVector s4 = DoubleVector.zero(DS), s5 = DoubleVector.zero(DS);
            DoubleVector s6 = DoubleVector.zero(DS), s7 = DoubleVector.zero(DS);
            int bi = bIdx + j;
            int ai = aIdx;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                DoubleVector x = DoubleVector.broadcast(DS, a[ai]);
                s0 = x.fma(DoubleVector.fromArray(DS, b, bi), s0);
                s1 = x.fma(DoubleVector.fromArray(DS, b, bi + DL), s1);
                s2 = x.fma(DoubleVector.fromArray(DS, b, bi + 2 * DL), s2);
                s3 = x.fma(DoubleVector.fromArray(DS, b, bi + 3 * DL), s3);
                s4 = x.fma(DoubleVector.fromArray(DS, b, bi + 4 * DL), s4);
                s5 = x.fma(DoubleVector.fromArray(DS, b, bi + 5 * DL), s5);
                s6 = x.fma(DoubleVector.fromArray(DS, b, bi + 6 * DL), s6);
                s7 = x.fma(DoubleVector.fromArray(DS, b, bi + 7 * DL), s7);
            }
            double[] tile = doubleTile.get();
            s0.intoArray(tile, 0 * DL);
            s1.intoArray(tile, 1 * DL);
            s2.intoArray(tile, 2 * DL);
            s3.intoArray(tile, 3 * DL);
            s4.intoArray(tile, 4 * DL);
            s5.intoArray(tile, 5 * DL);
            s6.intoArray(tile, 6 * DL);
            s7.intoArray(tile, 7 * DL);
            doubleWrite(tile, 1, 8, c, cIdx + j, 0, alpha, beta, first);
        }
        return cols - j >= DL ? doubleRows1Rest(depth, a, aIdx, aStep, b, bIdx, ldb, j, cols, c, cIdx, alpha, beta, first) : j;
    }

    /**
     * The last {@code cols - j} columns of one row ({@code DL <= cols - j < 8 * DL}) in one pass
     * of eight accumulators instead of a latency-bound pass per narrower panel and a scalar tail:
     * vector i covers columns from {@code min(j + i*DL, cols - DL)}, so the last vector ends at
     * {@code cols} (overlapping the one before when the count is not a multiple of DL) and the
     * ones after it repeat it. Each column's chain is the one the narrower panels compute; each
     * is written once (the overlap's new lanes through {@link #doublePut}). Returns {@code cols}.
     */
    private static int doubleRows1Rest(int depth, double[] a, int aIdx, int aStep, double[] b, int bIdx, int ldb,
                                      int j, int cols, double[] c, int cIdx, double alpha, double beta, boolean first) {
        int last = cols - DL;
        int o1 = Math.min(j + DL, last) - j, o2 = Math.min(j + 2 * DL, last) - j;
        int o3 = Math.min(j + 3 * DL, last) - j, o4 = Math.min(j + 4 * DL, last) - j;
        int o5 = Math.min(j + 5 * DL, last) - j, o6 = Math.min(j + 6 * DL, last) - j;
        int o7 = Math.min(j + 7 * DL, last) - j;
        DoubleVector s0 = DoubleVector.zero(DS), s1 = DoubleVector.zero(DS);
        DoubleVector s2 = DoubleVector.zero(DS), s3 = DoubleVector.zero(DS);
        DoubleVector s4 = DoubleVector.zero(DS), s5 = DoubleVector.zero(DS);
        DoubleVector s6 = DoubleVector.zero(DS), s7 = DoubleVector.zero(DS);
        int bi = bIdx + j;
        int ai = aIdx;
        for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
            DoubleVector x = DoubleVector.broadcast(DS, a[ai]);
            s0 = x.fma(DoubleVector.fromArray(DS, b, bi), s0);
            s1 = x.fma(DoubleVector.fromArray(DS, b, bi + o1), s1);
            s2 = x.fma(DoubleVector.fromArray(DS, b, bi + o2), s2);
            s3 = x.fma(DoubleVector.fromArray(DS, b, bi + o3), s3);
            s4 = x.fma(DoubleVector.fromArray(DS, b, bi + o4), s4);
            s5 = x.fma(DoubleVector.fromArray(DS, b, bi + o5), s5);
            s6 = x.fma(DoubleVector.fromArray(DS, b, bi + o6), s6);
            s7 = x.fma(DoubleVector.fromArray(DS, b, bi + o7), s7);
        }
        double[] tile = doubleTile.get();
        s0.intoArray(tile, 0 * DL);
        s1.intoArray(tile, 1 * DL);
        s2.intoArray(tile, 2 * DL);
        s3.intoArray(tile, 3 * DL);
        s4.intoArray(tile, 4 * DL);
        s5.intoArray(tile, 5 * DL);
        s6.intoArray(tile, 6 * DL);
        s7.intoArray(tile, 7 * DL);
        int whole = (cols - j) / DL;
        doubleWrite(tile, 1, whole, c, cIdx + j, 0, alpha, beta, first);
        int rest = (cols - j) - whole * DL;
        for (int l = DL - rest; l < DL; l++) {
            doublePut(tile[whole * DL + l], c, cIdx + last + l, alpha, beta, first);
        }
        return cols;
    }

    /** Two rows: panels of 4 vectors (8 accumulators), then 1; returns the columns done. */
    private static int doubleRows2(int depth, double[] a, int aIdx, int aRow, int aStep, double[] b, int bIdx, int ldb,
                                  int cols, double[] c, int cIdx, int ldc, double alpha, double beta, boolean first) {
        int j = 0;
        int a1 = aIdx + aRow;
        for (; j + 4 * DL <= cols; j += 4 * DL) {
            DoubleVector s00 = DoubleVector.zero(DS), s01 = DoubleVector.zero(DS);
            DoubleVector s02 = DoubleVector.zero(DS), s03 = DoubleVector.zero(DS);
            DoubleVector s10 = DoubleVector.zero(DS), s11 = DoubleVector.zero(DS);
            DoubleVector s12 = DoubleVector.zero(DS), s13 = DoubleVector.zero(DS);
            int bi = bIdx + j;
            int ai = 0;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                DoubleVector b0 = DoubleVector.fromArray(DS, b, bi);
                DoubleVector b1 = DoubleVector.fromArray(DS, b, bi + DL);
                DoubleVector b2 = DoubleVector.fromArray(DS, b, bi + 2 * DL);
                DoubleVector b3 = DoubleVector.fromArray(DS, b, bi + 3 * DL);
                DoubleVector x = DoubleVector.broadcast(DS, a[aIdx + ai]);
                s00 = x.fma(b0, s00);
                s01 = x.fma(b1, s01);
                s02 = x.fma(b2, s02);
                s03 = x.fma(b3, s03);
                x = DoubleVector.broadcast(DS, a[a1 + ai]);
                s10 = x.fma(b0, s10);
                s11 = x.fma(b1, s11);
                s12 = x.fma(b2, s12);
                s13 = x.fma(b3, s13);
            }
            double[] tile = doubleTile.get();
            s00.intoArray(tile, 0 * DL);
            s01.intoArray(tile, 1 * DL);
            s02.intoArray(tile, 2 * DL);
            s03.intoArray(tile, 3 * DL);
            s10.intoArray(tile, 4 * DL);
            s11.intoArray(tile, 5 * DL);
            s12.intoArray(tile, 6 * DL);
            s13.intoArray(tile, 7 * DL);
            doubleWrite(tile, 2, 4, c, cIdx + j, ldc, alpha, beta, first);
        }
        for (; j + DL <= cols; j += DL) {
            DoubleVector s0 = DoubleVector.zero(DS), s1 = DoubleVector.zero(DS);
            int bi = bIdx + j;
            int ai = 0;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                DoubleVector b0 = DoubleVector.fromArray(DS, b, bi);
                s0 = DoubleVector.broadcast(DS, a[aIdx + ai]).fma(b0, s0);
                s1 = DoubleVector.broadcast(DS, a[a1 + ai]).fma(b0, s1);
            }
            double[] tile = doubleTile.get();
            s0.intoArray(tile, 0 * DL);
            s1.intoArray(tile, 1 * DL);
            doubleWrite(tile, 2, 1, c, cIdx + j, ldc, alpha, beta, first);
        }
        return j;
    }

    /**
     * Four rows: panels of 2 vectors (8 accumulators), then the rest, if the row has a vector's
     * columns or more, in one pass ({@link #doubleRows4Rest}); returns the columns done.
     */
    private static int doubleRows4(int depth, double[] a, int aIdx, int aRow, int aStep, double[] b, int bIdx, int ldb,
                                  int cols, double[] c, int cIdx, int ldc, double alpha, double beta, boolean first) {
        int j = 0;
        int a1 = aIdx + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        for (; j + 2 * DL <= cols; j += 2 * DL) {
            DoubleVector s00 = DoubleVector.zero(DS), s01 = DoubleVector.zero(DS);
            DoubleVector s10 = DoubleVector.zero(DS), s11 = DoubleVector.zero(DS);
            DoubleVector s20 = DoubleVector.zero(DS), s21 = DoubleVector.zero(DS);
            DoubleVector s30 = DoubleVector.zero(DS), s31 = DoubleVector.zero(DS);
            int bi = bIdx + j;
            int ai = 0;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                DoubleVector b0 = DoubleVector.fromArray(DS, b, bi);
                DoubleVector b1 = DoubleVector.fromArray(DS, b, bi + DL);
                DoubleVector x = DoubleVector.broadcast(DS, a[aIdx + ai]);
                s00 = x.fma(b0, s00);
                s01 = x.fma(b1, s01);
                x = DoubleVector.broadcast(DS, a[a1 + ai]);
                s10 = x.fma(b0, s10);
                s11 = x.fma(b1, s11);
                x = DoubleVector.broadcast(DS, a[a2 + ai]);
                s20 = x.fma(b0, s20);
                s21 = x.fma(b1, s21);
                x = DoubleVector.broadcast(DS, a[a3 + ai]);
                s30 = x.fma(b0, s30);
                s31 = x.fma(b1, s31);
            }
            double[] tile = doubleTile.get();
            s00.intoArray(tile, 0 * DL);
            s01.intoArray(tile, 1 * DL);
            s10.intoArray(tile, 2 * DL);
            s11.intoArray(tile, 3 * DL);
            s20.intoArray(tile, 4 * DL);
            s21.intoArray(tile, 5 * DL);
            s30.intoArray(tile, 6 * DL);
            s31.intoArray(tile, 7 * DL);
            doubleWrite(tile, 4, 2, c, cIdx + j, ldc, alpha, beta, first);
        }
        return cols - j > 0 && cols >= DL ? doubleRows4Rest(depth, a, aIdx, aRow, aStep, b, bIdx, ldb, j, cols, c, cIdx, ldc,
                alpha, beta, first) : j;
    }

    /**
     * The last {@code cols - j} columns of four rows ({@code 0 < cols - j < 2 * DL <= 2 * cols})
     * in one pass of two vectors per row (8 accumulators), as {@link #doubleRows1Rest} does for one
     * row: vector 0 from {@code min(j, cols - DL)}, vector 1 from {@code cols - DL} (the two are
     * the same when fewer than DL columns are left); every column is written once, the
     * overlap's new lanes through {@link #doublePut}. Returns {@code cols}.
     */
    private static int doubleRows4Rest(int depth, double[] a, int aIdx, int aRow, int aStep, double[] b, int bIdx, int ldb,
                                      int j, int cols, double[] c, int cIdx, int ldc, double alpha, double beta, boolean first) {
        int last = cols - DL;
        int o0 = Math.min(j, last);
        int o1 = last;
        int a1 = aIdx + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        DoubleVector s00 = DoubleVector.zero(DS), s01 = DoubleVector.zero(DS);
        DoubleVector s10 = DoubleVector.zero(DS), s11 = DoubleVector.zero(DS);
        DoubleVector s20 = DoubleVector.zero(DS), s21 = DoubleVector.zero(DS);
        DoubleVector s30 = DoubleVector.zero(DS), s31 = DoubleVector.zero(DS);
        int bi = bIdx;
        int ai = 0;
        for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
            DoubleVector b0 = DoubleVector.fromArray(DS, b, bi + o0);
            DoubleVector b1 = DoubleVector.fromArray(DS, b, bi + o1);
            DoubleVector x = DoubleVector.broadcast(DS, a[aIdx + ai]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = DoubleVector.broadcast(DS, a[a1 + ai]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = DoubleVector.broadcast(DS, a[a2 + ai]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = DoubleVector.broadcast(DS, a[a3 + ai]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
        }
        double[] tile = doubleTile.get();
        s00.intoArray(tile, 0 * DL);
        s10.intoArray(tile, 1 * DL);
        s20.intoArray(tile, 2 * DL);
        s30.intoArray(tile, 3 * DL);
        s01.intoArray(tile, 4 * DL);
        s11.intoArray(tile, 5 * DL);
        s21.intoArray(tile, 6 * DL);
        s31.intoArray(tile, 7 * DL);
        doubleWriteRest(tile, 4, j, cols, c, cIdx, ldc, alpha, beta, first);
        return cols;
    }

    /**
     * The write of a rest pass ({@link #doubleRows4Rest}, {@link #doubleRows8Rest}): {@code tile} holds
     * each row's vector 0 (row r at {@code r*DL}), then each row's vector 1 (from
     * {@code rows*DL}), vector 1 ending at column {@code cols}. Columns {@code [j, cols)} are
     * written once each: vector 0 whole when it lies in them, then vector 1's lanes past it.
     */
    private static void doubleWriteRest(double[] tile, int rows, int j, int cols, double[] c, int cIdx, int ldc,
                                       double alpha, double beta, boolean first) {
        int whole = (cols - j) / DL;
        if (whole > 0) {
            doubleWrite(tile, rows, 1, c, cIdx + j, ldc, alpha, beta, first);
        }
        int rest = (cols - j) - whole * DL;
        int last = cols - DL;
        for (int r = 0; r < rows; r++) {
            for (int l = DL - rest; l < DL; l++) {
                doublePut(tile[(rows + r) * DL + l], c, cIdx + r * ldc + last + l, alpha, beta, first);
            }
        }
    }

    /**
     * Eight rows (only with 32 vector registers): panels of 2 vectors (16 accumulators, 2 B
     * vectors and a broadcast: 19 registers), then the rest in one pass
     * ({@link #doubleRows8Rest}) as four rows do; returns the columns done.
     */
    private static int doubleRows8(int depth, double[] a, int aIdx, int aRow, int aStep, double[] b, int bIdx, int ldb,
                                  int cols, double[] c, int cIdx, int ldc, double alpha, double beta, boolean first) {
        int j = 0;
        int a1 = aIdx + aRow, a2 = a1 + aRow, a3 = a2 + aRow, a4 = a3 + aRow, a5 = a4 + aRow, a6 = a5 + aRow, a7 = a6 + aRow;
        for (; j + 2 * DL <= cols; j += 2 * DL) {
            DoubleVector s00 = DoubleVector.zero(DS), s01 = DoubleVector.zero(DS);
            DoubleVector s10 = DoubleVector.zero(DS), s11 = DoubleVector.zero(DS);
            DoubleVector s20 = DoubleVector.zero(DS), s21 = DoubleVector.zero(DS);
            DoubleVector s30 = DoubleVector.zero(DS), s31 = DoubleVector.zero(DS);
            DoubleVector s40 = DoubleVector.zero(DS), s41 = DoubleVector.zero(DS);
            DoubleVector s50 = DoubleVector.zero(DS), s51 = DoubleVector.zero(DS);
            DoubleVector s60 = DoubleVector.zero(DS), s61 = DoubleVector.zero(DS);
            DoubleVector s70 = DoubleVector.zero(DS), s71 = DoubleVector.zero(DS);
            int bi = bIdx + j;
            int ai = 0;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                DoubleVector b0 = DoubleVector.fromArray(DS, b, bi);
                DoubleVector b1 = DoubleVector.fromArray(DS, b, bi + DL);
                DoubleVector x = DoubleVector.broadcast(DS, a[aIdx + ai]);
                s00 = x.fma(b0, s00);
                s01 = x.fma(b1, s01);
                x = DoubleVector.broadcast(DS, a[a1 + ai]);
                s10 = x.fma(b0, s10);
                s11 = x.fma(b1, s11);
                x = DoubleVector.broadcast(DS, a[a2 + ai]);
                s20 = x.fma(b0, s20);
                s21 = x.fma(b1, s21);
                x = DoubleVector.broadcast(DS, a[a3 + ai]);
                s30 = x.fma(b0, s30);
                s31 = x.fma(b1, s31);
                x = DoubleVector.broadcast(DS, a[a4 + ai]);
                s40 = x.fma(b0, s40);
                s41 = x.fma(b1, s41);
                x = DoubleVector.broadcast(DS, a[a5 + ai]);
                s50 = x.fma(b0, s50);
                s51 = x.fma(b1, s51);
                x = DoubleVector.broadcast(DS, a[a6 + ai]);
                s60 = x.fma(b0, s60);
                s61 = x.fma(b1, s61);
                x = DoubleVector.broadcast(DS, a[a7 + ai]);
                s70 = x.fma(b0, s70);
                s71 = x.fma(b1, s71);
            }
            double[] tile = doubleTile.get();
            s00.intoArray(tile, 0);
            s01.intoArray(tile, DL);
            s10.intoArray(tile, 2 * DL);
            s11.intoArray(tile, 3 * DL);
            s20.intoArray(tile, 4 * DL);
            s21.intoArray(tile, 5 * DL);
            s30.intoArray(tile, 6 * DL);
            s31.intoArray(tile, 7 * DL);
            s40.intoArray(tile, 8 * DL);
            s41.intoArray(tile, 9 * DL);
            s50.intoArray(tile, 10 * DL);
            s51.intoArray(tile, 11 * DL);
            s60.intoArray(tile, 12 * DL);
            s61.intoArray(tile, 13 * DL);
            s70.intoArray(tile, 14 * DL);
            s71.intoArray(tile, 15 * DL);
            doubleWrite(tile, 8, 2, c, cIdx + j, ldc, alpha, beta, first);
        }
        return cols - j > 0 && cols >= DL ? doubleRows8Rest(depth, a, aIdx, aRow, aStep, b, bIdx, ldb, j, cols, c, cIdx, ldc,
                alpha, beta, first) : j;
    }

    /** {@link #doubleRows4Rest} for eight rows (16 accumulators; only with 32 vector registers). Returns {@code cols}. */
    private static int doubleRows8Rest(int depth, double[] a, int aIdx, int aRow, int aStep, double[] b, int bIdx, int ldb,
                                      int j, int cols, double[] c, int cIdx, int ldc, double alpha, double beta, boolean first) {
        int last = cols - DL;
        int o0 = Math.min(j, last);
        int o1 = last;
        int a1 = aIdx + aRow, a2 = a1 + aRow, a3 = a2 + aRow, a4 = a3 + aRow, a5 = a4 + aRow, a6 = a5 + aRow, a7 = a6 + aRow;
        DoubleVector s00 = DoubleVector.zero(DS), s01 = DoubleVector.zero(DS);
        DoubleVector s10 = DoubleVector.zero(DS), s11 = DoubleVector.zero(DS);
        DoubleVector s20 = DoubleVector.zero(DS), s21 = DoubleVector.zero(DS);
        DoubleVector s30 = DoubleVector.zero(DS), s31 = DoubleVector.zero(DS);
        DoubleVector s40 = DoubleVector.zero(DS), s41 = DoubleVector.zero(DS);
        DoubleVector s50 = DoubleVector.zero(DS), s51 = DoubleVector.zero(DS);
        DoubleVector s60 = DoubleVector.zero(DS), s61 = DoubleVector.zero(DS);
        DoubleVector s70 = DoubleVector.zero(DS), s71 = DoubleVector.zero(DS);
        int bi = bIdx;
        int ai = 0;
        for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
            DoubleVector b0 = DoubleVector.fromArray(DS, b, bi + o0);
            DoubleVector b1 = DoubleVector.fromArray(DS, b, bi + o1);
            DoubleVector x = DoubleVector.broadcast(DS, a[aIdx + ai]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = DoubleVector.broadcast(DS, a[a1 + ai]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = DoubleVector.broadcast(DS, a[a2 + ai]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = DoubleVector.broadcast(DS, a[a3 + ai]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            x = DoubleVector.broadcast(DS, a[a4 + ai]);
            s40 = x.fma(b0, s40);
            s41 = x.fma(b1, s41);
            x = DoubleVector.broadcast(DS, a[a5 + ai]);
            s50 = x.fma(b0, s50);
            s51 = x.fma(b1, s51);
            x = DoubleVector.broadcast(DS, a[a6 + ai]);
            s60 = x.fma(b0, s60);
            s61 = x.fma(b1, s61);
            x = DoubleVector.broadcast(DS, a[a7 + ai]);
            s70 = x.fma(b0, s70);
            s71 = x.fma(b1, s71);
        }
        double[] tile = doubleTile.get();
        s00.intoArray(tile, 0 * DL);
        s10.intoArray(tile, 1 * DL);
        s20.intoArray(tile, 2 * DL);
        s30.intoArray(tile, 3 * DL);
        s40.intoArray(tile, 4 * DL);
        s50.intoArray(tile, 5 * DL);
        s60.intoArray(tile, 6 * DL);
        s70.intoArray(tile, 7 * DL);
        s01.intoArray(tile, 8 * DL);
        s11.intoArray(tile, 9 * DL);
        s21.intoArray(tile, 10 * DL);
        s31.intoArray(tile, 11 * DL);
        s41.intoArray(tile, 12 * DL);
        s51.intoArray(tile, 13 * DL);
        s61.intoArray(tile, 14 * DL);
        s71.intoArray(tile, 15 * DL);
        doubleWriteRest(tile, 8, j, cols, c, cIdx, ldc, alpha, beta, first);
        return cols;
    }

    /**
     * Columns {@code [from, cols)} of one row (fewer than a vector), four at a time: scalar
     * {@link Math#fma} chains, the same rounding as a vector lane's fma.
     */
    private static void doubleTail(int depth, double[] a, int aIdx, int aStep, double[] b, int bIdx, int ldb,
                                  int from, int cols, double[] c, int cIdx, double alpha, double beta, boolean first) {
        int j = from;
        for (; j + 4 <= cols; j += 4) {
            double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
            int bi = bIdx + j;
            int ai = aIdx;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                double x = a[ai];
                t0 = Math.fma(x, b[bi], t0);
                t1 = Math.fma(x, b[bi + 1], t1);
                t2 = Math.fma(x, b[bi + 2], t2);
                t3 = Math.fma(x, b[bi + 3], t3);
            }
            doublePut(t0, c, cIdx + j, alpha, beta, first);
            doublePut(t1, c, cIdx + j + 1, alpha, beta, first);
            doublePut(t2, c, cIdx + j + 2, alpha, beta, first);
            doublePut(t3, c, cIdx + j + 3, alpha, beta, first);
        }
        for (; j < cols; j++) {
            double t = 0;
            int bi = bIdx + j;
            int ai = aIdx;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                t = Math.fma(a[ai], b[bi], t);
            }
            doublePut(t, c, cIdx + j, alpha, beta, first);
        }
    }
}
