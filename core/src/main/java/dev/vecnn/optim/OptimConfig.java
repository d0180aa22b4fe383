package dev.vecnn.optim;

import dev.vecnn.tensor.Tensor;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One parameter's {@code config} dict from the assignment's optim.py: hyperparameters
 * ({@code learning_rate}, {@code momentum}, {@code decay_rate}, {@code beta1}, {@code beta2},
 * {@code epsilon}), the rule's state arrays ({@code velocity}, {@code cache}, {@code m},
 * {@code v}) and Adam's step count {@code t}. Update rules fill missing entries with their
 * defaults ({@code config.setdefault}); everything is readable and settable for checkpoints.
 */
public final class OptimConfig {
    private final LinkedHashMap<String, Double> hyper = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> state = new LinkedHashMap<>();
    private long t;

    /** An empty config (every rule default applies). */
    public OptimConfig() {}

    /** A config holding a copy of the given hyperparameters. */
    public static OptimConfig of(Map<String, Double> hyperparameters) {
        OptimConfig c = new OptimConfig();
        for (Map.Entry<String, Double> e : hyperparameters.entrySet()) c.set(e.getKey(), e.getValue());
        return c;
    }

    /** A hyperparameter; throws if absent. */
    public double get(String key) {
        Double v = hyper.get(key);
        if (v == null) throw new IllegalArgumentException("optim config has no '" + key + "'; it has " + hyper.keySet());
        return v;
    }

    public boolean has(String key) {
        return hyper.containsKey(key);
    }

    /** Sets a hyperparameter (must be finite). */
    public OptimConfig set(String key, double value) {
        if (key == null) throw new IllegalArgumentException("optim config key must not be null");
        if (!Double.isFinite(value)) throw new IllegalArgumentException("optim config '" + key + "' must be finite, got " + value);
        hyper.put(key, value);
        return this;
    }

    /** {@code config.setdefault(key, value)}: returns the value in effect. */
    public double setDefault(String key, double value) {
        Double v = hyper.get(key); // no capturing lambda: this runs for every parameter every step
        if (v == null) {
            hyper.put(key, value);
            return value;
        }
        return v;
    }

    /** The hyperparameters (read-only view). */
    public Map<String, Double> hyperparameters() {
        return Collections.unmodifiableMap(hyper);
    }

    /** A state array ({@code velocity}, {@code cache}, {@code m}, {@code v}), or null. */
    public Tensor state(String key) {
        return state.get(key);
    }

    /** Sets a state array (e.g. from a checkpoint). */
    public OptimConfig putState(String key, Tensor value) {
        if (value == null) throw new IllegalArgumentException("optim state '" + key + "' must not be null");
        state.put(key, value);
        return this;
    }

    /** The state arrays (read-only view). */
    public Map<String, Tensor> states() {
        return Collections.unmodifiableMap(state);
    }

    /** Returns the state array, creating zeros like w on first use ({@code config.get('m', np.zeros_like(w))}). */
    Tensor stateLike(String key, Tensor w) {
        Tensor s = state.get(key);
        if (s == null) {
            s = w.zerosLike();
            state.put(key, s);
        } else if (!w.sameShape(s) || w.dtype() != s.dtype()) {
            w.requireSameShape("optim state '" + key + "'", s);
            w.requireSameDType("optim state '" + key + "'", s);
        }
        return s;
    }

    /** Adam's step count (number of updates done). */
    public long t() {
        return t;
    }

    public OptimConfig t(long t) {
        if (t < 0) throw new IllegalArgumentException("t must be >= 0, got " + t);
        this.t = t;
        return this;
    }

    /** A deep copy (state arrays copied). */
    public OptimConfig copy() {
        OptimConfig c = new OptimConfig();
        c.hyper.putAll(hyper);
        for (Map.Entry<String, Tensor> e : state.entrySet()) c.state.put(e.getKey(), e.getValue().copy());
        c.t = t;
        return c;
    }

    @Override
    public String toString() {
        return "OptimConfig" + hyper + (state.isEmpty() ? "" : " state " + state.keySet()) + (t > 0 ? " t=" + t : "");
    }
}
