package dev.vecnn.layers;

import dev.vecnn.tensor.Tensor;

/** Gradients of an affine layer: {@code dx, dw, db = affine_backward(dout, cache)}. */
public record AffineGrads(Tensor dx, Tensor dw, Tensor db) {}
