package dev.vecnn.layers;

import dev.vecnn.check.GradientCheck;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.vecnn.check.GradientCheck.evalNumericalGradient;
import static dev.vecnn.check.GradientCheck.evalNumericalGradientArray;
import static dev.vecnn.check.GradientCheck.relError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every layer's backward pass against centred-difference numerical gradients (the independent
 * reference), in float64, with the assignment's tolerances: rel error <= 1e-7 for affine, relu,
 * dropout and the losses, <= 1e-5 for the normalizations.
 */
class LayersGradientTest {
    private final Random random = new Random(231);

    private Tensor randn(double scale, double shift, int... shape) {
        Tensor t = Tensor.zeros(DType.FLOAT64, shape);
        for (int i = 0; i < t.size(); i++) t.set(i, shift + scale * random.nextGaussian());
        return t;
    }

    @Test
    void affineBackwardMatchesNumerical() {
        Tensor x = randn(1, 0, 10, 2, 3);
        Tensor w = randn(1, 0, 6, 5);
        Tensor b = randn(1, 0, 5);
        Tensor dout = randn(1, 0, 10, 5);
        AffineGrads g = Layers.affineBackward(dout, Layers.affineForward(x, w, b).cache());
        assertThat(g.dx().shape()).containsExactly(10, 2, 3);
        assertThat(relError(g.dx(), evalNumericalGradientArray(v -> Layers.affineForward(v, w, b).out(), x, dout))).isLessThan(1e-7);
        assertThat(relError(g.dw(), evalNumericalGradientArray(v -> Layers.affineForward(x, v, b).out(), w, dout))).isLessThan(1e-7);
        assertThat(relError(g.db(), evalNumericalGradientArray(v -> Layers.affineForward(x, w, v).out(), b, dout))).isLessThan(1e-7);
    }

