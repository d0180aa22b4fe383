package dev.vecnn.layers;

import dev.vecnn.tensor.Tensor;

/** Gradients of a normalization layer: {@code dx, dgamma, dbeta}. */
public record NormGrads(Tensor dx, Tensor dgamma, Tensor dbeta) {}
