package dev.vecnn.model;

import dev.vecnn.tensor.Tensor;

import java.util.Map;

/**
 * {@code loss, grads = model.loss(X, y)}: the loss (data loss + 0.5 * reg * sum W^2) and the
 * gradient of every parameter, keyed like the parameters (W1, b1, ...). The gradient tensors
 * belong to the caller: no later call writes into them.
 */
public record LossAndGrads(double loss, Map<String, Tensor> grads) {}
