package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.BlockedGemm;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD GEMM (Vector API): the blocked, packed driver of {@link BlockedGemm} with a register-tiled
 * micro-kernel of 6 rows x 2 vectors (6x16 floats or 6x8 doubles on AVX2).
 *
 * <p>Per depth step p the kernel loads two vectors of the packed B row, broadcasts each of the 6
 * packed A values and issues 12 fused multiply-adds into 12 accumulator registers; with the two
 * B vectors and the broadcast that is 15 of the 16 AVX2 registers. The accumulators are written
 * to C once per depth block (see {@link BlockedGemm#microKernel}).
 */
public final class SimdGemm extends BlockedGemm {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final int FL = FS.length();
    private static final int DL = DS.length();
    private static final int MR = 6;
    private static final int NRF = 2 * FL;
    private static final int NRD = 2 * DL;

    public SimdGemm() {
        super(new Blocking(MR, NRF, 256, 144, 1024), new Blocking(MR, NRD, 256, 72, 1024));
    }

    @Override
    protected void microKernel(int depth, float[] ap, int aIdx, float[] bp, int bIdx,
                               float[] c, int cIdx, int ldc, float alpha, float beta,
                               boolean first) {
        FloatVector c00 = FloatVector.zero(FS), c01 = FloatVector.zero(FS);
        FloatVector c10 = FloatVector.zero(FS), c11 = FloatVector.zero(FS);
        FloatVector c20 = FloatVector.zero(FS), c21 = FloatVector.zero(FS);
        FloatVector c30 = FloatVector.zero(FS), c31 = FloatVector.zero(FS);
        FloatVector c40 = FloatVector.zero(FS), c41 = FloatVector.zero(FS);
        FloatVector c50 = FloatVector.zero(FS), c51 = FloatVector.zero(FS);
        for (int p = 0; p < depth; p++) {
            int bi = bIdx + p * NRF;
            int ai = aIdx + p * MR;
            FloatVector b0 = FloatVector.fromArray(FS, bp, bi);
            FloatVector b1 = FloatVector.fromArray(FS, bp, bi + FL);
            FloatVector a = FloatVector.broadcast(FS, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(FS, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(FS, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(FS, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(FS, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(FS, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        writeRow(c00, c01, c, cIdx, alpha, beta, first);
        writeRow(c10, c11, c, cIdx + ldc, alpha, beta, first);
        writeRow(c20, c21, c, cIdx + 2 * ldc, alpha, beta, first);
        writeRow(c30, c31, c, cIdx + 3 * ldc, alpha, beta, first);
        writeRow(c40, c41, c, cIdx + 4 * ldc, alpha, beta, first);
        writeRow(c50, c51, c, cIdx + 5 * ldc, alpha, beta, first);
    }

    /** One row of the tile: the same formula, operation for operation, as the scalar edge path. */
    private static void writeRow(FloatVector acc0, FloatVector acc1, float[] c, int i,
                                 float alpha, float beta, boolean first) {
        if (alpha != 1f) {
            acc0 = acc0.mul(alpha);
            acc1 = acc1.mul(alpha);
        }
        if (first && beta == 0f) {
            acc0.intoArray(c, i);
            acc1.intoArray(c, i + FL);
        } else if (first) {
            acc0.add(FloatVector.fromArray(FS, c, i).mul(beta)).intoArray(c, i);
            acc1.add(FloatVector.fromArray(FS, c, i + FL).mul(beta)).intoArray(c, i + FL);
        } else {
            FloatVector.fromArray(FS, c, i).add(acc0).intoArray(c, i);
            FloatVector.fromArray(FS, c, i + FL).add(acc1).intoArray(c, i + FL);
        }
    }

    @Override
    protected void microKernel(int depth, double[] ap, int aIdx, double[] bp, int bIdx,
                               double[] c, int cIdx, int ldc, double alpha, double beta,
                               boolean first) {
        DoubleVector c00 = DoubleVector.zero(DS), c01 = DoubleVector.zero(DS);
        DoubleVector c10 = DoubleVector.zero(DS), c11 = DoubleVector.zero(DS);
        DoubleVector c20 = DoubleVector.zero(DS), c21 = DoubleVector.zero(DS);
        DoubleVector c30 = DoubleVector.zero(DS), c31 = DoubleVector.zero(DS);
        DoubleVector c40 = DoubleVector.zero(DS), c41 = DoubleVector.zero(DS);
        DoubleVector c50 = DoubleVector.zero(DS), c51 = DoubleVector.zero(DS);
        for (int p = 0; p < depth; p++) {
            int bi = bIdx + p * NRD;
            int ai = aIdx + p * MR;
            DoubleVector b0 = DoubleVector.fromArray(DS, bp, bi);
            DoubleVector b1 = DoubleVector.fromArray(DS, bp, bi + DL);
            DoubleVector a = DoubleVector.broadcast(DS, ap[ai]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(DS, ap[ai + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(DS, ap[ai + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(DS, ap[ai + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = DoubleVector.broadcast(DS, ap[ai + 4]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = DoubleVector.broadcast(DS, ap[ai + 5]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        writeRow(c00, c01, c, cIdx, alpha, beta, first);
        writeRow(c10, c11, c, cIdx + ldc, alpha, beta, first);
        writeRow(c20, c21, c, cIdx + 2 * ldc, alpha, beta, first);
        writeRow(c30, c31, c, cIdx + 3 * ldc, alpha, beta, first);
        writeRow(c40, c41, c, cIdx + 4 * ldc, alpha, beta, first);
        writeRow(c50, c51, c, cIdx + 5 * ldc, alpha, beta, first);
    }

    private static void writeRow(DoubleVector acc0, DoubleVector acc1, double[] c, int i,
                                 double alpha, double beta, boolean first) {
        if (alpha != 1) {
            acc0 = acc0.mul(alpha);
            acc1 = acc1.mul(alpha);
        }
        if (first && beta == 0) {
            acc0.intoArray(c, i);
            acc1.intoArray(c, i + DL);
        } else if (first) {
            acc0.add(DoubleVector.fromArray(DS, c, i).mul(beta)).intoArray(c, i);
            acc1.add(DoubleVector.fromArray(DS, c, i + DL).mul(beta)).intoArray(c, i + DL);
        } else {
            DoubleVector.fromArray(DS, c, i).add(acc0).intoArray(c, i);
            DoubleVector.fromArray(DS, c, i + DL).add(acc1).intoArray(c, i + DL);
        }
    }
}
