package dev.vecnn.infer;

import dev.vecnn.tensor.DType;
import dev.vecnn.layers.Normalization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vecnn.kernels.Parallel;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Scores and predictions against the independent double-precision reference in {@link TestNets}
 * (a naive loop written from the assignment's numpy code), and the determinism promises.
 */
class InferenceModelTest {
    private static final int[] DIMS = {37, 29, 17, 10};

    private static void assertClose(float[] actual, double[] expected, double tol) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            assertThat(err).as("element %d: %s vs reference %s", i, actual[i], expected[i])
                    .isLessThanOrEqualTo(tol * (1 + Math.abs(expected[i])));
        }
    }

    private static int[] argmaxRows(double[] scores, int classes) {
        int[] labels = new int[scores.length / classes];
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (scores[i * classes + j] > scores[i * classes + best]) {
                    best = j;
                }
            }
            labels[i] = best;
        }
        return labels;
    }

    @ParameterizedTest
    @EnumSource(Normalization.class)
    void float32ScoresMatchReference(Normalization norm) {
        Map<String, double[]> p = TestNets.randomParams(11, DIMS, norm);
        InferenceModel model = TestNets.builder(p, DIMS, true).build();
        assertThat(model.precision()).isEqualTo(DType.FLOAT32);
        assertThat(model.normalization()).isEqualTo(norm);
        assertThat(model.layerDims()).containsExactly(DIMS);
        int batch = 7;
        float[] x = TestNets.gaussianFloats(12, batch * DIMS[0]);
        // reference from the float32-rounded weights, so only the arithmetic differs
        Map<String, double[]> rounded = new java.util.HashMap<>();
        p.forEach((k, v) -> rounded.put(k, TestNets.toDoubles(TestNets.toFloats(v))));
        double[] ref = TestNets.referenceScores(rounded, DIMS, norm, 1.0, TestNets.toDoubles(x), batch);
        assertClose(model.scores(x, batch), ref, 1e-5);
    }

    @ParameterizedTest
    @EnumSource(Normalization.class)
    void float64ScoresMatchReference(Normalization norm) {
        Map<String, double[]> p = TestNets.randomParams(21, DIMS, norm);
        InferenceModel model = TestNets.builder(p, DIMS, false).build();
        assertThat(model.precision()).isEqualTo(DType.FLOAT64);
        int batch = 5;
        double[] x = TestNets.toDoubles(TestNets.gaussianFloats(22, batch * DIMS[0]));
        double[] ref = TestNets.referenceScores(p, DIMS, norm, 1.0, x, batch);
        double[] got = model.scores(x, batch);
        for (int i = 0; i < ref.length; i++) {
            assertThat(Math.abs(got[i] - ref[i])).as("element %d", i)
                    .isLessThanOrEqualTo(1e-12 * (1 + Math.abs(ref[i])));
        }
        assertThat(model.predict(Arrays.copyOfRange(x, 0, DIMS[0])))
                .isEqualTo(argmaxRows(ref, DIMS[3])[0]);
    }

    @Test
    void vanillaDropoutScalesHiddenActivationsByKeepProb() {
        Map<String, double[]> p = TestNets.randomParams(31, DIMS, Normalization.NONE);
        InferenceModel inverted = TestNets.builder(p, DIMS, false).build();
        InferenceModel vanilla = TestNets.builder(p, DIMS, false)
                .dropout(DropoutMode.VANILLA, 0.25).build();
        double[] x = TestNets.toDoubles(TestNets.gaussianFloats(32, 3 * DIMS[0]));
        double[] refVanilla = TestNets.referenceScores(p, DIMS, Normalization.NONE, 0.25, x, 3);
        double[] refInverted = TestNets.referenceScores(p, DIMS, Normalization.NONE, 1.0, x, 3);
        double[] gotVanilla = vanilla.scores(x, 3);
        double[] gotInverted = inverted.scores(x, 3);
        for (int i = 0; i < refVanilla.length; i++) {
            assertThat(gotVanilla[i]).isCloseTo(refVanilla[i], org.assertj.core.api.Assertions.within(1e-12));
            assertThat(gotInverted[i]).isCloseTo(refInverted[i], org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(gotVanilla).isNotEqualTo(gotInverted);
        assertThat(vanilla.dropoutMode()).isEqualTo(DropoutMode.VANILLA);
        assertThat(vanilla.keepProb()).isEqualTo(0.25);
    }

    @ParameterizedTest
    @EnumSource(Normalization.class)
    void batchRowsAreBitIdenticalToSingleExamples(Normalization norm) {
        // 300 rows span three chunks (128, 128, 44)
        Map<String, double[]> p = TestNets.randomParams(41, DIMS, norm);
        InferenceModel model = TestNets.builder(p, DIMS, true).build();
        int batch = 300;
        float[] x = TestNets.gaussianFloats(42, batch * DIMS[0]);
        float[] all = model.scores(x, batch);
        int[] labels = new int[batch];
        model.predict(x, batch, labels);
        float[] one = new float[DIMS[3]];
        for (int i = 0; i < batch; i++) {
            model.scores(x, i * DIMS[0], 1, one, 0);
            assertThat(Arrays.copyOfRange(all, i * DIMS[3], (i + 1) * DIMS[3]))
                    .as("row %d", i).containsExactly(one);
            assertThat(model.predict(x, i * DIMS[0])).as("row %d", i).isEqualTo(labels[i]);
            assertThat(labels[i]).isEqualTo(InferenceModel.argmax(one, 0, one.length));
        }
    }

    /**
     * Layers wider than the skinny kernel's column panels (64 to 256 columns; the model packs
     * each W into them): rows alone and in groups of up to 8 (the panels) have the bits of the
     * same rows in a batch of 100 (the blocked GEMM over W in place), in both precisions.
     */
    @ParameterizedTest
    @EnumSource(DType.class)
    void rowsOfWideLayersHaveTheSameBitsInEveryBatchSize(DType precision) {
        int[] dims = {70, 600, 301, 10};
        Map<String, double[]> p = TestNets.randomParams(45, dims, Normalization.NONE);
        InferenceModel model = TestNets.builder(p, dims, false).precision(precision).build();
        int batch = 100;
        double[] x = TestNets.toDoubles(TestNets.gaussianFloats(46, batch * dims[0]));
        double[] all = model.scores(x, batch);
        double[] ref = TestNets.referenceScores(p, dims, Normalization.NONE, 1.0, x, batch);
        for (int i = 0; i < all.length; i++) {
            assertThat(Math.abs(all[i] - ref[i])).as("score %d", i).isLessThanOrEqualTo(1e-3 * (1 + Math.abs(ref[i])));
        }
        for (int rows = 1; rows <= 8; rows++) {
            for (int first = 0; first + rows <= 24; first += rows) {
                double[] part = new double[rows * 10];
                model.scores(x, first * dims[0], rows, part, 0);
                assertThat(part).as("rows %d..%d", first, first + rows - 1)
                        .containsExactly(Arrays.copyOfRange(all, first * 10, (first + rows) * 10));
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheLibraryThreadCount() {
        int[] dims = {300, 200, 10};
        Map<String, double[]> p = TestNets.randomParams(51, dims, Normalization.NONE);
        InferenceModel model = TestNets.builder(p, dims, true).build();
        float[] x = TestNets.gaussianFloats(52, 256 * dims[0]);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[] single = model.scores(x, 256);
            for (int t : new int[] {2, 3, 8}) {
                Parallel.setThreads(t);
                assertThat(model.scores(x, 256)).as("%d library threads", t).containsExactly(single);
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void floatInputsOnAFloat64ModelAndBack() {
        Map<String, double[]> p = TestNets.randomParams(61, DIMS, Normalization.LAYERNORM);
        InferenceModel f64 = TestNets.builder(p, DIMS, false).build();
        InferenceModel f32 = TestNets.builder(p, DIMS, false).precision(DType.FLOAT32).build();
        assertThat(f32.precision()).isEqualTo(DType.FLOAT32);
        float[] x = TestNets.gaussianFloats(62, 4 * DIMS[0]);
        double[] xd = TestNets.toDoubles(x);
        double[] d = f64.scores(xd, 4);
        float[] viaFloat = f64.scores(x, 4);
        for (int i = 0; i < d.length; i++) {
            assertThat(viaFloat[i]).isEqualTo((float) d[i]);
        }
        float[] s32 = f32.scores(x, 4);
        double[] s32viaDouble = f32.scores(xd, 4);
        for (int i = 0; i < s32.length; i++) {
            assertThat(s32viaDouble[i]).isEqualTo((double) s32[i]);
        }
    }

    @Test
    void theModelKeepsItsOwnCopyOfTheWeights() {
        int[] dims = {4, 3};
        float[] w = {1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0};
        float[] b = {0, 0, 0};
        InferenceModel model = InferenceModel.builder().param("W1", w, 4, 3).param("b1", b, 3).build();
        float[] x = {0, 5, 1, 9};
        assertThat(model.predict(x)).isEqualTo(1);
        w[4] = -100;
        b[2] = 100;
        assertThat(model.predict(x)).isEqualTo(1);
        assertThat(model.scores(x, 1)).containsExactly(0f, 5f, 1f);
        assertThat(dims).hasSize(2);
    }

    @Test
    void argmaxFollowsNumpy() {
        assertThat(InferenceModel.argmax(new float[] {1, 3, 3, 2}, 0, 4)).isEqualTo(1);
        assertThat(InferenceModel.argmax(new float[] {1, Float.NaN, 3, Float.NaN}, 0, 4)).isEqualTo(1);
        assertThat(InferenceModel.argmax(new float[] {Float.NaN, 7}, 0, 2)).isEqualTo(0);
        assertThat(InferenceModel.argmax(new float[] {9, -0f, 0f, 5}, 1, 2)).isEqualTo(0);
        assertThat(InferenceModel.argmax(new double[] {-1, Double.NEGATIVE_INFINITY, 4, Double.NaN}, 0, 4))
                .isEqualTo(3);
    }

    @Test
    void nonFiniteInputRowsAreRefusedNamingTheRowInEveryForm() throws Exception {
        InferenceModel model = TestNets.builder(
                TestNets.randomParams(71, DIMS, Normalization.NONE), DIMS, true).build();
        int in = DIMS[0];
        float[] one = TestNets.gaussianFloats(72, in);
        one[3] = Float.NaN;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.predict(one))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x holds NaN at feature 3: inputs must be finite (a NaN or infinite input makes every "
                        + "class score meaningless)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.scores(one, 1))
                .hasMessageContaining("NaN at feature 3");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.classify(one))
                .hasMessageContaining("NaN at feature 3");
        // row 200 of 300 (the second chunk of 128 rows): named from the first row of the call
        float[] batch = TestNets.gaussianFloats(73, 300 * in);
        batch[200 * in + 5] = Float.NEGATIVE_INFINITY;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.predict(batch, 300, new int[300]))
                .hasMessageStartingWith("x row 200 (of 300) holds -Infinity at feature 5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.scores(batch, in, 299, new float[299 * 10], 0))
                .hasMessageStartingWith("x row 199 (of 299) holds -Infinity at feature 5");
        double[] doubles = TestNets.toDoubles(batch);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.classify(doubles, 300))
                .hasMessageStartingWith("x row 200 (of 300) holds -Infinity at feature 5");
        float[][] rows = new float[3][];
        for (int i = 0; i < 3; i++) {
            rows[i] = TestNets.gaussianFloats(80 + i, in);
        }
        rows[2][0] = Float.POSITIVE_INFINITY;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> model.predict(rows))
                .hasMessageStartingWith("x row 2 (of 3) holds Infinity at feature 0");
        try (BatchingModel b = model.batching(8, java.time.Duration.ZERO)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.predict(one))
                    .hasMessageContaining("NaN at feature 3");
        }
        // the rows before the bad one are not the problem: the same batch without it predicts
        batch[200 * in + 5] = 0f;
        int[] labels = new int[300];
        model.predict(batch, 300, labels);
        assertThat(labels[0]).isEqualTo(model.predict(batch, 0));
    }

    @Test
    void anAllNanRowInABatchIsRefusedNamingTheRow() throws Exception {
        // Issue 21 / 22: an all-NaN row was class 0, silently; now the row is refused before anything is computed
        InferenceModel model = TestNets.builder(
                TestNets.randomParams(73, DIMS, Normalization.NONE), DIMS, true).build();
        int n = DIMS[0];
        float[] batch = TestNets.gaussianFloats(74, 200 * n);
        java.util.Arrays.fill(batch, 150 * n, 151 * n, Float.NaN); // row 150: the second chunk of 128
        assertThatThrownBy(() -> model.predict(batch, 200, new int[200])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("x row 150 (of 200) holds NaN at feature 0");
        float[][] rows = new float[3][];
        for (int i = 0; i < 3; i++) rows[i] = java.util.Arrays.copyOfRange(batch, (149 + i) * n, (150 + i) * n);
        assertThatThrownBy(() -> model.predict(rows)).hasMessageStartingWith("x row 1 (of 3) holds NaN");
        try (BatchingModel b = model.batching(8, java.time.Duration.ZERO)) {
            assertThatThrownBy(() -> b.predict(rows[1])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("x holds NaN at feature 0");
            assertThat(b.predict(rows[0])).isEqualTo(model.predict(rows[0]));
        }
    }

    @Test
    void emptyBatchIsANoOp() {
        InferenceModel model = TestNets.builder(
                TestNets.randomParams(81, DIMS, Normalization.NONE), DIMS, true).build();
        assertThat(model.scores(new float[0], 0)).isEmpty();
        int[] out = {42};
        model.predict(new float[0], 0, out);
        assertThat(out).containsExactly(42);
    }
}
