package dev.vecnn.layers;

import dev.vecnn.tensor.Tensor;

/** A loss layer's result: {@code loss, dx = softmax_loss(x, y)}. */
public record Loss(double loss, Tensor dx) {}
