// Generated from src/template/java/dev/vecnn/kernels/simd/SimdSkinny$E.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float half of {@link SimdSkinnyGemm} (see there for what it computes and how): strips of
 * 1, 2, 4 or 8 rows, vector panels, the scalar tail, the tile write.
 */
final class SimdSkinnyFloat {
    private static final VectorSpecies<Float> FS = Species.FLOATS;
    private static final int FL = FS.length();
    private static final int MAX_STRIP_ROWS = SimdSkinnyGemm.MAX_STRIP_ROWS;
    /** Per-thread scratch for one panel's accumulators on their way to C (at most 16 vectors). */
    private static final ThreadLocal<float[]> floatTile = ThreadLocal.withInitial(() -> new float[16 * FL]);

    private SimdSkinnyFloat() {}

    /** {@link SimdSkinnyGemm#floatStrip}. */
    static void strip(int rows, int depth, float[] a, int aIdx, int aRow, int aStep, float[] b, int bIdx,
                      int ldb, int cols, float[] c, int cIdx, int ldc, float alpha, float beta, boolean first) {
        int done;
        if (rows == 1) {
            done = floatRows1(depth, a, aIdx, aStep, b, bIdx, ldb, cols, c, cIdx, alpha, beta, first);
        } else if (rows == 2) {
            done = floatRows2(depth, a, aIdx, aRow, aStep, b, bIdx, ldb, cols, c, cIdx, ldc, alpha, beta, first);
        } else if (rows == 4) {
            done = floatRows4(depth, a, aIdx, aRow, aStep, b, bIdx, ldb, cols, c, cIdx, ldc, alpha, beta, first);
        } else if (rows == 8 && MAX_STRIP_ROWS == 8) {
            done = floatRows8(depth, a, aIdx, aRow, aStep, b, bIdx, ldb, cols, c, cIdx, ldc, alpha, beta, first);
        } else {
            throw new IllegalArgumentException("rows must be 1, 2, 4 or " + MAX_STRIP_ROWS + ", got " + rows);
        }
        for (int r = 0; r < rows; r++) {
            floatTail(depth, a, aIdx + r * aRow, aStep, b, bIdx, ldb, done, cols, c, cIdx + r * ldc, alpha, beta, first);
        }
    }

    /**
     * The blocked GEMM's tile write (mul, then add; no fma) for {@code rows x vectors} accumulator
     * vectors left in {@code tile} (vector (r, v) at {@code (r*vectors + v)*FL}) into C from
     * {@code cIdx}. The accumulators go through this array, not through a method's vector
     * parameters: the write is called once per panel, a cold call site C2 does not inline, and a
     * vector passed to a method that is not inlined is boxed. One straight-line loop per case.
     */
    private static void floatWrite(float[] tile, int rows, int vectors, float[] c, int cIdx, int ldc,
                                   float alpha, float beta, boolean first) {
        for (int r = 0; r < rows; r++) {
            for (int v = 0; v < vectors; v++) {
                int ti = (r * vectors + v) * FL;
                int ci = cIdx + r * ldc + v * FL;
                if (!first) {
                    FloatVector.fromArray(FS, c, ci).add(FloatVector.fromArray(FS, tile, ti).mul(alpha)).intoArray(c, ci);
                } else if (beta == 0) {
                    FloatVector.fromArray(FS, tile, ti).mul(alpha).intoArray(c, ci);
                } else {
                    FloatVector.fromArray(FS, tile, ti).mul(alpha).add(FloatVector.fromArray(FS, c, ci).mul(beta))
                            .intoArray(c, ci);
                }
            }
        }
    }

