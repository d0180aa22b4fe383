package dev.vecnn.layers;

import dev.vecnn.tensor.Tensor;

/** Gradients of affine - norm - relu: dx, dw, db and (null without normalization) dgamma, dbeta. */
public record AffineNormReluGrads(Tensor dx, Tensor dw, Tensor db, Tensor dgamma, Tensor dbeta) {}
