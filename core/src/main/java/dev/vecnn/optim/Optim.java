package dev.vecnn.optim;

import dev.vecnn.kernels.Updates;
import dev.vecnn.tensor.Tensor;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The assignment's optim.py: sgd, sgd_momentum, rmsprop, adam, with its defaults. Each rule is
 * one fused pass of the {@link Updates} kernel over the parameter.
 * <pre>
 *   sgd:          learning_rate 1e-2
 *   sgd_momentum: learning_rate 1e-2, momentum 0.9        v = mu * v - lr * dw; w += v
 *   rmsprop:      learning_rate 1e-2, decay_rate 0.99, epsilon 1e-8
 *   adam:         learning_rate 1e-3, beta1 0.9, beta2 0.999, epsilon 1e-8, t incremented first
 * </pre>
 */
public final class Optim {
    private Optim() {}

    /** Vanilla SGD: {@code w -= learning_rate * dw}. */
    public static final UpdateRule SGD = new Rule("sgd", List.of(), "learning_rate") {
        @Override
        public void update(Tensor w, Tensor dw, OptimConfig config) {
            check(w, dw);
            double lr = config.setDefault("learning_rate", 1e-2);
            int n = w.size();
            if (w.isFloat32()) Updates.sgd(n, w.floats(), 0, dw.floats(), 0, lr);
            else Updates.sgd(n, w.doubles(), 0, dw.doubles(), 0, lr);
        }
    };

    /** SGD with momentum. */
    public static final UpdateRule SGD_MOMENTUM = new Rule("sgd_momentum", List.of("velocity"), "learning_rate", "momentum") {
        @Override
        public void update(Tensor w, Tensor dw, OptimConfig config) {
            check(w, dw);
            double lr = config.setDefault("learning_rate", 1e-2);
            double mu = config.setDefault("momentum", 0.9);
            Tensor v = config.stateLike("velocity", w);
            int n = w.size();
            if (w.isFloat32()) Updates.momentum(n, w.floats(), 0, dw.floats(), 0, v.floats(), 0, lr, mu);
            else Updates.momentum(n, w.doubles(), 0, dw.doubles(), 0, v.doubles(), 0, lr, mu);
        }
    };

    /** RMSProp (epsilon added outside the square root). */
    public static final UpdateRule RMSPROP = new Rule("rmsprop", List.of("cache"), "learning_rate", "decay_rate", "epsilon") {
        @Override
        public void update(Tensor w, Tensor dw, OptimConfig config) {
            check(w, dw);
            double lr = config.setDefault("learning_rate", 1e-2);
            double decay = config.setDefault("decay_rate", 0.99);
            double eps = config.setDefault("epsilon", 1e-8);
            Tensor cache = config.stateLike("cache", w);
            int n = w.size();
            if (w.isFloat32()) {
                Updates.rmsprop(n, w.floats(), 0, dw.floats(), 0, cache.floats(), 0, lr, decay, eps);
            } else {
                Updates.rmsprop(n, w.doubles(), 0, dw.doubles(), 0, cache.doubles(), 0, lr, decay, eps);
            }
        }
    };

    /** Adam with bias correction; t is incremented before use. */
    public static final UpdateRule ADAM = new Rule("adam", List.of("m", "v"), "learning_rate", "beta1", "beta2", "epsilon") {
        @Override
        public void update(Tensor w, Tensor dw, OptimConfig config) {
            check(w, dw);
            double lr = config.setDefault("learning_rate", 1e-3);
            double beta1 = config.setDefault("beta1", 0.9);
            double beta2 = config.setDefault("beta2", 0.999);
            double eps = config.setDefault("epsilon", 1e-8);
            Tensor m = config.stateLike("m", w);
            Tensor v = config.stateLike("v", w);
            long t = config.t() + 1;
            config.t(t);
            int n = w.size();
            if (w.isFloat32()) {
                Updates.adam(n, w.floats(), 0, dw.floats(), 0, m.floats(), 0, v.floats(), 0,
                        lr, beta1, beta2, eps, t);
            } else {
                Updates.adam(n, w.doubles(), 0, dw.doubles(), 0, m.doubles(), 0, v.doubles(), 0,
                        lr, beta1, beta2, eps, t);
            }
        }
    };

    /** All rules, in the assignment's order. */
    public static final List<UpdateRule> ALL = List.of(SGD, SGD_MOMENTUM, RMSPROP, ADAM);

    /** The rule named sgd, sgd_momentum, rmsprop or adam. */
    public static UpdateRule byName(String name) {
        for (UpdateRule r : ALL) {
            if (r.name().equals(name)) return r;
        }
        throw new IllegalArgumentException("unknown update rule '" + name + "'; expected one of sgd, sgd_momentum, rmsprop, adam");
    }

    private abstract static class Rule implements UpdateRule {
        private final String name;
        private final Set<String> keys;
        private final Set<String> stateKeys;

        Rule(String name, List<String> stateKeys, String... keys) {
            this.name = name;
            this.stateKeys = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(stateKeys));
            this.keys = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<String> hyperparameterKeys() {
            return keys;
        }

        @Override
        public Set<String> stateKeys() {
            return stateKeys;
        }

        static void check(Tensor w, Tensor dw) {
            w.requireSameShape(("dw"), dw);
            w.requireSameDType("dw", dw);
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
