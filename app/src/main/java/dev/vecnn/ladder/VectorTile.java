package dev.vecnn.ladder;

import dev.vecnn.kernels.LadderTile;

/**
 * Rung 6, the Vector API micro-kernel: the same loops as rung 5, with the tile made of vectors
 * (6 rows x 2 vectors; {@code dev.vecnn.kernels.simd.LadderVectorTile}, in the one package that
 * may import {@code jdk.incubator.vector}). Each A element is broadcast to all lanes once and
 * used in 2 FMAs; each B vector is used in 6. Only available when the Vector API is (see
 * {@link Ladder#rungs()}).
 */
public final class VectorTile implements Rung {
    private final LadderTile tile;

    VectorTile(LadderTile tile) {
        this.tile = tile;
    }

    @Override
    public String name() {
        return "6 Vector API micro-kernel";
    }

    @Override
    public String change() {
        return "the tile in vector registers: 6 rows x " + tile.cols() + " columns, 12 FMAs per step";
    }

    @Override
    public void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc) {
        PanelDriver.multiply(tile, false, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }
}
