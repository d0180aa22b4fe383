// Generated from the tile list in src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float GEMM micro-kernels of {@link SimdGemm}, one method per register tile
 * ({@code k<rows>x<vectors>}: A packed, {@code ...Rows}: A read in place, row r at
 * {@code a[aIdx + r*lda + p]}). Each computes, for one tile of C over one depth block,
 * {@code acc[r][j] = fma(A[r][p], B[p][j], acc[r][j])} for p ascending from zero, and writes the
 * tile from its registers, row r at {@code c[cIdx + r*ldc ..]}: {@code C = C + acc} when
 * {@code add}, else {@code C = acc} (C itself when alpha is 1, else a scratch tile of row
 * length {@code ldc = vectors * lanes} that the driver's tile write scales).
 *
 * <p>Written out straight-line: every accumulator is a separate local, so C2 keeps them in
 * registers; a loop over an array of vectors would box them. Some kernels do two depth steps
 * per iteration with one loop index (fewer index updates per FMA; see {@link SimdGemm}); the
 * others one step (enough FMAs per step amortise the index work, and a smaller method keeps
 * C2's compile of it short and within its node budget).
 */
final class SimdGemmFloatTiles {
    private static final VectorSpecies<Float> FS = Species.FLOATS;
    private static final int FL = FS.length();

    private SimdGemmFloatTiles() {}

    static void k4x2(int depth, float[] ap, int aIdx, float[] bp, int bIdx,
            float[] c, int cIdx, int ldc, boolean add) {
        FloatVector c0_0 = FloatVector.zero(FS); FloatVector c0_1 = FloatVector.zero(FS);
        FloatVector c1_0 = FloatVector.zero(FS); FloatVector c1_1 = FloatVector.zero(FS);
        FloatVector c2_0 = FloatVector.zero(FS); FloatVector c2_1 = FloatVector.zero(FS);
        FloatVector c3_0 = FloatVector.zero(FS); FloatVector c3_1 = FloatVector.zero(FS);
        for (int q = 0; q < depth * 4; q += 4) {
            int bi = bIdx + q * (2 * FL / 4);
            int ai = aIdx + q;
            FloatVector x;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
            x = FloatVector.broadcast(FS, ap[ai]);
            c0_0 = x.fma(b0, c0_0);
            c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(FS, ap[ai + 1]);
            c1_0 = x.fma(b0, c1_0);
            c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(FS, ap[ai + 2]);
            c2_0 = x.fma(b0, c2_0);
            c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(FS, ap[ai + 3]);
            c3_0 = x.fma(b0, c3_0);
            c3_1 = x.fma(b1, c3_1);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc, row3 = cIdx + 3 * ldc;
        if (add) {
            FloatVector.fromArray(FS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            FloatVector.fromArray(FS, c, cIdx + FL).add(c0_1).intoArray(c, cIdx + FL);
            FloatVector.fromArray(FS, c, row1).add(c1_0).intoArray(c, row1);
            FloatVector.fromArray(FS, c, row1 + FL).add(c1_1).intoArray(c, row1 + FL);
            FloatVector.fromArray(FS, c, row2).add(c2_0).intoArray(c, row2);
            FloatVector.fromArray(FS, c, row2 + FL).add(c2_1).intoArray(c, row2 + FL);
            FloatVector.fromArray(FS, c, row3).add(c3_0).intoArray(c, row3);
            FloatVector.fromArray(FS, c, row3 + FL).add(c3_1).intoArray(c, row3 + FL);
        } else {
            c0_0.intoArray(c, cIdx);
            c0_1.intoArray(c, cIdx + FL);
            c1_0.intoArray(c, row1);
            c1_1.intoArray(c, row1 + FL);
            c2_0.intoArray(c, row2);
            c2_1.intoArray(c, row2 + FL);
            c3_0.intoArray(c, row3);
            c3_1.intoArray(c, row3 + FL);
        }
    }

    static void k4x2Rows(int depth, float[] a, int aIdx, int lda, float[] bp, int bIdx,
            float[] c, int cIdx, int ldc, boolean add) {
        FloatVector c0_0 = FloatVector.zero(FS); FloatVector c0_1 = FloatVector.zero(FS);
        FloatVector c1_0 = FloatVector.zero(FS); FloatVector c1_1 = FloatVector.zero(FS);
        FloatVector c2_0 = FloatVector.zero(FS); FloatVector c2_1 = FloatVector.zero(FS);
        FloatVector c3_0 = FloatVector.zero(FS); FloatVector c3_1 = FloatVector.zero(FS);
        int a1 = aIdx + lda, a2 = aIdx + 2 * lda, a3 = aIdx + 3 * lda;
        int p = 0;
        for (; p < depth; p++) {
            int bi = bIdx + p * (2 * FL);
            FloatVector x;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
            x = FloatVector.broadcast(FS, a[aIdx + p]);
            c0_0 = x.fma(b0, c0_0);
            c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(FS, a[a1 + p]);
            c1_0 = x.fma(b0, c1_0);
            c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(FS, a[a2 + p]);
            c2_0 = x.fma(b0, c2_0);
            c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(FS, a[a3 + p]);
            c3_0 = x.fma(b0, c3_0);
            c3_1 = x.fma(b1, c3_1);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc, row3 = cIdx + 3 * ldc;
        if (add) {
            FloatVector.fromArray(FS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            FloatVector.fromArray(FS, c, cIdx + FL).add(c0_1).intoArray(c, cIdx + FL);
            FloatVector.fromArray(FS, c, row1).add(c1_0).intoArray(c, row1);
            FloatVector.fromArray(FS, c, row1 + FL).add(c1_1).intoArray(c, row1 + FL);
            FloatVector.fromArray(FS, c, row2).add(c2_0).intoArray(c, row2);
            FloatVector.fromArray(FS, c, row2 + FL).add(c2_1).intoArray(c, row2 + FL);
            FloatVector.fromArray(FS, c, row3).add(c3_0).intoArray(c, row3);
            FloatVector.fromArray(FS, c, row3 + FL).add(c3_1).intoArray(c, row3 + FL);
        } else {
            c0_0.intoArray(c, cIdx);
            c0_1.intoArray(c, cIdx + FL);
            c1_0.intoArray(c, row1);
            c1_1.intoArray(c, row1 + FL);
            c2_0.intoArray(c, row2);
            c2_1.intoArray(c, row2 + FL);
            c3_0.intoArray(c, row3);
            c3_1.intoArray(c, row3 + FL);
        }
    }

    static void k8x2(int depth, float[] ap, int aIdx, float[] bp, int bIdx,
            float[] c, int cIdx, int ldc, boolean add) {
        FloatVector c0_0 = FloatVector.zero(FS); FloatVector c0_1 = FloatVector.zero(FS);
        FloatVector c1_0 = FloatVector.zero(FS); FloatVector c1_1 = FloatVector.zero(FS);
        FloatVector c2_0 = FloatVector.zero(FS); FloatVector c2_1 = FloatVector.zero(FS);
        FloatVector c3_0 = FloatVector.zero(FS); FloatVector c3_1 = FloatVector.zero(FS);
        FloatVector c4_0 = FloatVector.zero(FS); FloatVector c4_1 = FloatVector.zero(FS);
        FloatVector c5_0 = FloatVector.zero(FS); FloatVector c5_1 = FloatVector.zero(FS);
        FloatVector c6_0 = FloatVector.zero(FS); FloatVector c6_1 = FloatVector.zero(FS);
        FloatVector c7_0 = FloatVector.zero(FS); FloatVector c7_1 = FloatVector.zero(FS);
        for (int p = 0; p < depth; p++) {
            int bi = bIdx + p * (2 * FL);
            int ai = aIdx + p * 8;
            FloatVector x;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
            x = FloatVector.broadcast(FS, ap[ai]);
            c0_0 = x.fma(b0, c0_0);
            c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(FS, ap[ai + 1]);
            c1_0 = x.fma(b0, c1_0);
            c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(FS, ap[ai + 2]);
            c2_0 = x.fma(b0, c2_0);
            c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(FS, ap[ai + 3]);
            c3_0 = x.fma(b0, c3_0);
            c3_1 = x.fma(b1, c3_1);
            x = FloatVector.broadcast(FS, ap[ai + 4]);
            c4_0 = x.fma(b0, c4_0);
            c4_1 = x.fma(b1, c4_1);
            x = FloatVector.broadcast(FS, ap[ai + 5]);
            c5_0 = x.fma(b0, c5_0);
            c5_1 = x.fma(b1, c5_1);
            x = FloatVector.broadcast(FS, ap[ai + 6]);
            c6_0 = x.fma(b0, c6_0);
            c6_1 = x.fma(b1, c6_1);
            x = FloatVector.broadcast(FS, ap[ai + 7]);
            c7_0 = x.fma(b0, c7_0);
            c7_1 = x.fma(b1, c7_1);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc, row3 = cIdx + 3 * ldc, row4 = cIdx + 4 * ldc, row5 = cIdx + 5 * ldc, row6 = cIdx + 6 * ldc, row7 = cIdx + 7 * ldc;
        if (add) {
            FloatVector.fromArray(FS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            FloatVector.fromArray(FS, c, cIdx + FL).add(c0_1).intoArray(c, cIdx + FL);
            FloatVector.fromArray(FS, c, row1).add(c1_0).intoArray(c, row1);
            FloatVector.fromArray(FS, c, row1 + FL).add(c1_1).intoArray(c, row1 + FL);
            FloatVector.fromArray(FS, c, row2).add(c2_0).intoArray(c, row2);
            FloatVector.fromArray(FS, c, row2 + FL).add(c2_1).intoArray(c, row2 + FL);
            FloatVector.fromArray(FS, c, row3).add(c3_0).intoArray(c, row3);
            FloatVector.fromArray(FS, c, row3 + FL).add(c3_1).intoArray(c, row3 + FL);
            FloatVector.fromArray(FS, c, row4).add(c4_0).intoArray(c, row4);
            FloatVector.fromArray(FS, c, row4 + FL).add(c4_1).intoArray(c, row4 + FL);
            FloatVector.fromArray(FS, c, row5).add(c5_0).intoArray(c, row5);
            FloatVector.fromArray(FS, c, row5 + FL).add(c5_1).intoArray(c, row5 + FL);
            FloatVector.fromArray(FS, c, row6).add(c6_0).intoArray(c, row6);
            FloatVector.fromArray(FS, c, row6 + FL).add(c6_1).intoArray(c, row6 + FL);
            FloatVector.fromArray(FS, c, row7).add(c7_0).intoArray(c, row7);
            FloatVector.fromArray(FS, c, row7 + FL).add(c7_1).intoArray(c, row7 + FL);
        } else {
            c0_0.intoArray(c, cIdx);
            c0_1.intoArray(c, cIdx + FL);
            c1_0.intoArray(c, row1);
            c1_1.intoArray(c, row1 + FL);
            c2_0.intoArray(c, row2);
            c2_1.intoArray(c, row2 + FL);
            c3_0.intoArray(c, row3);
            c3_1.intoArray(c, row3 + FL);
            c4_0.intoArray(c, row4);
            c4_1.intoArray(c, row4 + FL);
            c5_0.intoArray(c, row5);
            c5_1.intoArray(c, row5 + FL);
            c6_0.intoArray(c, row6);
            c6_1.intoArray(c, row6 + FL);
            c7_0.intoArray(c, row7);
            c7_1.intoArray(c, row7 + FL);
        }
    }

    static void k8x2Rows(int depth, float[] a, int aIdx, int lda, float[] bp, int bIdx,
            float[] c, int cIdx, int ldc, boolean add) {
        FloatVector c0_0 = FloatVector.zero(FS); FloatVector c0_1 = FloatVector.zero(FS);
        FloatVector c1_0 = FloatVector.zero(FS); FloatVector c1_1 = FloatVector.zero(FS);
        FloatVector c2_0 = FloatVector.zero(FS); FloatVector c2_1 = FloatVector.zero(FS);
        FloatVector c3_0 = FloatVector.zero(FS); FloatVector c3_1 = FloatVector.zero(FS);
        FloatVector c4_0 = FloatVector.zero(FS); FloatVector c4_1 = FloatVector.zero(FS);
        FloatVector c5_0 = FloatVector.zero(FS); FloatVector c5_1 = FloatVector.zero(FS);
        FloatVector c6_0 = FloatVector.zero(FS); FloatVector c6_1 = FloatVector.zero(FS);
        FloatVector c7_0 = FloatVector.zero(FS); FloatVector c7_1 = FloatVector.zero(FS);
        int a1 = aIdx + lda, a2 = aIdx + 2 * lda, a3 = aIdx + 3 * lda, a4 = aIdx + 4 * lda, a5 = aIdx + 5 * lda, a6 = aIdx + 6 * lda, a7 = aIdx + 7 * lda;
        int p = 0;
        for (; p < depth; p++) {
            int bi = bIdx + p * (2 * FL);
            FloatVector x;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
            x = FloatVector.broadcast(FS, a[aIdx + p]);
            c0_0 = x.fma(b0, c0_0);
            c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(FS, a[a1 + p]);
            c1_0 = x.fma(b0, c1_0);
            c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(FS, a[a2 + p]);
            c2_0 = x.fma(b0, c2_0);
            c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(FS, a[a3 + p]);
            c3_0 = x.fma(b0, c3_0);
            c3_1 = x.fma(b1, c3_1);
            x = FloatVector.broadcast(FS, a[a4 + p]);
            c4_0 = x.fma(b0, c4_0);
            c4_1 = x.fma(b1, c4_1);
            x = FloatVector.broadcast(FS, a[a5 + p]);
            c5_0 = x.fma(b0, c5_0);
            c5_1 = x.fma(b1, c5_1);
            x = FloatVector.broadcast(FS, a[a6 + p]);
            c6_0 = x.fma(b0, c6_0);
            c6_1 = x.fma(b1, c6_1);
            x = FloatVector.broadcast(FS, a[a7 + p]);
            c7_0 = x.fma(b0, c7_0);
            c7_1 = x.fma(b1, c7_1);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc, row3 = cIdx + 3 * ldc, row4 = cIdx + 4 * ldc, row5 = cIdx + 5 * ldc, row6 = cIdx + 6 * ldc, row7 = cIdx + 7 * ldc;
        if (add) {
            FloatVector.fromArray(FS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            FloatVector.fromArray(FS, c, cIdx + FL).add(c0_1).intoArray(c, cIdx + FL);
            FloatVector.fromArray(FS, c, row1).add(c1_0).intoArray(c, row1);
            FloatVector.fromArray(FS, c, row1 + FL).add(c1_1).intoArray(c, row1 + FL);
            FloatVector.fromArray(FS, c, row2).add(c2_0).intoArray(c, row2);
            FloatVector.fromArray(FS, c, row2 + FL).add(c2_1).intoArray(c, row2 + FL);
            FloatVector.fromArray(FS, c, row3).add(c3_0).intoArray(c, row3);
            FloatVector.fromArray(FS, c, row3 + FL).add(c3_1).intoArray(c, row3 + FL);
            FloatVector.fromArray(FS, c, row4).add(c4_0).intoArray(c, row4);
            FloatVector.fromArray(FS, c, row4 + FL).add(c4_1).intoArray(c, row4 + FL);
            FloatVector.fromArray(FS, c, row5).add(c5_0).intoArray(c, row5);
            FloatVector.fromArray(FS, c, row5 + FL).add(c5_1).intoArray(c, row5 + FL);
            FloatVector.fromArray(FS, c, row6).add(c6_0).intoArray(c, row6);
            FloatVector.fromArray(FS, c, row6 + FL).add(c6_1).intoArray(c, row6 + FL);
            FloatVector.fromArray(FS, c, row7).add(c7_0).intoArray(c, row7);
            FloatVector.fromArray(FS, c, row7 + FL).add(c7_1).intoArray(c, row7 + FL);
        } else {
            c0_0.intoArray(c, cIdx);
            c0_1.intoArray(c, cIdx + FL);
            c1_0.intoArray(c, row1);
            c1_1.intoArray(c, row1 + FL);
            c2_0.intoArray(c, row2);
            c2_1.intoArray(c, row2 + FL);
            c3_0.intoArray(c, row3);
            c3_1.intoArray(c, row3 + FL);
            c4_0.intoArray(c, row4);
            c4_1.intoArray(c, row4 + FL);
            c5_0.intoArray(c, row5);
            c5_1.intoArray(c, row5 + FL);
            c6_0.intoArray(c, row6);
            c6_1.intoArray(c, row6 + FL);
            c7_0.intoArray(c, row7);
            c7_1.intoArray(c, row7 + FL);
        }
    }

    static void k8x1(int depth, float[] ap, int aIdx, float[] bp, int bIdx,
            float[] c, int cIdx, int ldc, boolean add) {
        FloatVector c0_0 = FloatVector.zero(FS);
        FloatVector c1_0 = FloatVector.zero(FS);
        FloatVector c2_0 = FloatVector.zero(FS);
        FloatVector c3_0 = FloatVector.zero(FS);
        FloatVector c4_0 = FloatVector.zero(FS);
        FloatVector c5_0 = FloatVector.zero(FS);
        FloatVector c6_0 = FloatVector.zero(FS);
        FloatVector c7_0 = FloatVector.zero(FS);
        for (int p = 0; p < depth; p++) {
            int bi = bIdx + p * (1 * FL);
            int ai = aIdx + p * 8;
            FloatVector x;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            x = FloatVector.broadcast(FS, ap[ai]);
            c0_0 = x.fma(b0, c0_0);
            x = FloatVector.broadcast(FS, ap[ai + 1]);
            c1_0 = x.fma(b0, c1_0);
            x = FloatVector.broadcast(FS, ap[ai + 2]);
            c2_0 = x.fma(b0, c2_0);
            x = FloatVector.broadcast(FS, ap[ai + 3]);
            c3_0 = x.fma(b0, c3_0);
            x = FloatVector.broadcast(FS, ap[ai + 4]);
            c4_0 = x.fma(b0, c4_0);
            x = FloatVector.broadcast(FS, ap[ai + 5]);
            c5_0 = x.fma(b0, c5_0);
            x = FloatVector.broadcast(FS, ap[ai + 6]);
            c6_0 = x.fma(b0, c6_0);
            x = FloatVector.broadcast(FS, ap[ai + 7]);
            c7_0 = x.fma(b0, c7_0);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc, row3 = cIdx + 3 * ldc, row4 = cIdx + 4 * ldc, row5 = cIdx + 5 * ldc, row6 = cIdx + 6 * ldc, row7 = cIdx + 7 * ldc;
        if (add) {
            FloatVector.fromArray(FS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            FloatVector.fromArray(FS, c, row1).add(c1_0).intoArray(c, row1);
            FloatVector.fromArray(FS, c, row2).add(c2_0).intoArray(c, row2);
            FloatVector.fromArray(FS, c, row3).add(c3_0).intoArray(c, row3);
            FloatVector.fromArray(FS, c, row4).add(c4_0).intoArray(c, row4);
            FloatVector.fromArray(FS, c, row5).add(c5_0).intoArray(c, row5);
            FloatVector.fromArray(FS, c, row6).add(c6_0).intoArray(c, row6);
            FloatVector.fromArray(FS, c, row7).add(c7_0).intoArray(c, row7);
        } else {
            c0_0.intoArray(c, cIdx);
            c1_0.intoArray(c, row1);
            c2_0.intoArray(c, row2);
            c3_0.intoArray(c, row3);
            c4_0.intoArray(c, row4);
            c5_0.intoArray(c, row5);
            c6_0.intoArray(c, row6);
            c7_0.intoArray(c, row7);
        }
    }

    static void k8x1Rows(int depth, float[] a, int aIdx, int lda, float[] bp, int bIdx,
            float[] c, int cIdx, int ldc, boolean add) {
        FloatVector c0_0 = FloatVector.zero(FS);
        FloatVector c1_0 = FloatVector.zero(FS);
        FloatVector c2_0 = FloatVector.zero(FS);
        FloatVector c3_0 = FloatVector.zero(FS);
        FloatVector c4_0 = FloatVector.zero(FS);
        FloatVector c5_0 = FloatVector.zero(FS);
        FloatVector c6_0 = FloatVector.zero(FS);
        FloatVector c7_0 = FloatVector.zero(FS);
        int a1 = aIdx + lda, a2 = aIdx + 2 * lda, a3 = aIdx + 3 * lda, a4 = aIdx + 4 * lda, a5 = aIdx + 5 * lda, a6 = aIdx + 6 * lda, a7 = aIdx + 7 * lda;
        int p = 0;
        for (; p < depth; p++) {
            int bi = bIdx + p * (1 * FL);
            FloatVector x;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            x = FloatVector.broadcast(FS, a[aIdx + p]);
            c0_0 = x.fma(b0, c0_0);
            x = FloatVector.broadcast(FS, a[a1 + p]);
            c1_0 = x.fma(b0, c1_0);
            x = FloatVector.broadcast(FS, a[a2 + p]);
            c2_0 = x.fma(b0, c2_0);
            x = FloatVector.broadcast(FS, a[a3 + p]);
            c3_0 = x.fma(b0, c3_0);
            x = FloatVector.broadcast(FS, a[a4 + p]);
            c4_0 = x.fma(b0, c4_0);
            x = FloatVector.broadcast(FS, a[a5 + p]);
            c5_0 = x.fma(b0, c5_0);
            x = FloatVector.broadcast(FS, a[a6 + p]);
            c6_0 = x.fma(b0, c6_0);
            x = FloatVector.broadcast(FS, a[a7 + p]);
            c7_0 = x.fma(b0, c7_0);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc, row3 = cIdx + 3 * ldc, row4 = cIdx + 4 * ldc, row5 = cIdx + 5 * ldc, row6 = cIdx + 6 * ldc, row7 = cIdx + 7 * ldc;
        if (add) {
            FloatVector.fromArray(FS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            FloatVector.fromArray(FS, c, row1).add(c1_0).intoArray(c, row1);
            FloatVector.fromArray(FS, c, row2).add(c2_0).intoArray(c, row2);
            FloatVector.fromArray(FS, c, row3).add(c3_0).intoArray(c, row3);
            FloatVector.fromArray(FS, c, row4).add(c4_0).intoArray(c, row4);
            FloatVector.fromArray(FS, c, row5).add(c5_0).intoArray(c, row5);
            FloatVector.fromArray(FS, c, row6).add(c6_0).intoArray(c, row6);
            FloatVector.fromArray(FS, c, row7).add(c7_0).intoArray(c, row7);
        } else {
            c0_0.intoArray(c, cIdx);
            c1_0.intoArray(c, row1);
            c2_0.intoArray(c, row2);
            c3_0.intoArray(c, row3);
            c4_0.intoArray(c, row4);
            c5_0.intoArray(c, row5);
            c6_0.intoArray(c, row6);
            c7_0.intoArray(c, row7);
        }
    }

    static void k3x3(int depth, float[] ap, int aIdx, float[] bp, int bIdx,
            float[] c, int cIdx, int ldc, boolean add) {
        FloatVector c0_0 = FloatVector.zero(FS); FloatVector c0_1 = FloatVector.zero(FS); FloatVector c0_2 = FloatVector.zero(FS);
        FloatVector c1_0 = FloatVector.zero(FS); FloatVector c1_1 = FloatVector.zero(FS); FloatVector c1_2 = FloatVector.zero(FS);
        FloatVector c2_0 = FloatVector.zero(FS); FloatVector c2_1 = FloatVector.zero(FS); FloatVector c2_2 = FloatVector.zero(FS);
        for (int q = 0; q < depth * 3; q += 3) {
            int bi = bIdx + q * FL;
            int ai = aIdx + q;
            FloatVector x;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
            FloatVector b2 = FloatVector.fromArray(FS, bp, bi + 2 * FL);
            x = FloatVector.broadcast(FS, ap[ai]);
            c0_0 = x.fma(b0, c0_0);
            c0_1 = x.fma(b1, c0_1);
            c0_2 = x.fma(b2, c0_2);
            x = FloatVector.broadcast(FS, ap[ai + 1]);
            c1_0 = x.fma(b0, c1_0);
            c1_1 = x.fma(b1, c1_1);
            c1_2 = x.fma(b2, c1_2);
            x = FloatVector.broadcast(FS, ap[ai + 2]);
            c2_0 = x.fma(b0, c2_0);
            c2_1 = x.fma(b1, c2_1);
            c2_2 = x.fma(b2, c2_2);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc;
        if (add) {
            FloatVector.fromArray(FS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            FloatVector.fromArray(FS, c, cIdx + FL).add(c0_1).intoArray(c, cIdx + FL);
            FloatVector.fromArray(FS, c, cIdx + 2 * FL).add(c0_2).intoArray(c, cIdx + 2 * FL);
            FloatVector.fromArray(FS, c, row1).add(c1_0).intoArray(c, row1);
            FloatVector.fromArray(FS, c, row1 + FL).add(c1_1).intoArray(c, row1 + FL);
            FloatVector.fromArray(FS, c, row1 + 2 * FL).add(c1_2).intoArray(c, row1 + 2 * FL);
            FloatVector.fromArray(FS, c, row2).add(c2_0).intoArray(c, row2);
            FloatVector.fromArray(FS, c, row2 + FL).add(c2_1).intoArray(c, row2 + FL);
            FloatVector.fromArray(FS, c, row2 + 2 * FL).add(c2_2).intoArray(c, row2 + 2 * FL);
        } else {
            c0_0.intoArray(c, cIdx);
            c0_1.intoArray(c, cIdx + FL);
            c0_2.intoArray(c, cIdx + 2 * FL);
            c1_0.intoArray(c, row1);
            c1_1.intoArray(c, row1 + FL);
            c1_2.intoArray(c, row1 + 2 * FL);
            c2_0.intoArray(c, row2);
            c2_1.intoArray(c, row2 + FL);
            c2_2.intoArray(c, row2 + 2 * FL);
        }
    }

    static void k3x3Rows(int depth, float[] a, int aIdx, int lda, float[] bp, int bIdx,
            float[] c, int cIdx, int ldc, boolean add) {
        FloatVector c0_0 = FloatVector.zero(FS); FloatVector c0_1 = FloatVector.zero(FS); FloatVector c0_2 = FloatVector.zero(FS);
        FloatVector c1_0 = FloatVector.zero(FS); FloatVector c1_1 = FloatVector.zero(FS); FloatVector c1_2 = FloatVector.zero(FS);
        FloatVector c2_0 = FloatVector.zero(FS); FloatVector c2_1 = FloatVector.zero(FS); FloatVector c2_2 = FloatVector.zero(FS);
        int a1 = aIdx + lda, a2 = aIdx + 2 * lda;
        int p = 0;
        for (; p < depth; p++) {
            int bi = bIdx + p * (3 * FL);
            FloatVector x;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
            FloatVector b2 = FloatVector.fromArray(FS, bp, bi + 2 * FL);
            x = FloatVector.broadcast(FS, a[aIdx + p]);
            c0_0 = x.fma(b0, c0_0);
            c0_1 = x.fma(b1, c0_1);
            c0_2 = x.fma(b2, c0_2);
            x = FloatVector.broadcast(FS, a[a1 + p]);
            c1_0 = x.fma(b0, c1_0);
            c1_1 = x.fma(b1, c1_1);
            c1_2 = x.fma(b2, c1_2);
            x = FloatVector.broadcast(FS, a[a2 + p]);
            c2_0 = x.fma(b0, c2_0);
            c2_1 = x.fma(b1, c2_1);
            c2_2 = x.fma(b2, c2_2);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc;
        if (add) {
            FloatVector.fromArray(FS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            FloatVector.fromArray(FS, c, cIdx + FL).add(c0_1).intoArray(c, cIdx + FL);
            FloatVector.fromArray(FS, c, cIdx + 2 * FL).add(c0_2).intoArray(c, cIdx + 2 * FL);
            FloatVector.fromArray(FS, c, row1).add(c1_0).intoArray(c, row1);
            FloatVector.fromArray(FS, c, row1 + FL).add(c1_1).intoArray(c, row1 + FL);
            FloatVector.fromArray(FS, c, row1 + 2 * FL).add(c1_2).intoArray(c, row1 + 2 * FL);
            FloatVector.fromArray(FS, c, row2).add(c2_0).intoArray(c, row2);
            FloatVector.fromArray(FS, c, row2 + FL).add(c2_1).intoArray(c, row2 + FL);
            FloatVector.fromArray(FS, c, row2 + 2 * FL).add(c2_2).intoArray(c, row2 + 2 * FL);
        } else {
            c0_0.intoArray(c, cIdx);
            c0_1.intoArray(c, cIdx + FL);
            c0_2.intoArray(c, cIdx + 2 * FL);
            c1_0.intoArray(c, row1);
            c1_1.intoArray(c, row1 + FL);
            c1_2.intoArray(c, row1 + 2 * FL);
            c2_0.intoArray(c, row2);
            c2_1.intoArray(c, row2 + FL);
            c2_2.intoArray(c, row2 + 2 * FL);
        }
    }

    static void k6x2(int depth, float[] ap, int aIdx, float[] bp, int bIdx,
            float[] c, int cIdx, int ldc) {
        FloatVector c0_0 = FloatVector.zero(FS); FloatVector c0_1 = FloatVector.zero(FS);
        FloatVector c1_0 = FloatVector.zero(FS); FloatVector c1_1 = FloatVector.zero(FS);
        FloatVector c2_0 = FloatVector.zero(FS); FloatVector c2_1 = FloatVector.zero(FS);
        FloatVector c3_0 = FloatVector.zero(FS); FloatVector c3_1 = FloatVector.zero(FS);
        FloatVector c4_0 = FloatVector.zero(FS); FloatVector c4_1 = FloatVector.zero(FS);
        FloatVector c5_0 = FloatVector.zero(FS); FloatVector c5_1 = FloatVector.zero(FS);
        for (int p = 0; p < depth; p++) {
            int bi = bIdx + p * (2 * FL);
            int ai = aIdx + p * 6;
            FloatVector x;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
            x = FloatVector.broadcast(FS, ap[ai]);
            c0_0 = x.fma(b0, c0_0);
            c0_1 = x.fma(b1, c0_1);
            x = FloatVector.broadcast(FS, ap[ai + 1]);
            c1_0 = x.fma(b0, c1_0);
            c1_1 = x.fma(b1, c1_1);
            x = FloatVector.broadcast(FS, ap[ai + 2]);
            c2_0 = x.fma(b0, c2_0);
            c2_1 = x.fma(b1, c2_1);
            x = FloatVector.broadcast(FS, ap[ai + 3]);
            c3_0 = x.fma(b0, c3_0);
            c3_1 = x.fma(b1, c3_1);
            x = FloatVector.broadcast(FS, ap[ai + 4]);
            c4_0 = x.fma(b0, c4_0);
            c4_1 = x.fma(b1, c4_1);
            x = FloatVector.broadcast(FS, ap[ai + 5]);
            c5_0 = x.fma(b0, c5_0);
            c5_1 = x.fma(b1, c5_1);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc, row3 = cIdx + 3 * ldc, row4 = cIdx + 4 * ldc, row5 = cIdx + 5 * ldc;
        c0_0.intoArray(c, cIdx);
        c0_1.intoArray(c, cIdx + FL);
        c1_0.intoArray(c, row1);
        c1_1.intoArray(c, row1 + FL);
        c2_0.intoArray(c, row2);
        c2_1.intoArray(c, row2 + FL);
        c3_0.intoArray(c, row3);
        c3_1.intoArray(c, row3 + FL);
        c4_0.intoArray(c, row4);
        c4_1.intoArray(c, row4 + FL);
        c5_0.intoArray(c, row5);
        c5_1.intoArray(c, row5 + FL);
    }

}
