package dev.vecnn.layers;

import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input to the layers ends in an IllegalArgumentException that names the problem. */
class LayersBadInputTest {
    private static Tensor z(DType t, int... shape) {
        return Tensor.zeros(t, shape);
    }

    @Test
    void affineShapeMismatchNamesBothShapes() {
        assertThatThrownBy(() -> Layers.affineForward(z(DType.FLOAT64, 2, 3, 4), z(DType.FLOAT64, 10, 5), z(DType.FLOAT64, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12 features").hasMessageContaining("[2, 3, 4]").hasMessageContaining("[10, 5]");
        assertThatThrownBy(() -> Layers.affineForward(z(DType.FLOAT64, 2, 4), z(DType.FLOAT64, 4, 5), z(DType.FLOAT64, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("b must have shape [5]");
    }

    @Test
    void dtypeMixIsRefused() {
        assertThatThrownBy(() -> Layers.affineForward(z(DType.FLOAT64, 2, 4), z(DType.FLOAT32, 4, 5), z(DType.FLOAT32, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dtype mismatch").hasMessageContaining("float64").hasMessageContaining("float32");
        Tensor x = z(DType.FLOAT32, 3, 3);
        assertThatThrownBy(() -> Layers.reluBackward(z(DType.FLOAT64, 3, 3), x))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dtype mismatch");
    }

    @Test
    void labelsOutsideRangeAreNamed() {
        Tensor scores = z(DType.FLOAT64, 2, 3);
        assertThatThrownBy(() -> Layers.softmaxLoss(scores, new int[] {0, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 3)").hasMessageContaining("y[1] = 3");
        assertThatThrownBy(() -> Layers.svmLoss(scores, new int[] {-1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("y[0] = -1");
        assertThatThrownBy(() -> Layers.softmaxLoss(scores, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 2");
    }

    @Test
    void keepProbabilityOutsideZeroOneIsRefused() {
        double[] bad = {0, -0.5, 1.5, Double.NaN};
        String[] printed = {"0", "-0.5", "1.5", "NaN"};
        for (int i = 0; i < bad.length; i++) {
            double p = bad[i];
            assertThatThrownBy(() -> DropoutParam.train(p))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1]").hasMessageEndingWith("got " + printed[i]);
        }
        assertThatThrownBy(() -> DropoutParam.train(0.5).p(2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 2");
        assertThatThrownBy(() -> DropoutParam.train(0.5).seed(-1)).hasMessageContaining("seed");
    }

    @Test
    void normShapesAreChecked() {
        assertThatThrownBy(() -> Layers.batchnormForward(z(DType.FLOAT64, 4, 3), z(DType.FLOAT64, 4), z(DType.FLOAT64, 3), BatchnormParam.train()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gamma must have shape [3]");
        assertThatThrownBy(() -> Layers.layernormForward(z(DType.FLOAT64, 4, 3, 2), z(DType.FLOAT64, 3), z(DType.FLOAT64, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(N, D)");
        assertThatThrownBy(() -> Normalization.parse("groupnorm")).hasMessageContaining("groupnorm");
    }
}
