package dev.vecnn.ladder;

/**
 * Rung 5, a scalar register tile: both A and B are packed into panels ({@link PanelDriver}) and
 * a 4 x 4 tile of C is accumulated in registers for the whole block depth ({@link ScalarTile}),
 * then added to C once. Rungs 2-4 loaded and stored C for every multiply-add; here C is touched
 * once per 256 of them, and each element of A and B loaded into a register is used 4 times.
 */
public final class RegisterTile implements Rung {
    private final ScalarTile tile = new ScalarTile();

    @Override
    public String name() {
        return "5 scalar register tile";
    }

    @Override
    public String change() {
        return "pack A and B into panels; a 4x4 tile of C lives in 16 registers";
    }

    @Override
    public void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc) {
        PanelDriver.multiply(tile, false, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }
}
