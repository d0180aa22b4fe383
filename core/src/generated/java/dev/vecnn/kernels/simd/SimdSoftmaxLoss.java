// Generated from src/template/java/dev/vecnn/kernels/simd/SimdSoftmaxLoss.java.template by TwinGenerator; do not edit.
// Regenerate (in core/): java src/test/java/dev/vecnn/kernels/simd/TwinGenerator.java
package dev.vecnn.kernels.simd;

import dev.vecnn.kernels.internal.SoftmaxLossKernel;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD softmax cross-entropy (Vector API), three passes over each row:
 * <ol>
 *   <li>row max, lane-wise then reduced;</li>
 *   <li>{@code e = exp(x - max)} with Math.exp in double, summed in order, stored into the
 *       gradient row when one is wanted (scalar on purpose: the vector EXP and lane reductions
 *       are not guaranteed to give the same bits interpreted and compiled, and the library
 *       promises the same bits for the same seed);</li>
 *   <li>gradient {@code e * (1 / (sum * N))} in place, and the label entry recomputed in double as
 *       {@code (exp(shifted - log(sum)) - 1) / N} to avoid cancellation.</li>
 * </ol>
 * Whole vectors then scalar tails. The loss is accumulated in double. The gradient is formed as
 * {@code e / (sum * N)} rather than the scalar twin's {@code exp(shifted - logSum) / N}, so this
 * kernel agrees with {@code ScalarSoftmaxLoss} to a tight tolerance, not bit for bit.
 */
public final class SimdSoftmaxLoss implements SoftmaxLossKernel {
    private static final VectorSpecies<Float> FLOATS = Species.FLOATS;
    private static final VectorSpecies<Double> DOUBLES = Species.DOUBLES;

    @Override
    public double lossAndGradient(int rows, int classes, float[] scores, int scoresOff, int lds,
                                  int[] labels, int labelsOff, float[] dscores, int dscoresOff, int ldd) {
        int lanes = FLOATS.length();
        int whole = FLOATS.loopBound(classes);
        double loss = 0;
        for (int i = 0; i < rows; i++) {
            int row = scoresOff + i * lds;
            int drow = dscoresOff + i * ldd;
            int label = labels[labelsOff + i];
            float labelScore = scores[row + label]; // read before dscores (maybe == scores) is written

            float max = Float.NEGATIVE_INFINITY;
            int j = 0;
            if (whole > 0) {
                FloatVector maxes = FloatVector.fromArray(FLOATS, scores, row);
                for (j = lanes; j < whole; j += lanes) {
                    maxes = maxes.max(FloatVector.fromArray(FLOATS, scores, row + j));
                }
                max = maxes.reduceLanes(VectorOperators.MAX);
            }
            for (; j < classes; j++) {
                max = Math.max(max, scores[row + j]);
            }

            // exp and its sum stay scalar, in order: the vector EXP and reduceLanes(ADD) may give
            // different bits interpreted and JIT-compiled (seen on JDK 25), which would break
            // "same seed, same bits". A 10-class row makes this a small share of the step.
            double sum = 0;
            for (j = 0; j < classes; j++) {
                double e = Math.exp(scores[row + j] - max);
                if (dscores != null) {
                    dscores[drow + j] = (float) e;
                }
                sum += e;
            }
            double logSum = Math.log(sum);
            double labelShifted = labelScore - max;
            loss -= labelShifted - logSum;

            if (dscores != null) {
                float probOverRows = (float) (1 / (sum * rows));
                for (j = 0; j < whole; j += lanes) {
                    FloatVector.fromArray(FLOATS, dscores, drow + j).mul(probOverRows)
                            .intoArray(dscores, drow + j);
                }
                for (; j < classes; j++) {
                    dscores[drow + j] *= probOverRows;
                }
                dscores[drow + label] = (float) ((Math.exp(labelShifted - logSum) - 1) / rows);
            }
        }
        return rows == 0 ? 0 : loss / rows;
    }

    @Override
    public double lossAndGradient(int rows, int classes, double[] scores, int scoresOff, int lds,
                                  int[] labels, int labelsOff, double[] dscores, int dscoresOff, int ldd) {
        int lanes = DOUBLES.length();
        int whole = DOUBLES.loopBound(classes);
        double loss = 0;
        for (int i = 0; i < rows; i++) {
            int row = scoresOff + i * lds;
            int drow = dscoresOff + i * ldd;
            int label = labels[labelsOff + i];
            double labelScore = scores[row + label]; // read before dscores (maybe == scores) is written

            double max = Double.NEGATIVE_INFINITY;
            int j = 0;
            if (whole > 0) {
                DoubleVector maxes = DoubleVector.fromArray(DOUBLES, scores, row);
                for (j = lanes; j < whole; j += lanes) {
                    maxes = maxes.max(DoubleVector.fromArray(DOUBLES, scores, row + j));
                }
                max = maxes.reduceLanes(VectorOperators.MAX);
            }
            for (; j < classes; j++) {
                max = Math.max(max, scores[row + j]);
            }

            // exp and its sum stay scalar, in order: the vector EXP and reduceLanes(ADD) may give
            // different bits interpreted and JIT-compiled (seen on JDK 25), which would break
            // "same seed, same bits". A 10-class row makes this a small share of the step.
            double sum = 0;
            for (j = 0; j < classes; j++) {
                double e = Math.exp(scores[row + j] - max);
                if (dscores != null) {
                    dscores[drow + j] = (double) e;
                }
                sum += e;
            }
            double logSum = Math.log(sum);
            double labelShifted = labelScore - max;
            loss -= labelShifted - logSum;

            if (dscores != null) {
                double probOverRows = (double) (1 / (sum * rows));
                for (j = 0; j < whole; j += lanes) {
                    DoubleVector.fromArray(DOUBLES, dscores, drow + j).mul(probOverRows)
                            .intoArray(dscores, drow + j);
                }
                for (; j < classes; j++) {
                    dscores[drow + j] *= probOverRows;
                }
                dscores[drow + label] = (double) ((Math.exp(labelShifted - logSum) - 1) / rows);
            }
        }
        return rows == 0 ? 0 : loss / rows;
    }
}
