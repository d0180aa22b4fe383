package dev.vecnn.infer;

/**
 * Class probabilities from class scores, {@code p_j = exp(s_j - max s) / sum_k exp(s_k - max s)},
 * in float64 whatever the model's precision. Subtracting the largest score first keeps every
 * exponent at or below 0, so nothing overflows (scores in the thousands are fine) and the largest
 * class gets exp(0) = 1 before normalising. Float64 whatever the net's precision: a float32 sum
 * of exponentials carries about 1e-7 of relative error, enough to move a printed digit of a
 * probability that sits near a rounding boundary, and ten float64 exponentials a row cost nothing
 * next to the net.
 * Also gives the ranking of a row: labels by falling score, lower labels first on ties, the same
 * first label as {@link InferenceModel#argmax}.
 */
final class Softmax {
    private Softmax() {}

    /**
     * Probabilities of the {@code n} scores at {@code scores[off…]} (a float[] or double[]) into
     * {@code out[0 .. n)}.
     *
     * @throws IllegalArgumentException if a score is NaN or infinite (naming {@code row})
     */
    static void probabilities(Object scores, int off, int n, double[] out, int row) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double s = value(scores, off + j);
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("row " + row + " gives a non-finite class score (" + s + " for class "
                        + j + "): its values are too large for this net (finite inputs, overflowing scores)");
            }
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double e = Math.exp(value(scores, off + j) - max);
            out[j] = e;
            sum += e;
        }
        for (int j = 0; j < n; j++) {
            out[j] /= sum;
        }
    }

    /** Labels 0 .. n-1 ordered by falling score at {@code scores[off…]}, lower label first on ties (a stable sort). */
    static int[] ranking(Object scores, int off, int n) {
        int[] order = new int[n];
        for (int j = 0; j < n; j++) {
            order[j] = j;
        }
        for (int i = 1; i < n; i++) { // insertion sort: ten classes, stable
            int label = order[i];
            double s = value(scores, off + label);
            int k = i - 1;
            while (k >= 0 && value(scores, off + order[k]) < s) {
                order[k + 1] = order[k];
                k--;
            }
            order[k + 1] = label;
        }
        return order;
    }

    private static double value(Object scores, int i) {
        return scores instanceof float[] ? ((float[]) scores)[i] : ((double[]) scores)[i];
    }
}
