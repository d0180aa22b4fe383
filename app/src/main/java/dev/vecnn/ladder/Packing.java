package dev.vecnn.ladder;

/**
 * Rung 4, packing: before a block of B is used, it is copied into a contiguous buffer
 * ({@code KC x NC}, row-major, no gaps). Rung 3 read the block's rows {@code ldb} floats apart:
 * with {@code ldb = 1024} every row sits in its own 4 KiB page (256 TLB entries for one block)
 * and at the same offset in the page, so the rows compete for the same L1 sets. The packed block
 * is 64 consecutive pages with consecutive rows, which the TLB and the L1 handle far better. The
 * copy costs {@code k x n} loads and stores, paid back over the {@code m} rows that reuse it.
 */
public final class Packing implements Rung {
    static final int KC = CacheBlocking.KC;
    static final int NC = CacheBlocking.NC;

    @Override
    public String name() {
        return "4 packing";
    }

    @Override
    public String change() {
        return "copy each block of B into a contiguous buffer first (TLB, cache sets)";
    }

    @Override
    public void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc) {
        float[] packed = new float[KC * NC];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
        }
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, bOff + (pc + p) * ldb + jc, packed, p * nc, nc);
                }
                for (int i = 0; i < m; i++) {
                    int ci = cOff + i * ldc + jc;
                    int ai = aOff + i * lda + pc;
                    for (int p = 0; p < kc; p++) {
                        float aip = a[ai + p];
                        int bp = p * nc;
                        for (int j = 0; j < nc; j++) {
                            c[ci + j] += aip * packed[bp + j];
                        }
                    }
                }
            }
        }
    }
}
