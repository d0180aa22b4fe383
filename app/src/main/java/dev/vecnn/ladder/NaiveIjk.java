package dev.vecnn.ladder;

/**
 * Rung 1, the textbook triple loop: for each element of C, a dot product of a row of A with a
 * column of B. The inner loop walks B down a column, {@code ldb} floats apart: every step touches
 * a new cache line (and, for large {@code ldb}, a new 4 KiB page), and uses 4 of its 64 bytes.
 * This is the reference every other rung is tested against.
 */
public final class NaiveIjk implements Rung {
    @Override
    public String name() {
        return "1 naive i-j-k";
    }

    @Override
    public String change() {
        return "dot product per element of C; B read down its columns";
    }

    @Override
    public void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    sum += a[aOff + i * lda + p] * b[bOff + p * ldb + j];
                }
                c[cOff + i * ldc + j] = sum;
            }
        }
    }
}
