// Generated from the tile list in src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The double GEMM micro-kernels of {@link SimdGemm}, one method per register tile
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
final class SimdGemmDoubleTiles {
    private static final VectorSpecies<Double> DS = Species.DOUBLES;
    private static final int DL = DS.length();

    private SimdGemmDoubleTiles() {}

    static void k4x2(int depth, double[] ap, int aIdx, double[] bp, int bIdx,
            double[] c, int cIdx, int ldc, boolean add) {
        DoubleVector c0_0 = DoubleVector.zero(DS); DoubleVector c0_1 = DoubleVector.zero(DS);
        DoubleVector c1_0 = DoubleVector.zero(DS); DoubleVector c1_1 = DoubleVector.zero(DS);
        DoubleVector c2_0 = DoubleVector.zero(DS); DoubleVector c2_1 = DoubleVector.zero(DS);
        DoubleVector c3_0 = DoubleVector.zero(DS); DoubleVector c3_1 = DoubleVector.zero(DS);
        for (int q = 0; q < depth * 4; q += 4) {
            int bi = bIdx + q * (2 * DL / 4);
            int ai = aIdx + q;
            DoubleVector x;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
            x = DoubleVector.broadcast(DS, ap[ai]);
            c0_0 = x.fma(b0, c0_0);
            c0_1 = x.fma(b1, c0_1);
            x = DoubleVector.broadcast(DS, ap[ai + 1]);
            c1_0 = x.fma(b0, c1_0);
            c1_1 = x.fma(b1, c1_1);
            x = DoubleVector.broadcast(DS, ap[ai + 2]);
            c2_0 = x.fma(b0, c2_0);
            c2_1 = x.fma(b1, c2_1);
            x = DoubleVector.broadcast(DS, ap[ai + 3]);
            c3_0 = x.fma(b0, c3_0);
            c3_1 = x.fma(b1, c3_1);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc, row3 = cIdx + 3 * ldc;
        if (add) {
            DoubleVector.fromArray(DS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            DoubleVector.fromArray(DS, c, cIdx + DL).add(c0_1).intoArray(c, cIdx + DL);
            DoubleVector.fromArray(DS, c, row1).add(c1_0).intoArray(c, row1);
            DoubleVector.fromArray(DS, c, row1 + DL).add(c1_1).intoArray(c, row1 + DL);
            DoubleVector.fromArray(DS, c, row2).add(c2_0).intoArray(c, row2);
            DoubleVector.fromArray(DS, c, row2 + DL).add(c2_1).intoArray(c, row2 + DL);
            DoubleVector.fromArray(DS, c, row3).add(c3_0).intoArray(c, row3);
            DoubleVector.fromArray(DS, c, row3 + DL).add(c3_1).intoArray(c, row3 + DL);
        } else {
            c0_0.intoArray(c, cIdx);
            c0_1.intoArray(c, cIdx + DL);
            c1_0.intoArray(c, row1);
            c1_1.intoArray(c, row1 + DL);
            c2_0.intoArray(c, row2);
            c2_1.intoArray(c, row2 + DL);
            c3_0.intoArray(c, row3);
            c3_1.intoArray(c, row3 + DL);
        }
    }

    static void k4x2Rows(int depth, double[] a, int aIdx, int lda, double[] bp, int bIdx,
            double[] c, int cIdx, int ldc, boolean add) {
        DoubleVector c0_0 = DoubleVector.zero(DS); DoubleVector c0_1 = DoubleVector.zero(DS);
        DoubleVector c1_0 = DoubleVector.zero(DS); DoubleVector c1_1 = DoubleVector.zero(DS);
        DoubleVector c2_0 = DoubleVector.zero(DS); DoubleVector c2_1 = DoubleVector.zero(DS);
        DoubleVector c3_0 = DoubleVector.zero(DS); DoubleVector c3_1 = DoubleVector.zero(DS);
        int a1 = aIdx + lda, a2 = aIdx + 2 * lda, a3 = aIdx + 3 * lda;
        int p = 0;
        for (; p < depth; p++) {
            int bi = bIdx + p * (2 * DL);
            DoubleVector x;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
            x = DoubleVector.broadcast(DS, a[aIdx + p]);
            c0_0 = x.fma(b0, c0_0);
            c0_1 = x.fma(b1, c0_1);
            x = DoubleVector.broadcast(DS, a[a1 + p]);
            c1_0 = x.fma(b0, c1_0);
            c1_1 = x.fma(b1, c1_1);
            x = DoubleVector.broadcast(DS, a[a2 + p]);
            c2_0 = x.fma(b0, c2_0);
            c2_1 = x.fma(b1, c2_1);
            x = DoubleVector.broadcast(DS, a[a3 + p]);
            c3_0 = x.fma(b0, c3_0);
            c3_1 = x.fma(b1, c3_1);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc, row3 = cIdx + 3 * ldc;
        if (add) {
            DoubleVector.fromArray(DS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            DoubleVector.fromArray(DS, c, cIdx + DL).add(c0_1).intoArray(c, cIdx + DL);
            DoubleVector.fromArray(DS, c, row1).add(c1_0).intoArray(c, row1);
            DoubleVector.fromArray(DS, c, row1 + DL).add(c1_1).intoArray(c, row1 + DL);
            DoubleVector.fromArray(DS, c, row2).add(c2_0).intoArray(c, row2);
            DoubleVector.fromArray(DS, c, row2 + DL).add(c2_1).intoArray(c, row2 + DL);
            DoubleVector.fromArray(DS, c, row3).add(c3_0).intoArray(c, row3);
            DoubleVector.fromArray(DS, c, row3 + DL).add(c3_1).intoArray(c, row3 + DL);
        } else {
            c0_0.intoArray(c, cIdx);
            c0_1.intoArray(c, cIdx + DL);
            c1_0.intoArray(c, row1);
            c1_1.intoArray(c, row1 + DL);
            c2_0.intoArray(c, row2);
            c2_1.intoArray(c, row2 + DL);
            c3_0.intoArray(c, row3);
            c3_1.intoArray(c, row3 + DL);
        }
    }

    static void k8x2(int depth, double[] ap, int aIdx, double[] bp, int bIdx,
            double[] c, int cIdx, int ldc, boolean add) {
        DoubleVector c0_0 = DoubleVector.zero(DS); DoubleVector c0_1 = DoubleVector.zero(DS);
        DoubleVector c1_0 = DoubleVector.zero(DS); DoubleVector c1_1 = DoubleVector.zero(DS);
        DoubleVector c2_0 = DoubleVector.zero(DS); DoubleVector c2_1 = DoubleVector.zero(DS);
        DoubleVector c3_0 = DoubleVector.zero(DS); DoubleVector c3_1 = DoubleVector.zero(DS);
        DoubleVector c4_0 = DoubleVector.zero(DS); DoubleVector c4_1 = DoubleVector.zero(DS);
        DoubleVector c5_0 = DoubleVector.zero(DS); DoubleVector c5_1 = DoubleVector.zero(DS);
        DoubleVector c6_0 = DoubleVector.zero(DS); DoubleVector c6_1 = DoubleVector.zero(DS);
        DoubleVector c7_0 = DoubleVector.zero(DS); DoubleVector c7_1 = DoubleVector.zero(DS);
        for (int p = 0; p < depth; p++) {
            int bi = bIdx + p * (2 * DL);
            int ai = aIdx + p * 8;
            DoubleVector x;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
            x = DoubleVector.broadcast(DS, ap[ai]);
            c0_0 = x.fma(b0, c0_0);
            c0_1 = x.fma(b1, c0_1);
            x = DoubleVector.broadcast(DS, ap[ai + 1]);
            c1_0 = x.fma(b0, c1_0);
            c1_1 = x.fma(b1, c1_1);
            x = DoubleVector.broadcast(DS, ap[ai + 2]);
            c2_0 = x.fma(b0, c2_0);
            c2_1 = x.fma(b1, c2_1);
            x = DoubleVector.broadcast(DS, ap[ai + 3]);
            c3_0 = x.fma(b0, c3_0);
            c3_1 = x.fma(b1, c3_1);
            x = DoubleVector.broadcast(DS, ap[ai + 4]);
            c4_0 = x.fma(b0, c4_0);
            c4_1 = x.fma(b1, c4_1);
            x = DoubleVector.broadcast(DS, ap[ai + 5]);
            c5_0 = x.fma(b0, c5_0);
            c5_1 = x.fma(b1, c5_1);
            x = DoubleVector.broadcast(DS, ap[ai + 6]);
            c6_0 = x.fma(b0, c6_0);
            c6_1 = x.fma(b1, c6_1);
            x = DoubleVector.broadcast(DS, ap[ai + 7]);
            c7_0 = x.fma(b0, c7_0);
            c7_1 = x.fma(b1, c7_1);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc, row3 = cIdx + 3 * ldc, row4 = cIdx + 4 * ldc, row5 = cIdx + 5 * ldc, row6 = cIdx + 6 * ldc, row7 = cIdx + 7 * ldc;
        if (add) {
            DoubleVector.fromArray(DS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            DoubleVector.fromArray(DS, c, cIdx + DL).add(c0_1).intoArray(c, cIdx + DL);
            DoubleVector.fromArray(DS, c, row1).add(c1_0).intoArray(c, row1);
            DoubleVector.fromArray(DS, c, row1 + DL).add(c1_1).intoArray(c, row1 + DL);
            DoubleVector.fromArray(DS, c, row2).add(c2_0).intoArray(c, row2);
            DoubleVector.fromArray(DS, c, row2 + DL).add(c2_1).intoArray(c, row2 + DL);
            DoubleVector.fromArray(DS, c, row3).add(c3_0).intoArray(c, row3);
            DoubleVector.fromArray(DS, c, row3 + DL).add(c3_1).intoArray(c, row3 + DL);
            DoubleVector.fromArray(DS, c, row4).add(c4_0).intoArray(c, row4);
            DoubleVector.fromArray(DS, c, row4 + DL).add(c4_1).intoArray(c, row4 + DL);
            DoubleVector.fromArray(DS, c, row5).add(c5_0).intoArray(c, row5);
            DoubleVector.fromArray(DS, c, row5 + DL).add(c5_1).intoArray(c, row5 + DL);
            DoubleVector.fromArray(DS, c, row6).add(c6_0).intoArray(c, row6);
            DoubleVector.fromArray(DS, c, row6 + DL).add(c6_1).intoArray(c, row6 + DL);
            DoubleVector.fromArray(DS, c, row7).add(c7_0).intoArray(c, row7);
            DoubleVector.fromArray(DS, c, row7 + DL).add(c7_1).intoArray(c, row7 + DL);
        } else {
            c0_0.intoArray(c, cIdx);
            c0_1.intoArray(c, cIdx + DL);
            c1_0.intoArray(c, row1);
            c1_1.intoArray(c, row1 + DL);
            c2_0.intoArray(c, row2);
            c2_1.intoArray(c, row2 + DL);
            c3_0.intoArray(c, row3);
            c3_1.intoArray(c, row3 + DL);
            c4_0.intoArray(c, row4);
            c4_1.intoArray(c, row4 + DL);
            c5_0.intoArray(c, row5);
            c5_1.intoArray(c, row5 + DL);
            c6_0.intoArray(c, row6);
            c6_1.intoArray(c, row6 + DL);
            c7_0.intoArray(c, row7);
            c7_1.intoArray(c, row7 + DL);
        }
    }

    static void k8x2Rows(int depth, double[] a, int aIdx, int lda, double[] bp, int bIdx,
            double[] c, int cIdx, int ldc, boolean add) {
        DoubleVector c0_0 = DoubleVector.zero(DS); DoubleVector c0_1 = DoubleVector.zero(DS);
        DoubleVector c1_0 = DoubleVector.zero(DS); DoubleVector c1_1 = DoubleVector.zero(DS);
        DoubleVector c2_0 = DoubleVector.zero(DS); DoubleVector c2_1 = DoubleVector.zero(DS);
        DoubleVector c3_0 = DoubleVector.zero(DS); DoubleVector c3_1 = DoubleVector.zero(DS);
        DoubleVector c4_0 = DoubleVector.zero(DS); DoubleVector c4_1 = DoubleVector.zero(DS);
        DoubleVector c5_0 = DoubleVector.zero(DS); DoubleVector c5_1 = DoubleVector.zero(DS);
        DoubleVector c6_0 = DoubleVector.zero(DS); DoubleVector c6_1 = DoubleVector.zero(DS);
        DoubleVector c7_0 = DoubleVector.zero(DS); DoubleVector c7_1 = DoubleVector.zero(DS);
        int a1 = aIdx + lda, a2 = aIdx + 2 * lda, a3 = aIdx + 3 * lda, a4 = aIdx + 4 * lda, a5 = aIdx + 5 * lda, a6 = aIdx + 6 * lda, a7 = aIdx + 7 * lda;
        int p = 0;
        for (; p < depth; p++) {
            int bi = bIdx + p * (2 * DL);
            DoubleVector x;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
            x = DoubleVector.broadcast(DS, a[aIdx + p]);
            c0_0 = x.fma(b0, c0_0);
            c0_1 = x.fma(b1, c0_1);
            x = DoubleVector.broadcast(DS, a[a1 + p]);
            c1_0 = x.fma(b0, c1_0);
            c1_1 = x.fma(b1, c1_1);
            x = DoubleVector.broadcast(DS, a[a2 + p]);
            c2_0 = x.fma(b0, c2_0);
            c2_1 = x.fma(b1, c2_1);
            x = DoubleVector.broadcast(DS, a[a3 + p]);
            c3_0 = x.fma(b0, c3_0);
            c3_1 = x.fma(b1, c3_1);
            x = DoubleVector.broadcast(DS, a[a4 + p]);
            c4_0 = x.fma(b0, c4_0);
            c4_1 = x.fma(b1, c4_1);
            x = DoubleVector.broadcast(DS, a[a5 + p]);
            c5_0 = x.fma(b0, c5_0);
            c5_1 = x.fma(b1, c5_1);
            x = DoubleVector.broadcast(DS, a[a6 + p]);
            c6_0 = x.fma(b0, c6_0);
            c6_1 = x.fma(b1, c6_1);
            x = DoubleVector.broadcast(DS, a[a7 + p]);
            c7_0 = x.fma(b0, c7_0);
            c7_1 = x.fma(b1, c7_1);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc, row3 = cIdx + 3 * ldc, row4 = cIdx + 4 * ldc, row5 = cIdx + 5 * ldc, row6 = cIdx + 6 * ldc, row7 = cIdx + 7 * ldc;
        if (add) {
            DoubleVector.fromArray(DS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            DoubleVector.fromArray(DS, c, cIdx + DL).add(c0_1).intoArray(c, cIdx + DL);
            DoubleVector.fromArray(DS, c, row1).add(c1_0).intoArray(c, row1);
            DoubleVector.fromArray(DS, c, row1 + DL).add(c1_1).intoArray(c, row1 + DL);
            DoubleVector.fromArray(DS, c, row2).add(c2_0).intoArray(c, row2);
            DoubleVector.fromArray(DS, c, row2 + DL).add(c2_1).intoArray(c, row2 + DL);
            DoubleVector.fromArray(DS, c, row3).add(c3_0).intoArray(c, row3);
            DoubleVector.fromArray(DS, c, row3 + DL).add(c3_1).intoArray(c, row3 + DL);
            DoubleVector.fromArray(DS, c, row4).add(c4_0).intoArray(c, row4);
            DoubleVector.fromArray(DS, c, row4 + DL).add(c4_1).intoArray(c, row4 + DL);
            DoubleVector.fromArray(DS, c, row5).add(c5_0).intoArray(c, row5);
            DoubleVector.fromArray(DS, c, row5 + DL).add(c5_1).intoArray(c, row5 + DL);
            DoubleVector.fromArray(DS, c, row6).add(c6_0).intoArray(c, row6);
            DoubleVector.fromArray(DS, c, row6 + DL).add(c6_1).intoArray(c, row6 + DL);
            DoubleVector.fromArray(DS, c, row7).add(c7_0).intoArray(c, row7);
            DoubleVector.fromArray(DS, c, row7 + DL).add(c7_1).intoArray(c, row7 + DL);
        } else {
            c0_0.intoArray(c, cIdx);
            c0_1.intoArray(c, cIdx + DL);
            c1_0.intoArray(c, row1);
            c1_1.intoArray(c, row1 + DL);
            c2_0.intoArray(c, row2);
            c2_1.intoArray(c, row2 + DL);
            c3_0.intoArray(c, row3);
            c3_1.intoArray(c, row3 + DL);
            c4_0.intoArray(c, row4);
            c4_1.intoArray(c, row4 + DL);
            c5_0.intoArray(c, row5);
            c5_1.intoArray(c, row5 + DL);
            c6_0.intoArray(c, row6);
            c6_1.intoArray(c, row6 + DL);
            c7_0.intoArray(c, row7);
            c7_1.intoArray(c, row7 + DL);
        }
    }

    static void k8x1(int depth, double[] ap, int aIdx, double[] bp, int bIdx,
            double[] c, int cIdx, int ldc, boolean add) {
        DoubleVector c0_0 = DoubleVector.zero(DS);
        DoubleVector c1_0 = DoubleVector.zero(DS);
        DoubleVector c2_0 = DoubleVector.zero(DS);
        DoubleVector c3_0 = DoubleVector.zero(DS);
        DoubleVector c4_0 = DoubleVector.zero(DS);
        DoubleVector c5_0 = DoubleVector.zero(DS);
        DoubleVector c6_0 = DoubleVector.zero(DS);
        DoubleVector c7_0 = DoubleVector.zero(DS);
        for (int p = 0; p < depth; p++) {
            int bi = bIdx + p * (1 * DL);
            int ai = aIdx + p * 8;
            DoubleVector x;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            x = DoubleVector.broadcast(DS, ap[ai]);
            c0_0 = x.fma(b0, c0_0);
            x = DoubleVector.broadcast(DS, ap[ai + 1]);
            c1_0 = x.fma(b0, c1_0);
            x = DoubleVector.broadcast(DS, ap[ai + 2]);
            c2_0 = x.fma(b0, c2_0);
            x = DoubleVector.broadcast(DS, ap[ai + 3]);
            c3_0 = x.fma(b0, c3_0);
            x = DoubleVector.broadcast(DS, ap[ai + 4]);
            c4_0 = x.fma(b0, c4_0);
            x = DoubleVector.broadcast(DS, ap[ai + 5]);
            c5_0 = x.fma(b0, c5_0);
            x = DoubleVector.broadcast(DS, ap[ai + 6]);
            c6_0 = x.fma(b0, c6_0);
            x = DoubleVector.broadcast(DS, ap[ai + 7]);
            c7_0 = x.fma(b0, c7_0);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc, row3 = cIdx + 3 * ldc, row4 = cIdx + 4 * ldc, row5 = cIdx + 5 * ldc, row6 = cIdx + 6 * ldc, row7 = cIdx + 7 * ldc;
        if (add) {
            DoubleVector.fromArray(DS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            DoubleVector.fromArray(DS, c, row1).add(c1_0).intoArray(c, row1);
            DoubleVector.fromArray(DS, c, row2).add(c2_0).intoArray(c, row2);
            DoubleVector.fromArray(DS, c, row3).add(c3_0).intoArray(c, row3);
            DoubleVector.fromArray(DS, c, row4).add(c4_0).intoArray(c, row4);
            DoubleVector.fromArray(DS, c, row5).add(c5_0).intoArray(c, row5);
            DoubleVector.fromArray(DS, c, row6).add(c6_0).intoArray(c, row6);
            DoubleVector.fromArray(DS, c, row7).add(c7_0).intoArray(c, row7);
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

    static void k8x1Rows(int depth, double[] a, int aIdx, int lda, double[] bp, int bIdx,
            double[] c, int cIdx, int ldc, boolean add) {
        DoubleVector c0_0 = DoubleVector.zero(DS);
        DoubleVector c1_0 = DoubleVector.zero(DS);
        DoubleVector c2_0 = DoubleVector.zero(DS);
        DoubleVector c3_0 = DoubleVector.zero(DS);
        DoubleVector c4_0 = DoubleVector.zero(DS);
        DoubleVector c5_0 = DoubleVector.zero(DS);
        DoubleVector c6_0 = DoubleVector.zero(DS);
        DoubleVector c7_0 = DoubleVector.zero(DS);
        int a1 = aIdx + lda, a2 = aIdx + 2 * lda, a3 = aIdx + 3 * lda, a4 = aIdx + 4 * lda, a5 = aIdx + 5 * lda, a6 = aIdx + 6 * lda, a7 = aIdx + 7 * lda;
        int p = 0;
        for (; p < depth; p++) {
            int bi = bIdx + p * (1 * DL);
            DoubleVector x;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            x = DoubleVector.broadcast(DS, a[aIdx + p]);
            c0_0 = x.fma(b0, c0_0);
            x = DoubleVector.broadcast(DS, a[a1 + p]);
            c1_0 = x.fma(b0, c1_0);
            x = DoubleVector.broadcast(DS, a[a2 + p]);
            c2_0 = x.fma(b0, c2_0);
            x = DoubleVector.broadcast(DS, a[a3 + p]);
            c3_0 = x.fma(b0, c3_0);
            x = DoubleVector.broadcast(DS, a[a4 + p]);
            c4_0 = x.fma(b0, c4_0);
            x = DoubleVector.broadcast(DS, a[a5 + p]);
            c5_0 = x.fma(b0, c5_0);
            x = DoubleVector.broadcast(DS, a[a6 + p]);
            c6_0 = x.fma(b0, c6_0);
            x = DoubleVector.broadcast(DS, a[a7 + p]);
            c7_0 = x.fma(b0, c7_0);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc, row3 = cIdx + 3 * ldc, row4 = cIdx + 4 * ldc, row5 = cIdx + 5 * ldc, row6 = cIdx + 6 * ldc, row7 = cIdx + 7 * ldc;
        if (add) {
            DoubleVector.fromArray(DS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            DoubleVector.fromArray(DS, c, row1).add(c1_0).intoArray(c, row1);
            DoubleVector.fromArray(DS, c, row2).add(c2_0).intoArray(c, row2);
            DoubleVector.fromArray(DS, c, row3).add(c3_0).intoArray(c, row3);
            DoubleVector.fromArray(DS, c, row4).add(c4_0).intoArray(c, row4);
            DoubleVector.fromArray(DS, c, row5).add(c5_0).intoArray(c, row5);
            DoubleVector.fromArray(DS, c, row6).add(c6_0).intoArray(c, row6);
            DoubleVector.fromArray(DS, c, row7).add(c7_0).intoArray(c, row7);
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

    static void k3x3(int depth, double[] ap, int aIdx, double[] bp, int bIdx,
            double[] c, int cIdx, int ldc, boolean add) {
        DoubleVector c0_0 = DoubleVector.zero(DS); DoubleVector c0_1 = DoubleVector.zero(DS); DoubleVector c0_2 = DoubleVector.zero(DS);
        DoubleVector c1_0 = DoubleVector.zero(DS); DoubleVector c1_1 = DoubleVector.zero(DS); DoubleVector c1_2 = DoubleVector.zero(DS);
        DoubleVector c2_0 = DoubleVector.zero(DS); DoubleVector c2_1 = DoubleVector.zero(DS); DoubleVector c2_2 = DoubleVector.zero(DS);
        for (int q = 0; q < depth * 3; q += 3) {
            int bi = bIdx + q * DL;
            int ai = aIdx + q;
            DoubleVector x;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
            DoubleVector b2 = DoubleVector.fromArray(DS, bp, bi + 2 * DL);
            x = DoubleVector.broadcast(DS, ap[ai]);
            c0_0 = x.fma(b0, c0_0);
            c0_1 = x.fma(b1, c0_1);
            c0_2 = x.fma(b2, c0_2);
            x = DoubleVector.broadcast(DS, ap[ai + 1]);
            c1_0 = x.fma(b0, c1_0);
            c1_1 = x.fma(b1, c1_1);
            c1_2 = x.fma(b2, c1_2);
            x = DoubleVector.broadcast(DS, ap[ai + 2]);
            c2_0 = x.fma(b0, c2_0);
            c2_1 = x.fma(b1, c2_1);
            c2_2 = x.fma(b2, c2_2);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc;
        if (add) {
            DoubleVector.fromArray(DS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            DoubleVector.fromArray(DS, c, cIdx + DL).add(c0_1).intoArray(c, cIdx + DL);
            DoubleVector.fromArray(DS, c, cIdx + 2 * DL).add(c0_2).intoArray(c, cIdx + 2 * DL);
            DoubleVector.fromArray(DS, c, row1).add(c1_0).intoArray(c, row1);
            DoubleVector.fromArray(DS, c, row1 + DL).add(c1_1).intoArray(c, row1 + DL);
            DoubleVector.fromArray(DS, c, row1 + 2 * DL).add(c1_2).intoArray(c, row1 + 2 * DL);
            DoubleVector.fromArray(DS, c, row2).add(c2_0).intoArray(c, row2);
            DoubleVector.fromArray(DS, c, row2 + DL).add(c2_1).intoArray(c, row2 + DL);
            DoubleVector.fromArray(DS, c, row2 + 2 * DL).add(c2_2).intoArray(c, row2 + 2 * DL);
        } else {
            c0_0.intoArray(c, cIdx);
            c0_1.intoArray(c, cIdx + DL);
            c0_2.intoArray(c, cIdx + 2 * DL);
            c1_0.intoArray(c, row1);
            c1_1.intoArray(c, row1 + DL);
            c1_2.intoArray(c, row1 + 2 * DL);
            c2_0.intoArray(c, row2);
            c2_1.intoArray(c, row2 + DL);
            c2_2.intoArray(c, row2 + 2 * DL);
        }
    }

    static void k3x3Rows(int depth, double[] a, int aIdx, int lda, double[] bp, int bIdx,
            double[] c, int cIdx, int ldc, boolean add) {
        DoubleVector c0_0 = DoubleVector.zero(DS); DoubleVector c0_1 = DoubleVector.zero(DS); DoubleVector c0_2 = DoubleVector.zero(DS);
        DoubleVector c1_0 = DoubleVector.zero(DS); DoubleVector c1_1 = DoubleVector.zero(DS); DoubleVector c1_2 = DoubleVector.zero(DS);
        DoubleVector c2_0 = DoubleVector.zero(DS); DoubleVector c2_1 = DoubleVector.zero(DS); DoubleVector c2_2 = DoubleVector.zero(DS);
        int a1 = aIdx + lda, a2 = aIdx + 2 * lda;
        int p = 0;
        for (; p < depth; p++) {
            int bi = bIdx + p * (3 * DL);
            DoubleVector x;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
            DoubleVector b2 = DoubleVector.fromArray(DS, bp, bi + 2 * DL);
            x = DoubleVector.broadcast(DS, a[aIdx + p]);
            c0_0 = x.fma(b0, c0_0);
            c0_1 = x.fma(b1, c0_1);
            c0_2 = x.fma(b2, c0_2);
            x = DoubleVector.broadcast(DS, a[a1 + p]);
            c1_0 = x.fma(b0, c1_0);
            c1_1 = x.fma(b1, c1_1);
            c1_2 = x.fma(b2, c1_2);
            x = DoubleVector.broadcast(DS, a[a2 + p]);
            c2_0 = x.fma(b0, c2_0);
            c2_1 = x.fma(b1, c2_1);
            c2_2 = x.fma(b2, c2_2);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc;
        if (add) {
            DoubleVector.fromArray(DS, c, cIdx).add(c0_0).intoArray(c, cIdx);
            DoubleVector.fromArray(DS, c, cIdx + DL).add(c0_1).intoArray(c, cIdx + DL);
            DoubleVector.fromArray(DS, c, cIdx + 2 * DL).add(c0_2).intoArray(c, cIdx + 2 * DL);
            DoubleVector.fromArray(DS, c, row1).add(c1_0).intoArray(c, row1);
            DoubleVector.fromArray(DS, c, row1 + DL).add(c1_1).intoArray(c, row1 + DL);
            DoubleVector.fromArray(DS, c, row1 + 2 * DL).add(c1_2).intoArray(c, row1 + 2 * DL);
            DoubleVector.fromArray(DS, c, row2).add(c2_0).intoArray(c, row2);
            DoubleVector.fromArray(DS, c, row2 + DL).add(c2_1).intoArray(c, row2 + DL);
            DoubleVector.fromArray(DS, c, row2 + 2 * DL).add(c2_2).intoArray(c, row2 + 2 * DL);
        } else {
            c0_0.intoArray(c, cIdx);
            c0_1.intoArray(c, cIdx + DL);
            c0_2.intoArray(c, cIdx + 2 * DL);
            c1_0.intoArray(c, row1);
            c1_1.intoArray(c, row1 + DL);
            c1_2.intoArray(c, row1 + 2 * DL);
            c2_0.intoArray(c, row2);
            c2_1.intoArray(c, row2 + DL);
            c2_2.intoArray(c, row2 + 2 * DL);
        }
    }

    static void k6x2(int depth, double[] ap, int aIdx, double[] bp, int bIdx,
            double[] c, int cIdx, int ldc) {
        DoubleVector c0_0 = DoubleVector.zero(DS); DoubleVector c0_1 = DoubleVector.zero(DS);
        DoubleVector c1_0 = DoubleVector.zero(DS); DoubleVector c1_1 = DoubleVector.zero(DS);
        DoubleVector c2_0 = DoubleVector.zero(DS); DoubleVector c2_1 = DoubleVector.zero(DS);
        DoubleVector c3_0 = DoubleVector.zero(DS); DoubleVector c3_1 = DoubleVector.zero(DS);
        DoubleVector c4_0 = DoubleVector.zero(DS); DoubleVector c4_1 = DoubleVector.zero(DS);
        DoubleVector c5_0 = DoubleVector.zero(DS); DoubleVector c5_1 = DoubleVector.zero(DS);
        for (int p = 0; p < depth; p++) {
            int bi = bIdx + p * (2 * DL);
            int ai = aIdx + p * 6;
            DoubleVector x;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
            x = DoubleVector.broadcast(DS, ap[ai]);
            c0_0 = x.fma(b0, c0_0);
            c0_1 = x.fma(b1, c0_1);
            x = DoubleVector.broadcast(DS, ap[ai + 1]);
            c1_0 = x.fma(b0, c1_0);
            c1_1 = x.fma(b1, c1_1);
            x = DoubleVector.broadcast(DS, ap[ai + 2]);
            c2_0 = x.fma(b0, c2_0);
            c2_1 = x.fma(b1, c2_1);
            x = DoubleVector.broadcast(DS, ap[ai + 3]);
            c3_0 = x.fma(b0, c3_0);
            c3_1 = x.fma(b1, c3_1);
            x = DoubleVector.broadcast(DS, ap[ai + 4]);
            c4_0 = x.fma(b0, c4_0);
            c4_1 = x.fma(b1, c4_1);
            x = DoubleVector.broadcast(DS, ap[ai + 5]);
            c5_0 = x.fma(b0, c5_0);
            c5_1 = x.fma(b1, c5_1);
        }
        int row1 = cIdx + ldc, row2 = cIdx + 2 * ldc, row3 = cIdx + 3 * ldc, row4 = cIdx + 4 * ldc, row5 = cIdx + 5 * ldc;
        c0_0.intoArray(c, cIdx);
        c0_1.intoArray(c, cIdx + DL);
        c1_0.intoArray(c, row1);
        c1_1.intoArray(c, row1 + DL);
        c2_0.intoArray(c, row2);
        c2_1.intoArray(c, row2 + DL);
        c3_0.intoArray(c, row3);
        c3_1.intoArray(c, row3 + DL);
        c4_0.intoArray(c, row4);
        c4_1.intoArray(c, row4 + DL);
        c5_0.intoArray(c, row5);
        c5_1.intoArray(c, row5 + DL);
    }

}
