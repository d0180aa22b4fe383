package dev.vecnn.layers;

import dev.vecnn.tensor.Tensor;

/** Cache of {@link Layers#affineForward}: the input (original shape) and the parameters. */
public record AffineCache(Tensor x, Tensor w, Tensor b) {}
