package dev.vecnn.sweep;

import dev.vecnn.solver.SolverData;
import dev.vecnn.tensor.Tensor;

import java.util.Random;

/** Small synthetic data for sweep tests: rows of {@code features} floats leaning towards their label. */
final class TinySweepData {
    private TinySweepData() {}

    static SweepData make(int train, int val, int features, long seed) {
        Random rng = new Random(seed);
        return new SweepData(new SolverData(images(train, features, rng), labels(train), images(val, features, rng), labels(val)),
                new double[features]);
    }

    /** Settings that match {@link #make}'s sizes (the data path is never read: the data is passed in). */
    static SweepSettings settings(int train, int epochs) {
        return new SweepSettings("unused", 49000, train, 1000, epochs, 10, "adam", 0.95);
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
