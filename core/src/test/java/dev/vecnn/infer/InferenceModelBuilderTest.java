package dev.vecnn.infer;

import dev.vecnn.layers.Normalization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad parameters and bad calls fail with a message naming the argument, expected and actual. */
class InferenceModelBuilderTest {
    private static final int[] DIMS = {6, 5, 4, 3};

    private static InferenceModelBuilder good(Normalization norm) {
        return TestNets.builder(TestNets.randomParams(1, DIMS, norm), DIMS, true);
    }

    private static InferenceModelBuilder without(Normalization norm, String... names) {
        Map<String, double[]> p = TestNets.randomParams(1, DIMS, norm);
        for (String n : names) {
            p.remove(n);
        }
        return TestNets.builder(p, DIMS, true);
    }

    @Test
    void missingW1() {
        assertThatThrownBy(() -> InferenceModel.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing parameter W1").hasMessageContaining("no parameters");
    }

    @Test
    void gapInTheLayers() {
        assertThatThrownBy(() -> without(Normalization.NONE, "W2").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing parameter W2").hasMessageContaining("found");
    }

    @Test
    void missingBias() {
        assertThatThrownBy(() -> without(Normalization.NONE, "b3").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing parameter b3").hasMessageContaining("(3,)");
    }

    @Test
    void biasLengthMismatch() {
        assertThatThrownBy(() -> good(Normalization.NONE).param("b1", new float[4], 4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("b1 must have shape (5,) to match W1 (6, 5), got (4,)");
    }

    @Test
    void weightsThatDoNotChain() {
        assertThatThrownBy(() -> good(Normalization.NONE).param("W2", new float[6 * 4], 6, 4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("W2 must have 5 rows (the columns of W1), got shape (6, 4)");
    }

    @Test
    void weightsMustBeTwoDimensional() {
        assertThatThrownBy(() -> good(Normalization.NONE).param("W1", new float[30], 30).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("W1 must be 2-D (in, out), got shape (30,)");
    }

    @Test
    void valuesMustFitTheShape() {
        assertThatThrownBy(() -> InferenceModel.builder().param("W1", new float[29], 6, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("W1: shape (6, 5) needs 30 values, got 29");
        assertThatThrownBy(() -> InferenceModel.builder().param("W1", (float[]) null, 6, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be null");
    }

    @Test
    void unknownName() {
        assertThatThrownBy(() -> InferenceModel.builder().param("w1", new float[1], 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parameter name 'w1'");
        assertThatThrownBy(() -> InferenceModel.builder().param("W0", new float[1], 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown parameter name 'W0'");
    }

    @Test
    void nanOrInfiniteWeights() {
        float[] w = new float[30];
        w[17] = Float.NaN;
        assertThatThrownBy(() -> good(Normalization.NONE).param("W1", w, 6, 5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("W1 must hold finite float32 values, got NaN at flat index 17");
        double[] big = new double[5];
        big[2] = 1e300; // finite in float64, infinite once rounded to float32
        assertThatThrownBy(() -> good(Normalization.NONE).param("b1", big, 5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b1 must hold finite float32 values, got 1.0E300 at flat index 2");
    }

    @Test
    void normalizationIsInferredFromTheNames() {
        assertThat(good(Normalization.BATCHNORM).build().normalization()).isEqualTo(Normalization.BATCHNORM);
        assertThat(good(Normalization.LAYERNORM).build().normalization()).isEqualTo(Normalization.LAYERNORM);
        assertThat(good(Normalization.NONE).build().normalization()).isEqualTo(Normalization.NONE);
    }

    @Test
    void normalizationHintMustAgreeWithTheNames() {
        assertThatThrownBy(() -> good(Normalization.NONE).normalization(Normalization.BATCHNORM).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing parameter gamma1");
        assertThatThrownBy(() -> good(Normalization.LAYERNORM).normalization(Normalization.BATCHNORM).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing parameter running_mean1");
        assertThatThrownBy(() -> good(Normalization.BATCHNORM).normalization(Normalization.LAYERNORM).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("running statistics");
        assertThatThrownBy(() -> good(Normalization.LAYERNORM).normalization(Normalization.NONE).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("normalization NONE expects no normalization parameters, got gamma1");
    }

    @Test
    void missingOrMisshapenNormalizationParameters() {
        assertThatThrownBy(() -> without(Normalization.BATCHNORM, "running_var2").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing parameter running_var2 (expected shape (4,)");
        assertThatThrownBy(() -> good(Normalization.LAYERNORM).param("gamma2", new float[3], 3).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gamma2 must have shape (4,) to match W2 (5, 4), got (3,)");
        assertThatThrownBy(() -> good(Normalization.LAYERNORM).param("gamma3", new float[3], 3).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unexpected parameter gamma3");
        float[] var = {1, 1, -0.5f, 1, 1};
        assertThatThrownBy(() -> good(Normalization.BATCHNORM).param("running_var1", var, 5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("running_var1[2] must be >= 0, got -0.5");
    }

    @Test
    void dropoutAndEpsArguments() {
        assertThatThrownBy(() -> InferenceModel.builder().dropout(DropoutMode.VANILLA, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keepProb must be in (0, 1] (the dropout KEEP probability; 1 keeps every unit), got 0");
        assertThatThrownBy(() -> InferenceModel.builder().dropout(DropoutMode.INVERTED, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 1.5");
        assertThatThrownBy(() -> InferenceModel.builder().eps(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps must be > 0");
    }

    @Test
    void wrongFeatureCount() {
        InferenceModel model = good(Normalization.NONE).build();
        assertThatThrownBy(() -> model.predict(new float[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x must hold batch × inputDim = 1 × 6 = 6 values, got 5 "
                        + "(features per example must be 6)");
        assertThatThrownBy(() -> model.scores(new float[18], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x must hold batch × inputDim = 2 × 6 = 12 values, got 18 (3 examples)");
        assertThatThrownBy(() -> model.predict(new double[7]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 7");
        assertThatThrownBy(() -> model.predict((float[]) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("x must not be null");
    }

    @Test
    void outOfRangeCalls() {
        InferenceModel model = good(Normalization.NONE).build();
        assertThatThrownBy(() -> model.predict(new float[12], 2, new int[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("out too short: need 2 values (offset 0 + batch 2 × 1), got 1");
        assertThatThrownBy(() -> model.scores(new float[12], 7, 1, new float[3], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("x too short: need 13 values (offset 7 + batch 1 × 6), got 12");
        assertThatThrownBy(() -> model.scores(new float[12], 0, 2, new float[5], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("out too short: need 6 values (offset 0 + batch 2 × 3), got 5");
        assertThatThrownBy(() -> model.scores(new float[12], -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("batch must be >= 0, got -1");
        assertThatThrownBy(() -> model.predict(new float[12], -6))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("x offset must be >= 0, got -6");
    }
}
