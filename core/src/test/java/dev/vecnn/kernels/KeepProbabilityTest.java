package dev.vecnn.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vecnn.infer.DropoutMode;
import dev.vecnn.infer.InferenceModel;
import dev.vecnn.layers.DropoutParam;
import org.junit.jupiter.api.Test;

/** The keep probability's one rule, and the places that take a keep probability using it. */
class KeepProbabilityTest {
    private static final String RULE = " must be in (0, 1] (the dropout KEEP probability; 1 keeps every unit), got ";

    @Test
    void acceptsExactlyTheHalfOpenUnitInterval() {
        for (double p : new double[] {Double.MIN_VALUE, 1e-9, 0.25, 0.5, Math.nextDown(1.0), 1.0}) {
            assertThat(KeepProbability.isValid(p)).as("%s", p).isTrue();
            assertThat(KeepProbability.check("p", p)).isEqualTo(p);
            assertThat(KeepProbability.problem("p", p)).isNull();
        }
        for (double p : new double[] {0.0, -0.0, -0.5, Math.nextUp(1.0), 1.5, 2, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThat(KeepProbability.isValid(p)).as("%s", p).isFalse();
            assertThatThrownBy(() -> KeepProbability.check("p", p)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theMessageNamesTheArgumentTheRangeAndTheValue() {
        assertThat(KeepProbability.problem("keepProb", 0)).isEqualTo("keepProb" + RULE + "0");
        assertThat(KeepProbability.problem("--keep-p", 1.5)).isEqualTo("--keep-p" + RULE + "1.5");
        assertThat(KeepProbability.problem("p", 2)).isEqualTo("p" + RULE + "2");
        assertThat(KeepProbability.problem("p", Double.NaN)).isEqualTo("p" + RULE + "NaN");
    }

    @Test
    void everyLibraryEntryPointGivesTheSameMessage() {
        assertThatThrownBy(() -> DropoutMasks.threshold(0)).hasMessage("keepProb" + RULE + "0");
        assertThatThrownBy(() -> DropoutParam.checkKeepProbability(1.5)).hasMessage("p" + RULE + "1.5");
        assertThatThrownBy(() -> InferenceModel.builder().dropout(DropoutMode.VANILLA, -1))
                .hasMessage("keepProb" + RULE + "-1");
    }
}
