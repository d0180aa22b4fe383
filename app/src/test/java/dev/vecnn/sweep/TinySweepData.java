package dev.vecnn.sweep;

import dev.vecnn.solver.SolverData;
import dev.vecnn.tensor.Tensor;
import dev.vecnn.train.CifarSubset;
import dev.vecnn.train.TrainSpec;

import java.util.Random;

/** Small synthetic data for sweep tests: rows of {@code features} floats leaning towards their label. */
final class TinySweepData {
    private TinySweepData() {}

    static SweepData make(int train, int val, int features, long seed) {
        Random rng = new Random(seed);
        return new SweepData(new SolverData(images(train, features, rng), labels(train), images(val, features, rng), labels(val)),
                new double[features]);
    }

    /** A sweep of {@code space} that matches {@link #make}'s sizes (the data path is never read: the data is passed in). */
    static SweepDefinition sweep(SearchSpace space, int train, int epochs, long seed) {
        return new SweepDefinition(space, base(epochs, "adam"), "unused", new CifarSubset(49000, train, 1000), seed);
    }

    /** The Solver's options of a test sweep: minibatches of 10, lr decay 0.95. */
    static TrainSpec base(int epochs, String updateRule) {
        return TrainSpec.NOTEBOOK.toBuilder().epochs(epochs).batchSize(10).updateRule(updateRule).lrDecay(0.95).build();
    }

    private static int[] labels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
        }
        return y;
    }

    private static Tensor images(int n, int features, Random rng) {
        float[] x = new float[n * features];
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < features; f++) {
                x[r * features + f] = (float) (rng.nextGaussian() + (f % 10 == r % 10 ? 2 : 0));
            }
        }
        return Tensor.of(x, n, features);
    }
}
