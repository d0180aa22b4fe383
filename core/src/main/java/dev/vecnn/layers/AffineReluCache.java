package dev.vecnn.layers;

import dev.vecnn.tensor.Tensor;

/** Cache of {@link LayerUtils#affineReluForward}: the affine cache and the relu input. */
public record AffineReluCache(AffineCache fc, Tensor relu) {}
