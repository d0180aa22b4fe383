package dev.vecnn.check;

import dev.vecnn.random.NumpySum;
import dev.vecnn.tensor.Tensor;

/**
 * The two reductions the notebook prints: {@code x.mean()} with numpy's pairwise summation (so
 * the printed digits match numpy's), and {@code (x == 0).mean()}.
 */
public final class ArrayStats {
    private ArrayStats() {}

    /**
     * {@code np.mean(x)} over all elements as the notebook's numpy computed it: pairwise sums of
     * 8192-element buffers added in order (numpy before 2.3; see {@link NumpySum}).
     */
    public static double mean(Tensor x) {
        double[] v = x.toDoubleArray();
        return NumpySum.pairwiseBuffered(v, 0, v.length, NumpySum.LEGACY_BUFFER) / v.length;
    }

    /** {@code np.mean(x)} in numpy 2.3+'s order (one pairwise run). */
    public static double meanNumpy2(Tensor x) {
        double[] v = x.toDoubleArray();
        return NumpySum.pairwise(v, 0, v.length) / v.length;
    }

    /** {@code np.mean(x == 0)}. */
    public static double fractionZero(Tensor x) {
        int zeros = 0;
        for (int i = 0; i < x.size(); i++) {
            if (x.get(i) == 0) zeros++;
        }
        return (double) zeros / x.size();
    }
}