    /** The same write for one scalar accumulator. */
    private static void floatPut(float acc, float[] c, int ci, float alpha, float beta, boolean first) {
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
     * more, in one pass ({@link #floatRows1Rest}); returns the columns done.
     */
    private static int floatRows1(int depth, float[] a, int aIdx, int aStep, float[] b, int bIdx, int ldb,
                                  int cols, float[] c, int cIdx, float alpha, float beta, boolean first) {
        int j = 0;
        for (; MAX_STRIP_ROWS == 8 && j + 16 * FL <= cols; j += 16 * FL) {
            FloatVector s0 = FloatVector.zero(FS), s1 = FloatVector.zero(FS);
            FloatVector s2 = FloatVector.zero(FS), s3 = FloatVector.zero(FS);
            FloatVector s4 = FloatVector.zero(FS), s5 = FloatVector.zero(FS);
            FloatVector s6 = FloatVector.zero(FS), s7 = FloatVector.zero(FS);
            FloatVector s8 = FloatVector.zero(FS), s9 = FloatVector.zero(FS);
            FloatVector s10 = FloatVector.zero(FS), s11 = FloatVector.zero(FS);
            FloatVector s12 = FloatVector.zero(FS), s13 = FloatVector.zero(FS);
            FloatVector s14 = FloatVector.zero(FS), s15 = FloatVector.zero(FS);
            int bi = bIdx + j;
            int ai = aIdx;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                FloatVector x = FloatVector.broadcast(FS, a[ai]);
                s0 = x.fma(FloatVector.fromArray(FS, b, bi + 0 * FL), s0);
                s1 = x.fma(FloatVector.fromArray(FS, b, bi + 1 * FL), s1);
                s2 = x.fma(FloatVector.fromArray(FS, b, bi + 2 * FL), s2);
                s3 = x.fma(FloatVector.fromArray(FS, b, bi + 3 * FL), s3);
                s4 = x.fma(FloatVector.fromArray(FS, b, bi + 4 * FL), s4);
                s5 = x.fma(FloatVector.fromArray(FS, b, bi + 5 * FL), s5);
                s6 = x.fma(FloatVector.fromArray(FS, b, bi + 6 * FL), s6);
                s7 = x.fma(FloatVector.fromArray(FS, b, bi + 7 * FL), s7);
                s8 = x.fma(FloatVector.fromArray(FS, b, bi + 8 * FL), s8);
                s9 = x.fma(FloatVector.fromArray(FS, b, bi + 9 * FL), s9);
                s10 = x.fma(FloatVector.fromArray(FS, b, bi + 10 * FL), s10);
                s11 = x.fma(FloatVector.fromArray(FS, b, bi + 11 * FL), s11);
                s12 = x.fma(FloatVector.fromArray(FS, b, bi + 12 * FL), s12);
                s13 = x.fma(FloatVector.fromArray(FS, b, bi + 13 * FL), s13);
                s14 = x.fma(FloatVector.fromArray(FS, b, bi + 14 * FL), s14);
                s15 = x.fma(FloatVector.fromArray(FS, b, bi + 15 * FL), s15);
            }
            float[] tile = floatTile.get();
            s0.intoArray(tile, 0 * FL);
            s1.intoArray(tile, 1 * FL);
            s2.intoArray(tile, 2 * FL);
            s3.intoArray(tile, 3 * FL);
            s4.intoArray(tile, 4 * FL);
            s5.intoArray(tile, 5 * FL);
            s6.intoArray(tile, 6 * FL);
            s7.intoArray(tile, 7 * FL);
            s8.intoArray(tile, 8 * FL);
            s9.intoArray(tile, 9 * FL);
            s10.intoArray(tile, 10 * FL);
            s11.intoArray(tile, 11 * FL);
            s12.intoArray(tile, 12 * FL);
            s13.intoArray(tile, 13 * FL);
            s14.intoArray(tile, 14 * FL);
            s15.intoArray(tile, 15 * FL);
            floatWrite(tile, 1, 16, c, cIdx + j, 0, alpha, beta, first);
        }
        for (; j + 8 * FL <= cols; j += 8 * FL) {
            FloatVector s0 = FloatVector.zero(FS), s1 = FloatVector.zero(FS);
            FloatVector s2 = FloatVector.zero(FS), s3 = FloatVector.zero(FS);
            FloatVector s4 = FloatVector.zero(FS), s5 = FloatVector.zero(FS);
            FloatVector s6 = FloatVector.zero(FS), s7 = FloatVector.zero(FS);
            int bi = bIdx + j;
            int ai = aIdx;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                FloatVector x = FloatVector.broadcast(FS, a[ai]);
                s0 = x.fma(FloatVector.fromArray(FS, b, bi), s0);
                s1 = x.fma(FloatVector.fromArray(FS, b, bi + FL), s1);
                s2 = x.fma(FloatVector.fromArray(FS, b, bi + 2 * FL), s2);
                s3 = x.fma(FloatVector.fromArray(FS, b, bi + 3 * FL), s3);
                s4 = x.fma(FloatVector.fromArray(FS, b, bi + 4 * FL), s4);
                s5 = x.fma(FloatVector.fromArray(FS, b, bi + 5 * FL), s5);
                s6 = x.fma(FloatVector.fromArray(FS, b, bi + 6 * FL), s6);
                s7 = x.fma(FloatVector.fromArray(FS, b, bi + 7 * FL), s7);
            }
            float[] tile = floatTile.get();
            s0.intoArray(tile, 0 * FL);
            s1.intoArray(tile, 1 * FL);
            s2.intoArray(tile, 2 * FL);
            s3.intoArray(tile, 3 * FL);
            s4.intoArray(tile, 4 * FL);
            s5.intoArray(tile, 5 * FL);
            s6.intoArray(tile, 6 * FL);
            s7.intoArray(tile, 7 * FL);
            floatWrite(tile, 1, 8, c, cIdx + j, 0, alpha, beta, first);
        }
        return cols - j >= FL ? floatRows1Rest(depth, a, aIdx, aStep, b, bIdx, ldb, j, cols, c, cIdx, alpha, beta, first) : j;
    }

    /**
     * The last {@code cols - j} columns of one row ({@code FL <= cols - j < 8 * FL}) in one pass
     * of eight accumulators instead of a latency-bound pass per narrower panel and a scalar tail:
     * vector i covers columns from {@code min(j + i*FL, cols - FL)}, so the last vector ends at
     * {@code cols} (overlapping the one before when the count is not a multiple of FL) and the
     * ones after it repeat it. Each column's chain is the one the narrower panels compute; each
     * is written once (the overlap's new lanes through {@link #floatPut}). Returns {@code cols}.
     */
    private static int floatRows1Rest(int depth, float[] a, int aIdx, int aStep, float[] b, int bIdx, int ldb,
                                      int j, int cols, float[] c, int cIdx, float alpha, float beta, boolean first) {
        int last = cols - FL;
        int o1 = Math.min(j + FL, last) - j, o2 = Math.min(j + 2 * FL, last) - j;
        int o3 = Math.min(j + 3 * FL, last) - j, o4 = Math.min(j + 4 * FL, last) - j;
        int o5 = Math.min(j + 5 * FL, last) - j, o6 = Math.min(j + 6 * FL, last) - j;
        int o7 = Math.min(j + 7 * FL, last) - j;
        FloatVector s0 = FloatVector.zero(FS), s1 = FloatVector.zero(FS);
        FloatVector s2 = FloatVector.zero(FS), s3 = FloatVector.zero(FS);
        FloatVector s4 = FloatVector.zero(FS), s5 = FloatVector.zero(FS);
        FloatVector s6 = FloatVector.zero(FS), s7 = FloatVector.zero(FS);
        int bi = bIdx + j;
        int ai = aIdx;
        for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
            FloatVector x = FloatVector.broadcast(FS, a[ai]);
            s0 = x.fma(FloatVector.fromArray(FS, b, bi), s0);
            s1 = x.fma(FloatVector.fromArray(FS, b, bi + o1), s1);
            s2 = x.fma(FloatVector.fromArray(FS, b, bi + o2), s2);
            s3 = x.fma(FloatVector.fromArray(FS, b, bi + o3), s3);
            s4 = x.fma(FloatVector.fromArray(FS, b, bi + o4), s4);
            s5 = x.fma(FloatVector.fromArray(FS, b, bi + o5), s5);
            s6 = x.fma(FloatVector.fromArray(FS, b, bi + o6), s6);
            s7 = x.fma(FloatVector.fromArray(FS, b, bi + o7), s7);
        }
        float[] tile = floatTile.get();
        s0.intoArray(tile, 0 * FL);
        s1.intoArray(tile, 1 * FL);
        s2.intoArray(tile, 2 * FL);
        s3.intoArray(tile, 3 * FL);
        s4.intoArray(tile, 4 * FL);
        s5.intoArray(tile, 5 * FL);
        s6.intoArray(tile, 6 * FL);
        s7.intoArray(tile, 7 * FL);
        int whole = (cols - j) / FL;
        floatWrite(tile, 1, whole, c, cIdx + j, 0, alpha, beta, first);
        int rest = (cols - j) - whole * FL;
        for (int l = FL - rest; l < FL; l++) {
            floatPut(tile[whole * FL + l], c, cIdx + last + l, alpha, beta, first);
        }
        return cols;
    }

