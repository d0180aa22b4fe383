package dev.vecnn.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vecnn.layers.Normalization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * classify: probabilities against an independent formula ({@code p_j = 1 / sum_k exp(s_k - s_j)},
 * no max subtracted, in float64 from the model's own scores), the best class equal to predict's
 * label on every row, top k ordered with ties to the lower label, names, and scores far beyond
 * exp's range.
 */
class ClassificationTest {
    private static final int[] DIMS = {37, 29, 10};

    private static InferenceModel model() {
        Map<String, double[]> p = TestNets.randomParams(31, DIMS, Normalization.NONE);
        return TestNets.builder(p, DIMS, true).build();
    }

    @Test
    void probabilitiesMatchAnIndependentFormulaAndTheBestClassIsPredictsLabel() {
        InferenceModel model = model();
        int batch = 50;
        float[] x = TestNets.gaussianFloats(32, batch * DIMS[0]);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 4; // spread the scores so probabilities range from near 0 to near 1
        }
        float[] scores = model.scores(x, batch);
        int[] labels = new int[batch];
        model.predict(x, batch, labels);
        List<Classification> all = model.classify(x, batch);
        assertThat(all).hasSize(batch);
        for (int i = 0; i < batch; i++) {
            Classification c = all.get(i);
            double sum = 0;
            for (int j = 0; j < 10; j++) {
                double denominator = 0;
                for (int k = 0; k < 10; k++) {
                    denominator += Math.exp((double) scores[i * 10 + k] - scores[i * 10 + j]);
                }
                assertThat(c.probability(j)).as("row %d class %d", i, j).isCloseTo(1 / denominator,
                        org.assertj.core.data.Offset.offset(1e-14));
                sum += c.probability(j);
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(c.label()).isEqualTo(labels[i]);
            assertThat(c.name()).isEqualTo(Integer.toString(labels[i]));
            assertThat(c.probability()).isEqualTo(c.probability(labels[i]));
            List<ClassProbability> top = c.top(3);
            assertThat(top).hasSize(3);
            assertThat(top.get(0).label()).isEqualTo(labels[i]);
            assertThat(top.get(0).probability()).isGreaterThanOrEqualTo(top.get(1).probability());
            assertThat(top.get(1).probability()).isGreaterThanOrEqualTo(top.get(2).probability());
            // one example alone gives the same classification as in the batch
            float[] row = java.util.Arrays.copyOfRange(x, i * DIMS[0], (i + 1) * DIMS[0]);
            assertThat(model.classify(row).probabilities()).containsExactly(c.probabilities());
        }
        assertThat(all.get(0).top(99)).hasSize(10);
        assertThatThrownBy(() -> all.get(0).top(0)).hasMessage("k must be >= 1, got 0");
    }

    @Test
    void scoresFarBeyondExpsRangeGiveFiniteProbabilitiesAndTiesGoToTheLowerLabel() {
        InferenceModel model = model();
        float[] scores = new float[20];
        java.util.Arrays.fill(scores, -5000f);
        scores[3] = 1000f;
        scores[7] = 999f; // exp(1000) overflows a double: only max subtraction gives these
        scores[12] = 42f; // row 2: classes 2 and 5 tie at 42
        scores[15] = 42f;
        List<Classification> c = model.classifyScores(scores, 2);
        double e = Math.exp(-1);
        assertThat(c.get(0).probability(3)).isCloseTo(1 / (1 + e), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(c.get(0).probability(7)).isCloseTo(e / (1 + e), org.assertj.core.data.Offset.offset(1e-15));
        assertThat(c.get(0).probability(0)).isZero();
        assertThat(c.get(1).label()).isEqualTo(2);
        assertThat(c.get(1).top(2)).extracting(ClassProbability::label).containsExactly(2, 5);
        assertThat(c.get(1).probability()).isEqualTo(0.5);
        assertThat(model.predict(scores.length == 20 ? TestNets.gaussianFloats(1, 37) : null)).isBetween(0, 9);
        float[] inf = scores.clone();
        inf[11] = Float.POSITIVE_INFINITY;
        assertThatThrownBy(() -> model.classifyScores(inf, 2))
                .hasMessageStartingWith("row 1 gives a non-finite class score (Infinity for class 1)");
        assertThatThrownBy(() -> model.classifyScores(scores, 3))
                .hasMessage("scores must hold batch × numClasses = 3 × 10 values, got 20");
    }

    @Test
    void namesComeFromTheModelOrAreTheLabels() {
        InferenceModel plain = model();
        assertThat(plain.hasClassNames()).isFalse();
        assertThat(plain.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        List<String> cifar = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship",
                "truck");
        InferenceModel named = plain.withClassNames(cifar);
        assertThat(named.hasClassNames()).isTrue();
        assertThat(named.classNames()).isEqualTo(cifar);
        assertThat(plain.hasClassNames()).isFalse();
        float[] x = TestNets.gaussianFloats(5, 37);
        Classification c = named.classify(x);
        assertThat(c.name()).isEqualTo(cifar.get(plain.predict(x)));
        assertThat(c.top(3)).extracting(ClassProbability::name)
                .containsExactly(cifar.get(c.top(3).get(0).label()), cifar.get(c.top(3).get(1).label()),
                        cifar.get(c.top(3).get(2).label()));
        assertThat(named.withMeanImage(new double[37]).classNames()).isEqualTo(cifar);
        assertThat(named.withClassNames(null).hasClassNames()).isFalse();
    }

    @Test
    void badNamesAreRefusedNamingTheRule() {
        InferenceModel model = model();
        assertThatThrownBy(() -> model.withClassNames(List.of("a", "b")))
                .hasMessage("classNames must hold one name per class, numClasses = 10, got 2 names");
        assertThatThrownBy(() -> model.withClassNames(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "a")))
                .hasMessage("classNames must be distinct, got \"a\" at index 0 and at index 9");
        assertThatThrownBy(() -> model.withClassNames(List.of("a", "b", "c", " ", "e", "f", "g", "h", "i", "j")))
                .hasMessage("classNames must be non-empty names, got \" \" at index 3");
        assertThatThrownBy(() -> model.withClassNames(List.of("a", "b", "c", "d", "e\nf", "f", "g", "h", "i", "j")))
                .hasMessageStartingWith("classNames must be names on one line, got a control character (U+000A)");
    }
}
