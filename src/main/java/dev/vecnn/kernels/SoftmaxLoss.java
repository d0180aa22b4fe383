package dev.vecnn.kernels;

/**
 * Softmax cross-entropy over the rows of a score matrix, loss and gradient in one pass:
 * <pre>
 *   shifted = scores - scores.max(axis=1, keepdims=True)
 *   log_probs = shifted - log(sum(exp(shifted), axis=1, keepdims=True))
 *   loss = -mean(log_probs[arange(N), y])
 *   dscores = (exp(log_probs) - onehot(y)) / N
 * </pre>
 * Max subtraction keeps it stable for large logits. The loss is accumulated in double.
 *
 * <p>SCALAR PLACEHOLDER: signatures are final; SIMD twins come behind the same methods.
 */
public final class SoftmaxLoss {
    private SoftmaxLoss() {}

    /**
     * Returns the mean loss over {@code rows}; writes the gradient to {@code dscores} unless it
     * is null. Labels must lie in {@code [0, classes)}.
     */
    public static double lossAndGradient(int rows, int classes, float[] scores, int scoresOff, int lds,
                                         int[] labels, int labelsOff,
                                         float[] dscores, int dscoresOff, int ldd) {
        check(rows, classes, scores == null ? -1 : scores.length, scoresOff, lds, labels, labelsOff,
                dscores == null ? -1 : dscores.length, dscoresOff, ldd);
        double loss = 0;
        for (int i = 0; i < rows; i++) {
            int row = scoresOff + i * lds;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, scores[row + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(scores[row + j] - max);
            }
            double logSum = Math.log(sum);
            int label = labels[labelsOff + i];
            loss -= (scores[row + label] - max) - logSum;
            if (dscores != null) {
                int drow = dscoresOff + i * ldd;
                for (int j = 0; j < classes; j++) {
                    double prob = Math.exp((scores[row + j] - max) - logSum);
                    dscores[drow + j] = (float) ((prob - (j == label ? 1 : 0)) / rows);
                }
            }
        }
        return rows == 0 ? 0 : loss / rows;
    }

    /** Double twin of the float version. */
    public static double lossAndGradient(int rows, int classes, double[] scores, int scoresOff, int lds,
                                         int[] labels, int labelsOff,
                                         double[] dscores, int dscoresOff, int ldd) {
        check(rows, classes, scores == null ? -1 : scores.length, scoresOff, lds, labels, labelsOff,
                dscores == null ? -1 : dscores.length, dscoresOff, ldd);
        double loss = 0;
        for (int i = 0; i < rows; i++) {
            int row = scoresOff + i * lds;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, scores[row + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(scores[row + j] - max);
            }
            double logSum = Math.log(sum);
            int label = labels[labelsOff + i];
            loss -= (scores[row + label] - max) - logSum;
            if (dscores != null) {
                int drow = dscoresOff + i * ldd;
                for (int j = 0; j < classes; j++) {
                    double prob = Math.exp((scores[row + j] - max) - logSum);
                    dscores[drow + j] = (prob - (j == label ? 1 : 0)) / rows;
                }
            }
        }
        return rows == 0 ? 0 : loss / rows;
    }

    static void check(int rows, int classes, int scoresLen, int scoresOff, int lds,
                      int[] labels, int labelsOff, int dLen, int dOff, int ldd) {
        Args.nonNegative("rows", rows);
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        if (scoresLen < 0) throw new IllegalArgumentException("scores must not be null");
        Args.notNull("labels", labels);
        Args.matrix("scores", scoresLen, scoresOff, rows, classes, lds);
        Args.vector("labels", labels.length, labelsOff, rows);
        if (dLen >= 0) {
            Args.matrix("dscores", dLen, dOff, rows, classes, ldd);
        }
        for (int i = 0; i < rows; i++) {
            int label = labels[labelsOff + i];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("labels[" + i + "] must be in [0, " + classes
                        + "), got " + label);
            }
        }
    }
}
