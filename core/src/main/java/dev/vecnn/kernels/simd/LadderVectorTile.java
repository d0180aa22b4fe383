package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.LadderTile;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Rung 6 of the GEMM ladder ({@code dev.vecnn.ladder.VectorTile}): a 6 x (2 vectors) tile of C
 * held in 12 vector registers for the whole depth {@code k}. Each step loads two vectors of the
 * packed B panel, broadcasts six elements of the packed A panel, and issues 12 independent FMAs:
 * enough to cover the FMA latency (4 cycles) times the FMA pipes (2) with room to spare, while
 * only 2 loads + 6 broadcasts feed 12 x lanes multiply-adds. Species from {@link Species} (a
 * static final constant), vectors only in locals, no branch inside the loop.
 */
public final class LadderVectorTile implements LadderTile {
    private static final VectorSpecies<Float> F = Species.FLOATS;
    private static final int L = F.length();

    @Override
    public int rows() {
        return 6;
    }

    @Override
    public int cols() {
        return 2 * L;
    }

    @Override
    public void tile(int k, float[] ap, int aOff, float[] bp, int bOff, float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(F), c01 = FloatVector.zero(F), c10 = FloatVector.zero(F), c11 = FloatVector.zero(F);
        FloatVector c20 = FloatVector.zero(F), c21 = FloatVector.zero(F), c30 = FloatVector.zero(F), c31 = FloatVector.zero(F);
        FloatVector c40 = FloatVector.zero(F), c41 = FloatVector.zero(F), c50 = FloatVector.zero(F), c51 = FloatVector.zero(F);
        for (int p = 0; p < k; p++) {
            int b = bOff + p * 2 * L;
            int a = aOff + p * 6;
            FloatVector b0 = FloatVector.fromArray(F, bp, b);
            FloatVector b1 = FloatVector.fromArray(F, bp, b + L);
            FloatVector x = FloatVector.broadcast(F, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(F, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(F, ap[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(F, ap[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(F, ap[a + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(F, ap[a + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        addRow(c, cOff, c00, c01);
        addRow(c, cOff + ldc, c10, c11);
        addRow(c, cOff + 2 * ldc, c20, c21);
        addRow(c, cOff + 3 * ldc, c30, c31);
        addRow(c, cOff + 4 * ldc, c40, c41);
        addRow(c, cOff + 5 * ldc, c50, c51);
    }

    private static void addRow(float[] c, int off, FloatVector v0, FloatVector v1) {
        FloatVector.fromArray(F, c, off).add(v0).intoArray(c, off);
        FloatVector.fromArray(F, c, off + L).add(v1).intoArray(c, off + L);
    }
}