    @Test
    void affineForwardFlattensRows() {
        // out = x.reshape(2, 6) @ w + b computed by hand (naive reference)
        Tensor x = randn(1, 0, 2, 2, 3);
        Tensor w = randn(1, 0, 6, 4);
        Tensor b = randn(1, 0, 4);
        Tensor out = Layers.affineForward(x, w, b).out();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                double s = b.get(j);
                for (int k = 0; k < 6; k++) s += x.get(i * 6 + k) * w.get(k * 4 + j);
                assertThat(out.get(i * 4 + j)).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void reluBackwardMatchesNumerical() {
        Tensor x = randn(1, 0, 10, 10);
        Tensor dout = randn(1, 0, 10, 10);
        Tensor dx = Layers.reluBackward(dout, Layers.reluForward(x).cache());
        assertThat(relError(dx, evalNumericalGradientArray(v -> Layers.reluForward(v).out(), x, dout))).isLessThan(1e-7);
    }

    @Test
    void dropoutBackwardMatchesNumericalInBothFlavours() {
        for (boolean inverted : new boolean[] {true, false}) {
            Tensor x = randn(1, 10, 10, 10);
            Tensor dout = randn(1, 0, 10, 10);
            DropoutParam param = DropoutParam.train(0.2).seed(123).inverted(inverted);
            Forward<DropoutCache> f = Layers.dropoutForward(x, param);
            Tensor dx = Layers.dropoutBackward(dout, f.cache());
            Tensor num = evalNumericalGradientArray(v -> Layers.dropoutForward(v, param).out(), x, dout);
            assertThat(relError(dx, num)).as("inverted=" + inverted).isLessThan(1e-7);
        }
    }

    @Test
    void dropoutTestModeBackwardMatchesNumerical() {
        for (boolean inverted : new boolean[] {true, false}) {
            Tensor x = randn(1, 10, 6, 7);
            Tensor dout = randn(1, 0, 6, 7);
            DropoutParam param = DropoutParam.test(0.3).inverted(inverted);
            Tensor dx = Layers.dropoutBackward(dout, Layers.dropoutForward(x, param).cache());
            Tensor num = evalNumericalGradientArray(v -> Layers.dropoutForward(v, param).out(), x, dout);
            assertThat(relError(dx, num)).isLessThan(1e-7);
        }
    }

    @Test
    void softmaxAndSvmLossGradientsMatchNumerical() {
        int n = 50;
        int c = 10;
        Tensor x = randn(0.001, 0, n, c);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = random.nextInt(c);
        Loss soft = Layers.softmaxLoss(x, y);
        assertThat(soft.loss()).isCloseTo(Math.log(10), org.assertj.core.data.Offset.offset(0.01));
        assertThat(relError(soft.dx(), evalNumericalGradient(v -> Layers.softmaxLoss(v, y).loss(), x))).isLessThan(1e-7);
        Loss svm = Layers.svmLoss(x, y);
        assertThat(svm.loss()).isCloseTo(9.0, org.assertj.core.data.Offset.offset(0.02));
        assertThat(relError(svm.dx(), evalNumericalGradient(v -> Layers.svmLoss(v, y).loss(), x))).isLessThan(1e-7);
    }

    @Test
    void batchnormBackwardMatchesNumerical() {
        Tensor x = randn(5, 12, 4, 5);
        Tensor gamma = randn(1, 0, 5);
        Tensor beta = randn(1, 0, 5);
        Tensor dout = randn(1, 0, 4, 5);
        BatchnormParam bn = BatchnormParam.train();
        NormGrads g = Layers.batchnormBackward(dout, Layers.batchnormForward(x, gamma, beta, bn).cache());
        BatchnormParam bn2 = BatchnormParam.train();
        assertThat(relError(g.dx(), evalNumericalGradientArray(v -> Layers.batchnormForward(v, gamma, beta, bn2).out(), x, dout))).isLessThan(1e-5);
        assertThat(relError(g.dgamma(), evalNumericalGradientArray(v -> Layers.batchnormForward(x, v, beta, bn2).out(), gamma, dout))).isLessThan(1e-5);
        assertThat(relError(g.dbeta(), evalNumericalGradientArray(v -> Layers.batchnormForward(x, gamma, v, bn2).out(), beta, dout))).isLessThan(1e-5);
    }

    @Test
    void batchnormTrainNormalizesAndRunningStatsConverge() {
        Tensor gamma = Tensor.ones(DType.FLOAT64, 3);
        Tensor beta = Tensor.zeros(DType.FLOAT64, 3);
        BatchnormParam bn = BatchnormParam.train();
        Tensor out = null;
        for (int it = 0; it < 200; it++) {
            Tensor x = randn(2, 5, 50, 3);
            out = Layers.batchnormForward(x, gamma, beta, bn).out();
        }
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            double var = 0;
            for (int i = 0; i < 50; i++) mean += out.get(i * 3 + j) / 50;
            for (int i = 0; i < 50; i++) var += Math.pow(out.get(i * 3 + j) - mean, 2) / 50;
            assertThat(mean).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(var).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(bn.runningMean().get(j)).isCloseTo(5, org.assertj.core.data.Offset.offset(0.2));
            assertThat(bn.runningVar().get(j)).isCloseTo(4 * 49.0 / 50, org.assertj.core.data.Offset.offset(0.6));
        }
        // test mode uses the running statistics
        bn.mode(DropoutParam.Mode.TEST);
        Tensor x = Tensor.fromDoubles(DType.FLOAT64, new double[] {5, 5, 5}, 1, 3);
        Tensor t = Layers.batchnormForward(x, gamma, beta, bn).out();
        for (int j = 0; j < 3; j++) {
            double expected = (5 - bn.runningMean().get(j)) / Math.sqrt(bn.runningVar().get(j) + 1e-5);
            assertThat(t.get(j)).isEqualTo(expected);
        }
    }

