package dev.vecnn.model;

import dev.vecnn.tensor.Tensor;

import java.util.Map;

/** What the Solver needs from a model, as in the assignment: {@code params}, {@code loss(X, y)}, {@code loss(X)}. */
public interface Model {
    /** The parameters by name, in a fixed order; the Solver updates them in place. */
    Map<String, Tensor> params();

    /** Training loss and the gradient of every parameter. */
    LossAndGrads loss(Tensor x, int[] y);

    /** Class scores (N, C) in test mode; {@code x} is read, never written (the Solver may pass its data itself). */
    Tensor loss(Tensor x);

    /**
     * The training loss with every parameter's gradient written into {@code grads} (one tensor
     * per parameter name, shaped like it, owned by the caller): the Solver's allocation-free form
     * of {@link #loss(Tensor, int[])}. By default it copies loss()'s gradients.
     */
    default double lossInto(Tensor x, int[] y, Map<String, Tensor> grads) {
        LossAndGrads lg = loss(x, y);
        for (Map.Entry<String, Tensor> e : lg.grads().entrySet()) {
            Tensor into = grads.get(e.getKey());
            if (into == null) throw new IllegalArgumentException("grads has no tensor for parameter '" + e.getKey() + "'");
            into.copyFrom(e.getValue());
        }
        return lg.loss();
    }

    /** Copies values into the parameters (same names, shapes and dtypes). */
    void setParams(Map<String, Tensor> values);

    /**
     * State that is not a parameter but must survive a checkpoint (batchnorm running statistics,
     * the dropout-mask step counter), by name; copies. Empty by default.
     */
    default Map<String, Tensor> buffers() {
        return Map.of();
    }

    /** Restores {@link #buffers()} from a checkpoint. */
    default void setBuffers(Map<String, Tensor> buffers) {
        if (!buffers.isEmpty()) {
            throw new IllegalArgumentException("this model has no buffers, got " + buffers.keySet());
        }
    }
}
