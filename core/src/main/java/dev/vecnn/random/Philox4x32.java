package dev.vecnn.random;

/**
 * Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3" (SC 2011), with Random123's constants: a 128-bit counter and a
 * 64-bit key go through ten rounds of two 32x32-bit multiplications and xors, giving four
 * 32-bit words. The output is a pure function of (counter, key), so any element of a stream
 * can be computed directly, by any thread, in any order.
 *
 * <p>One round: {@code (hi0, lo0) = M0 * c0}, {@code (hi1, lo1) = M1 * c2}, then
 * {@code c = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)}; between rounds the key is bumped by the
 * Weyl constants {@code (W0, W1)}.
 */
public final class Philox4x32 {
    /** Round multiplier for counter word 0. */
    public static final int M0 = 0xD2511F53;
    /** Round multiplier for counter word 2. */
    public static final int M1 = 0xCD9E8D57;
    /** Key bump for key word 0 (golden ratio). */
    public static final int W0 = 0x9E3779B9;
    /** Key bump for key word 1 (sqrt(3) - 1). */
    public static final int W1 = 0xBB67AE85;
    /** Number of rounds. */
    public static final int ROUNDS = 10;

    private static final long U32 = 0xffff_ffffL;

    private Philox4x32() {}

    /**
     * Writes Philox4x32-10(counter = (c0, c1, c2, c3), key = (k0, k1)) into
     * {@code out[off .. off+4)}.
     */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out, int off) {
        for (int round = 0; round < ROUNDS; round++) {
            if (round > 0) {
                k0 += W0;
                k1 += W1;
            }
            long p0 = (M0 & U32) * (c0 & U32);
            long p1 = (M1 & U32) * (c2 & U32);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c0 = n0;
            c1 = (int) p1;
            c2 = n2;
            c3 = (int) p0;
        }
        out[off] = c0;
        out[off + 1] = c1;
        out[off + 2] = c2;
        out[off + 3] = c3;
    }

    /** Word {@code word} (0..3) of Philox4x32-10(counter, key). */
    public static int word(int c0, int c1, int c2, int c3, int k0, int k1, int word) {
        int[] out = new int[4];
        block(c0, c1, c2, c3, k0, k1, out, 0);
        return out[word];
    }
}
