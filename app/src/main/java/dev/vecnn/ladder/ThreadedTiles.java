package dev.vecnn.ladder;

import dev.vecnn.kernels.LadderTile;
import dev.vecnn.kernels.Parallel;

/**
 * Rung 7, multi-threading over tiles: rung 6 (or rung 5 without the Vector API) with the blocks
 * of rows of C spread over {@link Parallel}'s threads. Each thread packs its own block of A and
 * shares the packed block of B; no two threads write the same element of C, and no sum is split
 * between threads, so the result has the same bits on any number of threads.
 */
public final class ThreadedTiles implements Rung {
    private final LadderTile tile;

    ThreadedTiles(LadderTile tile) {
        this.tile = tile;
    }

    @Override
    public String name() {
        return "7 threads over tiles";
    }

    @Override
    public String change() {
        return "row blocks of C on " + Parallel.threads() + " threads (same bits on any count)";
    }

    @Override
    public void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc) {
        PanelDriver.multiply(tile, true, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }
}
