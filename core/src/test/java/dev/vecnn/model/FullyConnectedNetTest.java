package dev.vecnn.model;

import dev.vecnn.random.NumpyRandom;
import dev.vecnn.layers.Normalization;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static dev.vecnn.check.GradientCheck.evalNumericalGradient;
import static dev.vecnn.check.GradientCheck.relError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FullyConnectedNet: analytic gradients against numerical ones, the workspace path against the functional one, bad input. */
class FullyConnectedNetTest {
    /**
     * Centred differences across a ReLU kink give errors up to ~1e-4 (the notebook itself shows
     * W2 at 2.2e-5); a wrong gradient gives errors near 1.
     */
    private static final double KINK_TOLERANCE = 1e-3;

    private final Random random = new Random(7);

    private Tensor randn(DType dtype, int... shape) {
        Tensor t = Tensor.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) t.set(i, random.nextGaussian());
        return t;
    }

    private int[] labels(int n, int c) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = random.nextInt(c);
        return y;
    }

    private void checkGradients(FullyConnectedNet model, Tensor x, int[] y, double tol) {
        Map<String, Tensor> grads = model.loss(x, y).grads();
        assertThat(grads.keySet()).containsExactlyElementsOf(model.params().keySet());
        // copy: the workspace path reuses its gradient buffers
        Map<String, Tensor> analytic = new java.util.LinkedHashMap<>();
        grads.forEach((k, v) -> analytic.put(k, v.copy()));
        for (String name : model.params().keySet()) {
            Tensor num = evalNumericalGradient(p -> model.loss(x, y).loss(), model.params().get(name));
            if (model.normalization() == Normalization.BATCHNORM && name.matches("b\\d+") && !name.equals("b" + model.numLayers())) {
                // a bias followed by batchnorm has gradient 0 (the mean subtraction cancels it):
                // relative error of two near-zeros means nothing, so compare absolutely
                for (int i = 0; i < num.size(); i++) {
                    assertThat(Math.abs(analytic.get(name).get(i))).as(name).isLessThan(1e-9);
                    assertThat(Math.abs(num.get(i))).as(name).isLessThan(1e-8);
                }
                continue;
            }
            assertThat(relError(num, analytic.get(name))).as(name).isLessThan(tol);
        }
    }

    @Test
    void gradientsMatchNumericalWithAndWithoutDropoutAndReg() {
        int n = 3;
        Tensor x = randn(DType.FLOAT64, n, 15);
        int[] y = labels(n, 10);
        for (double keep : new double[] {1, 0.5}) {
            for (double reg : new double[] {0, 3.14}) {
                for (boolean vanilla : keep == 1 ? new boolean[] {false} : new boolean[] {false, true}) {
                    NumpyRandom.seed(231);
                    FullyConnectedNet model = FullyConnectedNet.builder(12, 14).inputDim(15).numClasses(10)
                            .weightScale(5e-2).dtype(DType.FLOAT64).dropout(keep).vanillaDropout(vanilla)
                            .reg(reg).seed(123).build();
                    checkGradients(model, x, y, KINK_TOLERANCE);
                }
            }
        }
    }

    @Test
    void gradientsMatchNumericalWithNormalization() {
        int n = 5;
        Tensor x = randn(DType.FLOAT64, n, 15);
        int[] y = labels(n, 10);
        for (Normalization norm : new Normalization[] {Normalization.BATCHNORM, Normalization.LAYERNORM}) {
            for (double keep : new double[] {1, 0.5}) {
                NumpyRandom.seed(231);
                FullyConnectedNet model = FullyConnectedNet.builder(12, 14).inputDim(15).numClasses(10)
                        .weightScale(5e-2).dtype(DType.FLOAT64).normalization(norm).dropout(keep).seed(123)
                        .reg(0.7).build();
                assertThat(model.params().keySet()).containsExactly("W1", "b1", "gamma1", "beta1",
                        "W2", "b2", "gamma2", "beta2", "W3", "b3");
                checkGradients(model, x, y, KINK_TOLERANCE);
            }
        }
    }

    @Test
    void weightsAreWeightScaleTimesRandnLayerByLayer() {
        NumpyRandom.seed(5);
        double[] expected = new double[4 * 3 + 3 * 2];
        NumpyRandom.global().randn(expected, 0, expected.length);
        NumpyRandom.seed(5);
        FullyConnectedNet model = FullyConnectedNet.builder(3).inputDim(4).numClasses(2).weightScale(0.5)
                .dtype(DType.FLOAT64).build();
        for (int i = 0; i < 12; i++) assertThat(model.param("W1").get(i)).isEqualTo(0.5 * expected[i]);
        for (int i = 0; i < 6; i++) assertThat(model.param("W2").get(i)).isEqualTo(0.5 * expected[12 + i]);
        assertThat(model.param("b1").toDoubleArray()).containsOnly(0.0);
        NumpyRandom.seed(5);
        FullyConnectedNet f32 = FullyConnectedNet.builder(3).inputDim(4).numClasses(2).weightScale(0.5).build();
        assertThat(f32.param("W1").dtype()).isEqualTo(DType.FLOAT32);
        assertThat(f32.param("W1").get(0)).isEqualTo((double) (float) (0.5 * expected[0]));
    }

    @Test
    void workspacePathEqualsFunctionalPath() {
        for (DType dtype : DType.values()) {
            for (double keep : new double[] {1, 0.25}) {
                for (double reg : new double[] {0, 0.1}) {
                    NumpyRandom.seed(1);
                    FullyConnectedNet model = FullyConnectedNet.builder(33, 17).inputDim(40).numClasses(10)
                            .dtype(dtype).dropout(keep).reg(reg).weightScale(0.1).build();
                    Tensor x = randn(dtype, 21, 40);
                    int[] y = labels(21, 10);
                    NumpyRandom.seed(99);
                    LossAndGrads fast = model.loss(x, y);
                    double fastLoss = fast.loss();
                    Map<String, Tensor> fastGrads = new java.util.LinkedHashMap<>();
                    fast.grads().forEach((k, v) -> fastGrads.put(k, v.copy()));
                    NumpyRandom.seed(99);
                    LossAndGrads ref = LayerByLayer.loss(model, x, y);
                    String what = dtype + " keep " + keep + " reg " + reg;
                    assertThat(fastLoss).as(what).isEqualTo(ref.loss());
                    for (String name : model.params().keySet()) {
                        // == rather than equals: the fused backward writes +0.0 where the
                        // unfused one writes -0.0 (dropped units); the values are the same
                        Tensor a = fastGrads.get(name);
                        Tensor b = ref.grads().get(name);
                        for (int i = 0; i < a.size(); i++) {
                            if (a.get(i) != b.get(i)) {
                                assertThat(a.get(i)).as(what + " " + name + "[" + i + "]").isEqualTo(b.get(i));
                            }
                        }
                    }
                    // and again: the reused buffers give the same result
                    NumpyRandom.seed(99);
                    assertThat(model.loss(x, y).loss()).isEqualTo(fastLoss);
                }
            }
        }
    }

    @Test
    void counterMasksWorkspaceEqualsFunctionalWithTheSameMasks() {
        for (DType dtype : DType.values()) {
            NumpyRandom.seed(2);
            FullyConnectedNet model = FullyConnectedNet.builder(70, 33).inputDim(40).numClasses(10).dtype(dtype)
                    .dropout(0.25).maskSource(MaskSource.COUNTER).weightScale(0.1).build();
            Tensor x = randn(dtype, 25, 40);
            int[] y = labels(25, 10);
            model.maskStep(5);
            LossAndGrads fast = model.loss(x, y);
            assertThat(model.maskStep()).isEqualTo(6);
            double fastLoss = fast.loss();
            Map<String, Tensor> fastGrads = new java.util.LinkedHashMap<>();
            fast.grads().forEach((k, v) -> fastGrads.put(k, v.copy()));
            model.maskStep(5);
            LossAndGrads ref = LayerByLayer.loss(model, x, y);
            assertThat(fastLoss).as(dtype.toString()).isEqualTo(ref.loss());
            for (String name : model.params().keySet()) {
                Tensor a = fastGrads.get(name);
                Tensor b = ref.grads().get(name);
                for (int i = 0; i < a.size(); i++) {
                    if (a.get(i) != b.get(i)) assertThat(a.get(i)).as(dtype + " " + name + "[" + i + "]").isEqualTo(b.get(i));
                }
            }
            // the next step draws different masks
            model.maskStep(6);
            assertThat(model.loss(x, y).loss()).isNotEqualTo(fastLoss);
            assertThat(model.buffers().get("mask_step").get(0)).isEqualTo(7.0);
        }
    }

    @Test
    void seededCounterMasksStayFixedSoGradientsCheck() {
        NumpyRandom.seed(231);
        Tensor x = randn(DType.FLOAT64, 3, 15);
        int[] y = labels(3, 10);
        FullyConnectedNet model = FullyConnectedNet.builder(12, 14).inputDim(15).numClasses(10).weightScale(5e-2)
                .dtype(DType.FLOAT64).dropout(0.5).seed(123).maskSource(MaskSource.COUNTER).build();
        assertThat(model.maskKey()).isEqualTo(123);
        checkGradients(model, x, y, KINK_TOLERANCE);
        assertThat(model.maskStep()).isZero();
        assertThatThrownBy(() -> FullyConnectedNet.builder(5).dropout(0.5).vanillaDropout(true).maskSource(MaskSource.COUNTER).build())
                .hasMessageContaining("inverted");
    }

    @Test
    void testModeScoresIgnoreDropoutAndAcceptOtherDtypes() {
        NumpyRandom.seed(3);
        FullyConnectedNet model = FullyConnectedNet.builder(8).inputDim(6).numClasses(4).dropout(0.5).build();
        Tensor x = randn(DType.FLOAT64, 5, 2, 3);
        Tensor s1 = model.loss(x);
        Tensor s2 = model.loss(x.astype(DType.FLOAT32));
        assertThat(s1.shape()).containsExactly(5, 4);
        assertThat(s1.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(s1.toDoubleArray()).containsExactly(s2.toDoubleArray());
    }

    @Test
    void badInputIsNamed() {
        NumpyRandom.seed(3);
        FullyConnectedNet model = FullyConnectedNet.builder(8).inputDim(6).numClasses(4).build();
        assertThatThrownBy(() -> model.loss(Tensor.zeros(DType.FLOAT32, 5, 7), new int[5]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 features").hasMessageContaining("[5, 7]");
        assertThatThrownBy(() -> model.loss(Tensor.zeros(DType.FLOAT32, 2, 6), new int[] {0, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 4)").hasMessageContaining("y[1] = 4");
        assertThatThrownBy(() -> model.loss(Tensor.zeros(DType.FLOAT32, 2, 6), new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 2");
        assertThatThrownBy(() -> FullyConnectedNet.builder(8).dropout(0)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> FullyConnectedNet.builder(8, 0)).hasMessageContaining("hidden dims");
        assertThatThrownBy(() -> model.param("W9")).hasMessageContaining("W9").hasMessageContaining("W1");
    }
}
