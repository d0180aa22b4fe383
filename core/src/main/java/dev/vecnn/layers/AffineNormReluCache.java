package dev.vecnn.layers;

import dev.vecnn.tensor.Tensor;

/** Cache of {@link LayerUtils#affineNormReluForward}: affine, normalization (or null) and relu caches. */
public record AffineNormReluCache(AffineCache fc, Normalization normalization, NormCache norm, Tensor relu) {}
