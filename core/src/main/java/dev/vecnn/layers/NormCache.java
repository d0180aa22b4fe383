package dev.vecnn.layers;

import dev.vecnn.tensor.Tensor;

/**
 * Cache of batch or layer normalization in train mode: the normalized input {@code xhat}
 * (float64, N x D), {@code 1 / sqrt(var + eps)} per feature (batchnorm) or per row (layernorm),
 * gamma, and the dtype/shape of the input.
 */
public record NormCache(double[] xhat, double[] invStd, Tensor gamma, Tensor x, boolean perRow) {}
