package dev.vecnn.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vecnn.layers.Normalization;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** InferenceModel.from(net) gives the scores of the net's own test-mode forward, loss(X), bit for bit. */
class FromNetTest {
    private static final int IN = 15;
    private static final int CLASSES = 6;

    private static FullyConnectedNet trainedNet(Normalization norm, DType dtype, double keep, boolean vanilla) {
        FullyConnectedNet net = FullyConnectedNet.builder(11, 9).inputDim(IN).numClasses(CLASSES)
                .normalization(norm).dtype(dtype).dropout(keep).vanillaDropout(vanilla)
                .weightScale(0.3).seed(5).build();
        // a few train-mode passes give batchnorm its running statistics and move the weights off zero-bias
        Random r = new Random(9);
        double[] x = new double[20 * IN];
        int[] y = new int[20];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = r.nextInt(CLASSES);
        }
        for (int step = 0; step < 3; step++) {
            net.loss(Tensor.fromDoubles(dtype, x, 20, IN), y);
        }
        net.params().forEach((name, t) -> {
            for (int i = 0; i < t.size(); i++) {
                if (name.startsWith("b") || name.startsWith("beta")) {
                    t.set(i, 0.1 * r.nextGaussian());
                }
            }
        });
        return net;
    }

    @ParameterizedTest
    @CsvSource({"NONE,FLOAT32,1,false", "NONE,FLOAT64,0.5,false", "NONE,FLOAT64,0.5,true",
            "BATCHNORM,FLOAT32,1,false", "BATCHNORM,FLOAT64,0.75,false", "LAYERNORM,FLOAT64,1,false",
            "LAYERNORM,FLOAT32,0.75,true"})
    void scoresMatchTheNetsTestModeForward(Normalization norm, DType dtype, double keep, boolean vanilla) {
        FullyConnectedNet net = trainedNet(norm, dtype, keep, vanilla);
        InferenceModel model = InferenceModel.from(net);
        assertThat(model.precision()).isEqualTo(dtype);
        assertThat(model.normalization()).isEqualTo(norm);
        assertThat(model.layerDims()).containsExactly(IN, 11, 9, CLASSES);
        assertThat(model.dropoutMode()).isEqualTo(vanilla && keep < 1 ? DropoutMode.VANILLA : DropoutMode.INVERTED);

        double[] x = TestNets.toDoubles(TestNets.gaussianFloats(3, 7 * IN));
        Tensor netScores = net.loss(Tensor.fromDoubles(dtype, x, 7, IN));
        // the same engine in test mode: the same bits as the net's own forward; 1, 2 and 5 rows go
        // through the GEMM's skinny kernel, which sums each score in the blocked GEMM's order
        double[] got = model.scores(x, 7);
        for (int i = 0; i < got.length; i++) {
            assertThat(got[i]).as("score %d", i).isEqualTo(netScores.get(i));
        }
        for (int rows : new int[] {1, 2, 5}) {
            double[] part = model.scores(java.util.Arrays.copyOf(x, rows * IN), rows);
            for (int i = 0; i < part.length; i++) assertThat(part[i]).as("%d rows, score %d", rows, i).isEqualTo(got[i]);
        }
    }

    @Test
    void theModelIsACopy() {
        FullyConnectedNet net = trainedNet(Normalization.NONE, DType.FLOAT64, 1, false);
        InferenceModel model = InferenceModel.from(net);
        double[] x = TestNets.toDoubles(TestNets.gaussianFloats(4, IN));
        double[] before = model.scores(x, 1);
        net.param("W1").fill(0);
        assertThat(model.scores(x, 1)).containsExactly(before);
    }

    @Test
    void batchnormNetWithoutRunningStatistics() {
        FullyConnectedNet net = FullyConnectedNet.builder(4).inputDim(3).numClasses(2)
                .normalization(Normalization.BATCHNORM).build();
        assertThatThrownBy(() -> InferenceModel.from(net))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchnorm layer 1 has no running statistics");
    }
}
