package dev.vecnn.infer;

import dev.vecnn.layers.Normalization;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;

/**
 * The parameters an {@link InferenceModel}'s plan runs on, kept beside it for export
 * ({@link OnnxExport}): per affine layer {@code w[l]} (in, out) and {@code b[l]}; per hidden layer
 * {@code gamma[l], beta[l]} (batch/layer norm) and {@code mean[l], var[l]} (batchnorm's running
 * statistics), null where the net has none; one {@code eps}; {@code hiddenScale} multiplies every
 * hidden activation after the ReLU (vanilla dropout's p, else 1). The same tensors as the plan's
 * (never written to), in the model's precision.
 */
record NetWeights(int[] dims, DType precision, Normalization normalization, Tensor[] w, Tensor[] b,
                  Tensor[] gamma, Tensor[] beta, Tensor[] mean, Tensor[] var, double eps, double hiddenScale) {

    /** Number of affine layers. */
    int layers() {
        return w.length;
    }
}
