package dev.vecnn.check;

import dev.vecnn.tensor.Tensor;

/**
 * The two reductions the notebook prints: {@code x.mean()} with numpy's pairwise summation (so
 * the printed digits match numpy's), and {@code (x == 0).mean()}.
 */
public final class ArrayStats {
    private ArrayStats() {}

    /** {@code np.mean(x)} over all elements, summed in numpy's pairwise order. */
    public static double mean(Tensor x) {
        double[] v = x.toDoubleArray();
        return pairwiseSum(v, 0, v.length) / v.length;
    }

    /** {@code np.mean(x == 0)}. */
    public static double fractionZero(Tensor x) {
        int zeros = 0;
        for (int i = 0; i < x.size(); i++) {
            if (x.get(i) == 0) zeros++;
        }
        return (double) zeros / x.size();
    }

    /**
     * numpy's {@code pairwise_sum} (numpy/core/src/umath/loops_utils.h): below 8 elements a plain
     * loop; up to 128 eight accumulators combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)); above
     * that, split in two halves (the first a multiple of 8) and recurse.
     */
    public static double pairwiseSum(double[] a, int off, int n) {
        if (n < 8) {
            double res = 0.;
            for (int i = 0; i < n; i++) res += a[off + i];
            return res;
        } else if (n <= 128) {
            double[] r = new double[8];
            for (int k = 0; k < 8; k++) r[k] = a[off + k];
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                for (int k = 0; k < 8; k++) r[k] += a[off + i + k];
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) res += a[off + i];
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return pairwiseSum(a, off, n2) + pairwiseSum(a, off + n2, n - n2);
        }
    }
}
