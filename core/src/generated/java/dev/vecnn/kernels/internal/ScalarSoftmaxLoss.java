// Generated from src/template/java/dev/vecnn/kernels/internal/ScalarSoftmaxLoss.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.internal;

/**
 * Scalar twin of softmax cross-entropy, row by row, as the assignment's softmax_loss:
 * <pre>
 *   shifted   = x - max(x, axis=1)                      (in the array's precision)
 *   log_probs = shifted - log(sum(exp(shifted), axis=1)) (exp, log and the sum in double)
 *   loss      = -sum(log_probs[arange(N), y]) / N        (accumulated in double)
 *   dx        = (exp(log_probs) - onehot(y)) / N         (in double, rounded once)
 * </pre>
 * Also the fallback without the Vector API.
 */
public final class ScalarSoftmaxLoss implements SoftmaxLossKernel {

    @Override
    public double lossAndGradient(int rows, int classes, float[] scores, int scoresOff, int lds,
                                  int[] labels, int labelsOff, float[] dscores, int dscoresOff, int ldd) {
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

    @Override
    public double lossAndGradient(int rows, int classes, double[] scores, int scoresOff, int lds,
                                  int[] labels, int labelsOff, double[] dscores, int dscoresOff, int ldd) {
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
                    dscores[drow + j] = (double) ((prob - (j == label ? 1 : 0)) / rows);
                }
            }
        }
        return rows == 0 ? 0 : loss / rows;
    }
}
