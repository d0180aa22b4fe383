package dev.vecnn.bench;

import dev.vecnn.infer.InferenceModel;
import java.util.Random;

/** The seed net's shape (3072 → 500 → 10, float32) with seeded random weights, for the benchmarks. */
final class InferenceNets {
    static final int INPUT = 3072;
    static final int HIDDEN = 500;
    static final int CLASSES = 10;

    private InferenceNets() {}

    static InferenceModel seedShape(long seed) {
        Random r = new Random(seed);
        return InferenceModel.builder()
                .param("W1", gaussian(r, INPUT * HIDDEN, 1e-2f), INPUT, HIDDEN)
                .param("b1", gaussian(r, HIDDEN, 1e-2f), HIDDEN)
                .param("W2", gaussian(r, HIDDEN * CLASSES, 1e-2f), HIDDEN, CLASSES)
                .param("b2", gaussian(r, CLASSES, 1e-2f), CLASSES)
                .build();
    }

    static float[] gaussian(Random r, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian() * scale;
        }
        return v;
    }
}
