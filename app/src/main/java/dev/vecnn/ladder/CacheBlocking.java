package dev.vecnn.ladder;

/**
 * Rung 3, cache blocking: the i-k-j loops of rung 2 run on a block of B of {@link #KC} rows by
 * {@link #NC} columns (256 x 256 floats = 256 KiB, which fits in L2) for every row of A before
 * moving on, so B comes from L2 instead of memory; the slice of a C row the inner loop updates
 * ({@code NC} floats = 1 KiB) stays in L1 across the {@code KC} steps.
 */
public final class CacheBlocking implements Rung {
    /** Rows of B (depth of the sum) per block. */
    static final int KC = 256;
    /** Columns of B and C per block. */
    static final int NC = 256;

    @Override
    public String name() {
        return "3 cache blocking";
    }

    @Override
    public String change() {
        return "work on a 256x256 block of B that stays in L2 for every row of A";
    }

    @Override
    public void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                for (int i = 0; i < m; i++) {
                    int ci = cOff + i * ldc + jc;
                    for (int p = pc; p < pc + kc; p++) {
                        float aip = a[aOff + i * lda + p];
                        int bp = bOff + p * ldb + jc;
                        for (int j = 0; j < nc; j++) {
                            c[ci + j] += aip * b[bp + j];
                        }
                    }
                }
            }
        }
    }
}
