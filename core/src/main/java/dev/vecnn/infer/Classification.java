package dev.vecnn.infer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a model says about one example: the probability of every class (softmax of its scores,
 * computed stably in float64, see {@link Softmax}), the best class and the top k, with names.
 * The best class is the one {@link InferenceModel#predict(float[])} returns (the largest score,
 * the lowest label on ties); {@link #top(int)} lists classes by falling score, lower labels first
 * on ties. Immutable.
 *
 * <pre>{@code
 * Classification c = model.classify(row);
 * c.name();          // "cat"
 * c.probability();   // 0.83
 * c.top(3);          // [cat 0.83, dog 0.09, frog 0.03]
 * }</pre>
 */
public final class Classification {
    private final List<String> names;
    private final double[] probabilities;
    /** Labels by falling score (ties: lower label first). */
    private final int[] order;

    Classification(List<String> names, double[] probabilities, int[] order) {
        this.names = names;
        this.probabilities = probabilities;
        this.order = order;
    }

    /** The best class's label: the index of the largest score. */
    public int label() {
        return order[0];
    }

    /** The best class's name. */
    public String name() {
        return names.get(order[0]);
    }

    /** The best class's probability. */
    public double probability() {
        return probabilities[order[0]];
    }

    /** The best class: label, name and probability. */
    public ClassProbability best() {
        return item(0);
    }

    /**
     * The {@code k} most probable classes, best first (all of them when k exceeds the number of
     * classes).
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public List<ClassProbability> top(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        int n = Math.min(k, order.length);
        List<ClassProbability> top = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            top.add(item(i));
        }
        return Collections.unmodifiableList(top);
    }

    /** The probability of class {@code label}. */
    public double probability(int label) {
        if (label < 0 || label >= probabilities.length) {
            throw new IllegalArgumentException("label must be in [0, " + probabilities.length + "), got " + label);
        }
        return probabilities[label];
    }

    /** A copy of every class's probability, by label (they sum to 1 within rounding). */
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** The class names, label i is name i. */
    public List<String> classNames() {
        return names;
    }

    private ClassProbability item(int rank) {
        int label = order[rank];
        return new ClassProbability(label, names.get(label), probabilities[label]);
    }

    @Override
    public String toString() {
        return top(Math.min(3, order.length)).toString();
    }
}
