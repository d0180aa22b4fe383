package dev.vecnn.layers;

import dev.vecnn.tensor.Tensor;

/**
 * Cache of {@link Layers#dropoutForward}: the mode, keep probability and flavour the forward
 * pass used, and the 0/1 keep-mask (null in test mode).
 */
public record DropoutCache(DropoutParam.Mode mode, double p, boolean inverted, Tensor mask) {}
