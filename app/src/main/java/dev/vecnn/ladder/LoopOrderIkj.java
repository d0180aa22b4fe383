package dev.vecnn.ladder;

/**
 * Rung 2, the same arithmetic in the order i-k-j: row i of C is built as a sum of rows of B, each
 * scaled by one element of A. The inner loop now walks a row of B and a row of C with stride 1:
 * every byte of each cache line is used and the hardware prefetcher sees a stream. The price:
 * each multiply-add loads and stores an element of C (two loads and a store per multiply-add),
 * and all of B is streamed from memory again for every row of A.
 */
public final class LoopOrderIkj implements Rung {
    @Override
    public String name() {
        return "2 loop order i-k-j";
    }

    @Override
    public String change() {
        return "inner loop over a row of B and C (stride 1): whole cache lines, a stream for the prefetcher";
    }

    @Override
    public void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            java.util.Arrays.fill(c, ci, ci + n, 0f);
            for (int p = 0; p < k; p++) {
                float aip = a[aOff + i * lda + p];
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }
}
