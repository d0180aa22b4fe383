// Generated from src/template/java/dev/vecnn/kernels/SoftmaxLoss.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels;

import dev.vecnn.kernels.internal.ScalarSoftmaxLoss;
import dev.vecnn.kernels.internal.SoftmaxLossKernel;

/**
 * Softmax cross-entropy over the rows of a score matrix, loss and gradient in one pass:
 * <pre>
 *   shifted = scores - scores.max(axis=1, keepdims=True)
 *   log_probs = shifted - log(sum(exp(shifted), axis=1, keepdims=True))
 *   loss = -mean(log_probs[arange(N), y])
 *   dscores = (exp(log_probs) - onehot(y)) / N
 * </pre>
 * Max subtraction keeps it stable for large logits (±1e4 and beyond); the loss is accumulated in
 * double, and both kernels form the exponentials with {@link Math#exp} in double and sum them in
 * double, in order (for float scores too; only the row max and the gradient's scaling use
 * vectors in the SIMD kernel).
 *
 * <p>Special values: a score of -Inf contributes probability 0 (its gradient entry is 0, or
 * -1/N if it is the label's, and then the loss is +Inf). A row with any NaN or +Inf score, or
 * with every score -Inf, has no defined probabilities and gives a NaN loss (and NaN gradient
 * entries in that row), as numpy does; callers detect NaN loss.
 *
 * <p>The SIMD kernel forms the gradient as {@code e / (sum * N)} where the scalar twin
 * {@code ScalarSoftmaxLoss} computes {@code exp(shifted - logSum) / N}, so the two agree to a
 * tight tolerance rather than bit for bit (see SoftmaxLossTest). {@code dscores} may be the {@code scores} array itself (same offset
 * and leading dimension); other overlaps are not supported. Dispatches once to the SIMD kernel
 * when the Vector API is available, else to the scalar twin.
 */
public final class SoftmaxLoss {
    private static final SoftmaxLossKernel IMPL = VectorSupport.choose(SoftmaxLossKernel.class,
            "dev.vecnn.kernels.simd.SimdSoftmaxLoss", new ScalarSoftmaxLoss());

    private SoftmaxLoss() {}

    /**
     * Returns the mean loss over {@code rows}; writes the gradient to {@code dscores} unless it
     * is null. Labels must lie in {@code [0, classes)}.
     */
    public static double lossAndGradient(int rows, int classes, float[] scores, int scoresOff, int lds,
                                         int[] labels, int labelsOff,
                                         float[] dscores, int dscoresOff, int ldd) {
        check(rows, classes, Args.length(scores), scoresOff, lds, labels, labelsOff, Args.length(dscores), dscoresOff, ldd);
        return IMPL.lossAndGradient(rows, classes, scores, scoresOff, lds, labels, labelsOff,
                dscores, dscoresOff, ldd);
    }

    /**
     * Returns the mean loss over {@code rows}; writes the gradient to {@code dscores} unless it
     * is null. Labels must lie in {@code [0, classes)}.
     */
    public static double lossAndGradient(int rows, int classes, double[] scores, int scoresOff, int lds,
                                         int[] labels, int labelsOff,
                                         double[] dscores, int dscoresOff, int ldd) {
        check(rows, classes, Args.length(scores), scoresOff, lds, labels, labelsOff, Args.length(dscores), dscoresOff, ldd);
        return IMPL.lossAndGradient(rows, classes, scores, scoresOff, lds, labels, labelsOff,
                dscores, dscoresOff, ldd);
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
                throw new IllegalArgumentException("labels[" + (labelsOff + i) + "] (row " + i
                        + ") must be in [0, " + classes + "), got " + label);
            }
        }
    }
}