    /** Two rows: panels of 4 vectors (8 accumulators), then 1; returns the columns done. */
    private static int floatRows2(int depth, float[] a, int aIdx, int aRow, int aStep, float[] b, int bIdx, int ldb,
                                  int cols, float[] c, int cIdx, int ldc, float alpha, float beta, boolean first) {
        int j = 0;
        int a1 = aIdx + aRow;
        for (; j + 4 * FL <= cols; j += 4 * FL) {
            FloatVector s00 = FloatVector.zero(FS), s01 = FloatVector.zero(FS);
            FloatVector s02 = FloatVector.zero(FS), s03 = FloatVector.zero(FS);
            FloatVector s10 = FloatVector.zero(FS), s11 = FloatVector.zero(FS);
            FloatVector s12 = FloatVector.zero(FS), s13 = FloatVector.zero(FS);
            int bi = bIdx + j;
            int ai = 0;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                FloatVector b0 = FloatVector.fromArray(FS, b, bi);
                FloatVector b1 = FloatVector.fromArray(FS, b, bi + FL);
                FloatVector b2 = FloatVector.fromArray(FS, b, bi + 2 * FL);
                FloatVector b3 = FloatVector.fromArray(FS, b, bi + 3 * FL);
                FloatVector x = FloatVector.broadcast(FS, a[aIdx + ai]);
                s00 = x.fma(b0, s00);
                s01 = x.fma(b1, s01);
                s02 = x.fma(b2, s02);
                s03 = x.fma(b3, s03);
                x = FloatVector.broadcast(FS, a[a1 + ai]);
                s10 = x.fma(b0, s10);
                s11 = x.fma(b1, s11);
                s12 = x.fma(b2, s12);
                s13 = x.fma(b3, s13);
            }
            float[] tile = floatTile.get();
            s00.intoArray(tile, 0 * FL);
            s01.intoArray(tile, 1 * FL);
            s02.intoArray(tile, 2 * FL);
            s03.intoArray(tile, 3 * FL);
            s10.intoArray(tile, 4 * FL);
            s11.intoArray(tile, 5 * FL);
            s12.intoArray(tile, 6 * FL);
            s13.intoArray(tile, 7 * FL);
            floatWrite(tile, 2, 4, c, cIdx + j, ldc, alpha, beta, first);
        }
        for (; j + FL <= cols; j += FL) {
            FloatVector s0 = FloatVector.zero(FS), s1 = FloatVector.zero(FS);
            int bi = bIdx + j;
            int ai = 0;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                FloatVector b0 = FloatVector.fromArray(FS, b, bi);
                s0 = FloatVector.broadcast(FS, a[aIdx + ai]).fma(b0, s0);
                s1 = FloatVector.broadcast(FS, a[a1 + ai]).fma(b0, s1);
            }
            float[] tile = floatTile.get();
            s0.intoArray(tile, 0 * FL);
            s1.intoArray(tile, 1 * FL);
            floatWrite(tile, 2, 1, c, cIdx + j, ldc, alpha, beta, first);
        }
        return j;
    }

    /**
     * Four rows: panels of 2 vectors (8 accumulators), then the rest, if the row has a vector's
     * columns or more, in one pass ({@link #floatRows4Rest}); returns the columns done.
     */
    private static int floatRows4(int depth, float[] a, int aIdx, int aRow, int aStep, float[] b, int bIdx, int ldb,
                                  int cols, float[] c, int cIdx, int ldc, float alpha, float beta, boolean first) {
        int j = 0;
        int a1 = aIdx + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        for (; j + 2 * FL <= cols; j += 2 * FL) {
            FloatVector s00 = FloatVector.zero(FS), s01 = FloatVector.zero(FS);
            FloatVector s10 = FloatVector.zero(FS), s11 = FloatVector.zero(FS);
            FloatVector s20 = FloatVector.zero(FS), s21 = FloatVector.zero(FS);
            FloatVector s30 = FloatVector.zero(FS), s31 = FloatVector.zero(FS);
            int bi = bIdx + j;
            int ai = 0;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                FloatVector b0 = FloatVector.fromArray(FS, b, bi);
                FloatVector b1 = FloatVector.fromArray(FS, b, bi + FL);
                FloatVector x = FloatVector.broadcast(FS, a[aIdx + ai]);
                s00 = x.fma(b0, s00);
                s01 = x.fma(b1, s01);
                x = FloatVector.broadcast(FS, a[a1 + ai]);
                s10 = x.fma(b0, s10);
                s11 = x.fma(b1, s11);
                x = FloatVector.broadcast(FS, a[a2 + ai]);
                s20 = x.fma(b0, s20);
                s21 = x.fma(b1, s21);
                x = FloatVector.broadcast(FS, a[a3 + ai]);
                s30 = x.fma(b0, s30);
                s31 = x.fma(b1, s31);
            }
            float[] tile = floatTile.get();
            s00.intoArray(tile, 0 * FL);
            s01.intoArray(tile, 1 * FL);
            s10.intoArray(tile, 2 * FL);
            s11.intoArray(tile, 3 * FL);
            s20.intoArray(tile, 4 * FL);
            s21.intoArray(tile, 5 * FL);
            s30.intoArray(tile, 6 * FL);
            s31.intoArray(tile, 7 * FL);
            floatWrite(tile, 4, 2, c, cIdx + j, ldc, alpha, beta, first);
        }
        return cols - j > 0 && cols >= FL ? floatRows4Rest(depth, a, aIdx, aRow, aStep, b, bIdx, ldb, j, cols, c, cIdx, ldc,
                alpha, beta, first) : j;
    }

    /**
     * The last {@code cols - j} columns of four rows ({@code 0 < cols - j < 2 * FL <= 2 * cols})
     * in one pass of two vectors per row (8 accumulators), as {@link #floatRows1Rest} does for one
     * row: vector 0 from {@code min(j, cols - FL)}, vector 1 from {@code cols - FL} (the two are
     * the same when fewer than FL columns are left); every column is written once, the
     * overlap's new lanes through {@link #floatPut}. Returns {@code cols}.
     */
    private static int floatRows4Rest(int depth, float[] a, int aIdx, int aRow, int aStep, float[] b, int bIdx, int ldb,
                                      int j, int cols, float[] c, int cIdx, int ldc, float alpha, float beta, boolean first) {
        int last = cols - FL;
        int o0 = Math.min(j, last);
        int o1 = last;
        int a1 = aIdx + aRow, a2 = a1 + aRow, a3 = a2 + aRow;
        FloatVector s00 = FloatVector.zero(FS), s01 = FloatVector.zero(FS);
        FloatVector s10 = FloatVector.zero(FS), s11 = FloatVector.zero(FS);
        FloatVector s20 = FloatVector.zero(FS), s21 = FloatVector.zero(FS);
        FloatVector s30 = FloatVector.zero(FS), s31 = FloatVector.zero(FS);
        int bi = bIdx;
        int ai = 0;
        for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
            FloatVector b0 = FloatVector.fromArray(FS, b, bi + o0);
            FloatVector b1 = FloatVector.fromArray(FS, b, bi + o1);
            FloatVector x = FloatVector.broadcast(FS, a[aIdx + ai]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(FS, a[a1 + ai]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(FS, a[a2 + ai]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = FloatVector.broadcast(FS, a[a3 + ai]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
        }
        float[] tile = floatTile.get();
        s00.intoArray(tile, 0 * FL);
        s10.intoArray(tile, 1 * FL);
        s20.intoArray(tile, 2 * FL);
        s30.intoArray(tile, 3 * FL);
        s01.intoArray(tile, 4 * FL);
        s11.intoArray(tile, 5 * FL);
        s21.intoArray(tile, 6 * FL);
        s31.intoArray(tile, 7 * FL);
        floatWriteRest(tile, 4, j, cols, c, cIdx, ldc, alpha, beta, first);
        return cols;
    }

    /**
     * The write of a rest pass ({@link #floatRows4Rest}, {@link #floatRows8Rest}): {@code tile} holds
     * each row's vector 0 (row r at {@code r*FL}), then each row's vector 1 (from
     * {@code rows*FL}), vector 1 ending at column {@code cols}. Columns {@code [j, cols)} are
     * written once each: vector 0 whole when it lies in them, then vector 1's lanes past it.
     */
    private static void floatWriteRest(float[] tile, int rows, int j, int cols, float[] c, int cIdx, int ldc,
                                       float alpha, float beta, boolean first) {
        int whole = (cols - j) / FL;
        if (whole > 0) {
            floatWrite(tile, rows, 1, c, cIdx + j, ldc, alpha, beta, first);
        }
        int rest = (cols - j) - whole * FL;
        int last = cols - FL;
        for (int r = 0; r < rows; r++) {
            for (int l = FL - rest; l < FL; l++) {
                floatPut(tile[(rows + r) * FL + l], c, cIdx + r * ldc + last + l, alpha, beta, first);
            }
        }
    }

    /**
     * Eight rows (only with 32 vector registers): panels of 2 vectors (16 accumulators, 2 B
     * vectors and a broadcast: 19 registers), then the rest in one pass
     * ({@link #floatRows8Rest}) as four rows do; returns the columns done.
     */
    private static int floatRows8(int depth, float[] a, int aIdx, int aRow, int aStep, float[] b, int bIdx, int ldb,
                                  int cols, float[] c, int cIdx, int ldc, float alpha, float beta, boolean first) {
        int j = 0;
        int a1 = aIdx + aRow, a2 = a1 + aRow, a3 = a2 + aRow, a4 = a3 + aRow, a5 = a4 + aRow, a6 = a5 + aRow, a7 = a6 + aRow;
        for (; j + 2 * FL <= cols; j += 2 * FL) {
            FloatVector s00 = FloatVector.zero(FS), s01 = FloatVector.zero(FS);
            FloatVector s10 = FloatVector.zero(FS), s11 = FloatVector.zero(FS);
            FloatVector s20 = FloatVector.zero(FS), s21 = FloatVector.zero(FS);
            FloatVector s30 = FloatVector.zero(FS), s31 = FloatVector.zero(FS);
            FloatVector s40 = FloatVector.zero(FS), s41 = FloatVector.zero(FS);
            FloatVector s50 = FloatVector.zero(FS), s51 = FloatVector.zero(FS);
            FloatVector s60 = FloatVector.zero(FS), s61 = FloatVector.zero(FS);
            FloatVector s70 = FloatVector.zero(FS), s71 = FloatVector.zero(FS);
            int bi = bIdx + j;
            int ai = 0;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                FloatVector b0 = FloatVector.fromArray(FS, b, bi);
                FloatVector b1 = FloatVector.fromArray(FS, b, bi + FL);
                FloatVector x = FloatVector.broadcast(FS, a[aIdx + ai]);
                s00 = x.fma(b0, s00);
                s01 = x.fma(b1, s01);
                x = FloatVector.broadcast(FS, a[a1 + ai]);
                s10 = x.fma(b0, s10);
                s11 = x.fma(b1, s11);
                x = FloatVector.broadcast(FS, a[a2 + ai]);
                s20 = x.fma(b0, s20);
                s21 = x.fma(b1, s21);
                x = FloatVector.broadcast(FS, a[a3 + ai]);
                s30 = x.fma(b0, s30);
                s31 = x.fma(b1, s31);
                x = FloatVector.broadcast(FS, a[a4 + ai]);
                s40 = x.fma(b0, s40);
                s41 = x.fma(b1, s41);
                x = FloatVector.broadcast(FS, a[a5 + ai]);
                s50 = x.fma(b0, s50);
                s51 = x.fma(b1, s51);
                x = FloatVector.broadcast(FS, a[a6 + ai]);
                s60 = x.fma(b0, s60);
                s61 = x.fma(b1, s61);
                x = FloatVector.broadcast(FS, a[a7 + ai]);
                s70 = x.fma(b0, s70);
                s71 = x.fma(b1, s71);
            }
            float[] tile = floatTile.get();
            s00.intoArray(tile, 0);
            s01.intoArray(tile, FL);
            s10.intoArray(tile, 2 * FL);
            s11.intoArray(tile, 3 * FL);
            s20.intoArray(tile, 4 * FL);
            s21.intoArray(tile, 5 * FL);
            s30.intoArray(tile, 6 * FL);
            s31.intoArray(tile, 7 * FL);
            s40.intoArray(tile, 8 * FL);
            s41.intoArray(tile, 9 * FL);
            s50.intoArray(tile, 10 * FL);
            s51.intoArray(tile, 11 * FL);
            s60.intoArray(tile, 12 * FL);
            s61.intoArray(tile, 13 * FL);
            s70.intoArray(tile, 14 * FL);
            s71.intoArray(tile, 15 * FL);
            floatWrite(tile, 8, 2, c, cIdx + j, ldc, alpha, beta, first);
        }
        return cols - j > 0 && cols >= FL ? floatRows8Rest(depth, a, aIdx, aRow, aStep, b, bIdx, ldb, j, cols, c, cIdx, ldc,
                alpha, beta, first) : j;
    }

    /** {@link #floatRows4Rest} for eight rows (16 accumulators; only with 32 vector registers). Returns {@code cols}. */
    private static int floatRows8Rest(int depth, float[] a, int aIdx, int aRow, int aStep, float[] b, int bIdx, int ldb,
                                      int j, int cols, float[] c, int cIdx, int ldc, float alpha, float beta, boolean first) {
        int last = cols - FL;
        int o0 = Math.min(j, last);
        int o1 = last;
        int a1 = aIdx + aRow, a2 = a1 + aRow, a3 = a2 + aRow, a4 = a3 + aRow, a5 = a4 + aRow, a6 = a5 + aRow, a7 = a6 + aRow;
        FloatVector s00 = FloatVector.zero(FS), s01 = FloatVector.zero(FS);
        FloatVector s10 = FloatVector.zero(FS), s11 = FloatVector.zero(FS);
        FloatVector s20 = FloatVector.zero(FS), s21 = FloatVector.zero(FS);
        FloatVector s30 = FloatVector.zero(FS), s31 = FloatVector.zero(FS);
        FloatVector s40 = FloatVector.zero(FS), s41 = FloatVector.zero(FS);
        FloatVector s50 = FloatVector.zero(FS), s51 = FloatVector.zero(FS);
        FloatVector s60 = FloatVector.zero(FS), s61 = FloatVector.zero(FS);
        FloatVector s70 = FloatVector.zero(FS), s71 = FloatVector.zero(FS);
        int bi = bIdx;
        int ai = 0;
        for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
            FloatVector b0 = FloatVector.fromArray(FS, b, bi + o0);
            FloatVector b1 = FloatVector.fromArray(FS, b, bi + o1);
            FloatVector x = FloatVector.broadcast(FS, a[aIdx + ai]);
            s00 = x.fma(b0, s00);
            s01 = x.fma(b1, s01);
            x = FloatVector.broadcast(FS, a[a1 + ai]);
            s10 = x.fma(b0, s10);
            s11 = x.fma(b1, s11);
            x = FloatVector.broadcast(FS, a[a2 + ai]);
            s20 = x.fma(b0, s20);
            s21 = x.fma(b1, s21);
            x = FloatVector.broadcast(FS, a[a3 + ai]);
            s30 = x.fma(b0, s30);
            s31 = x.fma(b1, s31);
            x = FloatVector.broadcast(FS, a[a4 + ai]);
            s40 = x.fma(b0, s40);
            s41 = x.fma(b1, s41);
            x = FloatVector.broadcast(FS, a[a5 + ai]);
            s50 = x.fma(b0, s50);
            s51 = x.fma(b1, s51);
            x = FloatVector.broadcast(FS, a[a6 + ai]);
            s60 = x.fma(b0, s60);
            s61 = x.fma(b1, s61);
            x = FloatVector.broadcast(FS, a[a7 + ai]);
            s70 = x.fma(b0, s70);
            s71 = x.fma(b1, s71);
        }
        float[] tile = floatTile.get();
        s00.intoArray(tile, 0 * FL);
        s10.intoArray(tile, 1 * FL);
        s20.intoArray(tile, 2 * FL);
        s30.intoArray(tile, 3 * FL);
        s40.intoArray(tile, 4 * FL);
        s50.intoArray(tile, 5 * FL);
        s60.intoArray(tile, 6 * FL);
        s70.intoArray(tile, 7 * FL);
        s01.intoArray(tile, 8 * FL);
        s11.intoArray(tile, 9 * FL);
        s21.intoArray(tile, 10 * FL);
        s31.intoArray(tile, 11 * FL);
        s41.intoArray(tile, 12 * FL);
        s51.intoArray(tile, 13 * FL);
        s61.intoArray(tile, 14 * FL);
        s71.intoArray(tile, 15 * FL);
        floatWriteRest(tile, 8, j, cols, c, cIdx, ldc, alpha, beta, first);
        return cols;
    }

    /**
     * Columns {@code [from, cols)} of one row (fewer than a vector), four at a time: scalar
     * {@link Math#fma} chains, the same rounding as a vector lane's fma.
     */
    private static void floatTail(int depth, float[] a, int aIdx, int aStep, float[] b, int bIdx, int ldb,
                                  int from, int cols, float[] c, int cIdx, float alpha, float beta, boolean first) {
        int j = from;
        for (; j + 4 <= cols; j += 4) {
            float t0 = 0, t1 = 0, t2 = 0, t3 = 0;
            int bi = bIdx + j;
            int ai = aIdx;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                float x = a[ai];
                t0 = Math.fma(x, b[bi], t0);
                t1 = Math.fma(x, b[bi + 1], t1);
                t2 = Math.fma(x, b[bi + 2], t2);
                t3 = Math.fma(x, b[bi + 3], t3);
            }
            floatPut(t0, c, cIdx + j, alpha, beta, first);
            floatPut(t1, c, cIdx + j + 1, alpha, beta, first);
            floatPut(t2, c, cIdx + j + 2, alpha, beta, first);
            floatPut(t3, c, cIdx + j + 3, alpha, beta, first);
        }
        for (; j < cols; j++) {
            float t = 0;
            int bi = bIdx + j;
            int ai = aIdx;
            for (int p = 0; p < depth; p++, bi += ldb, ai += aStep) {
                t = Math.fma(a[ai], b[bi], t);
            }
            floatPut(t, c, cIdx + j, alpha, beta, first);
        }
    }
}
