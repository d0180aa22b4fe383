package dev.vecnn.kernels.internal;

/**
 * Softmax cross-entropy kernels behind the {@code SoftmaxLoss} facade: the scalar twin
 * {@link ScalarSoftmaxLoss} and {@code dev.vecnn.kernels.simd.SimdSoftmaxLoss}. No argument
 * checks here (labels are already known to lie in {@code [0, classes)}); the facade does them.
 * Public only so the SIMD package can implement it.
 */
public interface SoftmaxLossKernel {
    /** Mean loss over the rows; writes the gradient unless {@code dscores} is null. */
    double lossAndGradient(int rows, int classes, float[] scores, int scoresOff, int lds,
                           int[] labels, int labelsOff, float[] dscores, int dscoresOff, int ldd);

    /** Double twin. */
    double lossAndGradient(int rows, int classes, double[] scores, int scoresOff, int lds,
                           int[] labels, int labelsOff, double[] dscores, int dscoresOff, int ldd);
}
