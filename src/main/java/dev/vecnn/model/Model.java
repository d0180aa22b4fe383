package dev.vecnn.model;

import dev.vecnn.tensor.Tensor;

import java.util.Map;

/** What the Solver needs from a model, as in the assignment: {@code params}, {@code loss(X, y)}, {@code loss(X)}. */
public interface Model {
    /** The parameters by name, in a fixed order; the Solver updates them in place. */
    Map<String, Tensor> params();

    /** Training loss and the gradient of every parameter. */
    LossAndGrads loss(Tensor x, int[] y);

    /** Class scores (N, C) in test mode. */
    Tensor loss(Tensor x);

    /** Copies values into the parameters (same names, shapes and dtypes). */
    void setParams(Map<String, Tensor> values);
}