    @Test
    void layernormBackwardMatchesNumerical() {
        Tensor x = randn(5, 12, 4, 5);
        Tensor gamma = randn(1, 0, 5);
        Tensor beta = randn(1, 0, 5);
        Tensor dout = randn(1, 0, 4, 5);
        NormGrads g = Layers.layernormBackward(dout, Layers.layernormForward(x, gamma, beta).cache());
        assertThat(relError(g.dx(), evalNumericalGradientArray(v -> Layers.layernormForward(v, gamma, beta).out(), x, dout))).isLessThan(1e-5);
        assertThat(relError(g.dgamma(), evalNumericalGradientArray(v -> Layers.layernormForward(x, v, beta).out(), gamma, dout))).isLessThan(1e-5);
        assertThat(relError(g.dbeta(), evalNumericalGradientArray(v -> Layers.layernormForward(x, gamma, v).out(), beta, dout))).isLessThan(1e-5);
    }

    @Test
    void sandwichesMatchNumerical() {
        Tensor x = randn(1, 0, 2, 3, 4);
        Tensor w = randn(1, 0, 12, 10);
        Tensor b = randn(1, 0, 10);
        Tensor dout = randn(1, 0, 2, 10);
        AffineGrads g = LayerUtils.affineReluBackward(dout, LayerUtils.affineReluForward(x, w, b).cache());
        assertThat(relError(g.dx(), evalNumericalGradientArray(v -> LayerUtils.affineReluForward(v, w, b).out(), x, dout))).isLessThan(1e-7);
        assertThat(relError(g.dw(), evalNumericalGradientArray(v -> LayerUtils.affineReluForward(x, v, b).out(), w, dout))).isLessThan(1e-7);
        assertThat(relError(g.db(), evalNumericalGradientArray(v -> LayerUtils.affineReluForward(x, w, v).out(), b, dout))).isLessThan(1e-7);

        Tensor x2 = randn(1, 0, 6, 4);
        Tensor w2 = randn(1, 0, 4, 5);
        Tensor b2 = randn(1, 0, 5);
        Tensor gamma = randn(1, 1, 5);
        Tensor beta = randn(1, 0, 5);
        Tensor dout2 = randn(1, 0, 6, 5);
        for (Normalization norm : Normalization.values()) {
            BatchnormParam bn = BatchnormParam.train();
            AffineNormReluGrads ng = LayerUtils.affineNormReluBackward(dout2,
                    LayerUtils.affineNormReluForward(x2, w2, b2, gamma, beta, norm, bn).cache());
            Tensor num = evalNumericalGradientArray(v -> LayerUtils.affineNormReluForward(v, w2, b2, gamma, beta, norm, bn).out(), x2, dout2);
            assertThat(relError(ng.dx(), num)).as(norm.toString()).isLessThan(1e-5);
            Tensor numW = evalNumericalGradientArray(v -> LayerUtils.affineNormReluForward(x2, v, b2, gamma, beta, norm, bn).out(), w2, dout2);
            assertThat(relError(ng.dw(), numW)).as(norm.toString()).isLessThan(1e-5);
            if (norm != Normalization.NONE) {
                Tensor numG = evalNumericalGradientArray(v -> LayerUtils.affineNormReluForward(x2, w2, b2, v, beta, norm, bn).out(), gamma, dout2);
                assertThat(relError(ng.dgamma(), numG)).as(norm.toString()).isLessThan(1e-5);
            } else {
                assertThat(ng.dgamma()).isNull();
            }
        }
    }

    @Test
    void relErrorIsTheNotebooksFormula() {
        Tensor a = Tensor.fromDoubles(DType.FLOAT64, new double[] {1, 0, 3}, 3);
        Tensor b = Tensor.fromDoubles(DType.FLOAT64, new double[] {1.5, 0, 3}, 3);
        assertThat(GradientCheck.relError(a, b)).isEqualTo(0.5 / 2.5);
        assertThat(GradientCheck.relError(1e-9, 0)).isEqualTo(1e-9 / 1e-8);
    }
}
