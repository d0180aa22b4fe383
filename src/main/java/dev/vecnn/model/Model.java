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

    /**
     * Draws, and discards, the numbers that one training pass ({@link #loss(Tensor, int[])}) over
     * {@code rows} rows takes from the global NumpyRandom, without computing anything. Lets a
     * caller know the random state after a training run before the run happens (see
     * {@code Solver.skipTrainingDraws}). Models that cannot say throw.
     */
    default void skipTrainingDraws(int rows) {
        throw new UnsupportedOperationException(getClass().getName() + " does not say which random numbers a training pass draws");
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
