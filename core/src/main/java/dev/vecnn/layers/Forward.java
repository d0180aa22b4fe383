package dev.vecnn.layers;

import dev.vecnn.tensor.Tensor;

/** What a forward function returns, as in Python's {@code out, cache = layer_forward(...)}. */
public record Forward<C>(Tensor out, C cache) {}
