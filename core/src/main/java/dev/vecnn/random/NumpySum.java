package dev.vecnn.random;

/**
 * numpy's pairwise summation of float64 ({@code np.sum}, {@code np.mean}), in numpy's order,
 * so a mean printed by Java has the same last digit as the one numpy prints.
 *
 * <p>numpy's {@code pairwise_sum}: fewer than 8 values are added in a loop; up to 128 values
 * go into 8 running sums (element i into sum i mod 8) combined as
 * {@code ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))}, then the leftover tail; longer runs are split at
 * {@code n/2} rounded down to a multiple of 8 and the halves summed recursively.
 *
 * <p>numpy 2.3 and later sum a contiguous array in one pairwise run ({@link #pairwise}); older
 * versions fed the reduction in buffers of 8192 elements and added the buffers' pairwise sums
 * one after another ({@link #pairwiseBuffered} with 8192). The dropout notebook was run with an
 * older numpy: its {@code x.mean()} of 10.000207878477502 is the buffered sum, numpy 2.4 prints
 * 10.0002078784775 for the same array.
 */
public final class NumpySum {
    private static final int BLOCK = 128;

    /** numpy's reduction buffer size before 2.3. */
    public static final int LEGACY_BUFFER = 8192;

    private NumpySum() {}

    /** Sum of {@code a[off .. off+n)} in numpy 2.3+'s order ({@code a.sum()} of a contiguous array). */
    public static double pairwise(double[] a, int off, int n) {
        if (off < 0 || n < 0 || (long) off + n > a.length) {
            throw new IllegalArgumentException("a too short: need offset " + off + " + count " + n
                    + " <= length, got length " + a.length);
        }
        return 0.0 + sum(a, off, n);
    }

    /** Sum in numpy {@literal <} 2.3's order: pairwise sums of {@code buffer}-sized chunks, added in order. */
    public static double pairwiseBuffered(double[] a, int off, int n, int buffer) {
        if (buffer < 1) {
            throw new IllegalArgumentException("buffer must be >= 1, got " + buffer);
        }
        pairwise(a, off, n); // argument check
        double total = 0.0;
        for (int start = 0; start < n; start += buffer) {
            total += sum(a, off + start, Math.min(buffer, n - start));
        }
        return total;
    }

    private static double sum(double[] a, int off, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[off + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double r0 = a[off], r1 = a[off + 1], r2 = a[off + 2], r3 = a[off + 3];
            double r4 = a[off + 4], r5 = a[off + 5], r6 = a[off + 6], r7 = a[off + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                r0 += a[off + i];
                r1 += a[off + i + 1];
                r2 += a[off + i + 2];
                r3 += a[off + i + 3];
                r4 += a[off + i + 4];
                r5 += a[off + i + 5];
                r6 += a[off + i + 6];
                r7 += a[off + i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[off + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return sum(a, off, n2) + sum(a, off + n2, n - n2);
    }
}
