package dev.vecnn.infer;

import dev.vecnn.layers.Normalization;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The load test, small: 8 threads × 500 predictions each on one shared model, every score
 * compared bit for bit with the same predictions made on one thread. (The full 8 × 10 000 on the
 * seed net's shape is {@code bench/.../InferenceLoad}.)
 */
class ConcurrentInferenceTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 500;
    private static final int[] DIMS = {256, 64, 10};
    private static final int EXAMPLES = 97; // threads walk the same pool from different starts

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 5, 130})
    void eightThreadsGiveTheSingleThreadedBits(int batch) throws Exception {
        InferenceModel model = TestNets.builder(
                TestNets.randomParams(7, DIMS, Normalization.BATCHNORM), DIMS, true).build();
        int in = DIMS[0];
        int classes = DIMS[2];
        float[] pool = TestNets.gaussianFloats(8, (EXAMPLES + batch) * in);

        // the reference: every example's scores computed on this thread, one at a time
        float[] expected = new float[(EXAMPLES + batch) * classes];
        for (int e = 0; e < EXAMPLES + batch; e++) {
            model.scores(pool, e * in, 1, expected, e * classes);
        }

        int calls = PER_THREAD / batch + (PER_THREAD % batch == 0 ? 0 : 1);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService exec = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(exec.submit(() -> {
                    float[] scores = new float[batch * classes];
                    int[] labels = new int[batch];
                    start.await();
                    for (int c = 0; c < calls; c++) {
                        int first = (thread * 13 + c * 7) % EXAMPLES;
                        model.scores(pool, first * in, batch, scores, 0);
                        model.predict(pool, first * in, batch, labels, 0);
                        for (int r = 0; r < batch; r++) {
                            for (int j = 0; j < classes; j++) {
                                float want = expected[(first + r) * classes + j];
                                float got = scores[r * classes + j];
                                if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(got)) {
                                    return "thread " + thread + " call " + c + " example " + (first + r)
                                            + " class " + j + ": " + got + " != " + want;
                                }
                            }
                            int wantLabel = InferenceModel.argmax(expected, (first + r) * classes, classes);
                            if (labels[r] != wantLabel) {
                                return "thread " + thread + " example " + (first + r) + " label "
                                        + labels[r] + " != " + wantLabel;
                            }
                        }
                    }
                    return "ok";
                }));
            }
            for (Future<String> f : results) {
                assertThat(f.get()).isEqualTo("ok");
            }
        } finally {
            exec.shutdownNow();
        }
    }
}
