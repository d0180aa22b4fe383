package dev.vecnn.optim;

import dev.vecnn.tensor.Tensor;

import java.util.Set;

/**
 * An update rule from optim.py: {@code next_w, config = rule(w, dw, config)}, except that w is
 * updated in place (no new array per step) and config is mutated.
 */
public interface UpdateRule {
    /** Updates w in place from its gradient dw; fills config defaults and state on first use. */
    void update(Tensor w, Tensor dw, OptimConfig config);

    /** The assignment's name: sgd, sgd_momentum, rmsprop, adam. */
    String name();

    /** The hyperparameter keys the rule reads. */
    Set<String> hyperparameterKeys();

    /**
     * The state arrays the rule keeps per parameter once it has taken a step ({@code velocity},
     * {@code cache}, {@code m} and {@code v}); empty if none, and by default.
     */
    default Set<String> stateKeys() {
        return Set.of();
    }

    /** Throws naming the key if the config holds a hyperparameter this rule does not use. */
    default void checkConfig(OptimConfig config) {
        for (String key : config.hyperparameters().keySet()) {
            if (!hyperparameterKeys().contains(key)) {
                throw new IllegalArgumentException("optim config key '" + key + "' is not used by update rule "
                        + name() + "; its keys are " + hyperparameterKeys());
            }
        }
    }
}
