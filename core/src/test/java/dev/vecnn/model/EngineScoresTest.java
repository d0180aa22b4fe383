package dev.vecnn.model;

import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test-mode scores on the reused buffers (the engine, {@link NetPlan}, behind {@code loss(X)}) against
 * the layer-by-layer functional path (affine, relu, dropout in test mode): same bits. And the
 * property the Solver's accuracy checks rely on: scoring rows in one batch or in several gives
 * the same bits.
 */
class EngineScoresTest {
    private final Random random = new Random(11);

    private FullyConnectedNet net(DType dtype, double keep, boolean vanilla, int... hidden) {
        return FullyConnectedNet.builder(hidden).inputDim(37).numClasses(10).dtype(dtype)
                .dropout(keep).vanillaDropout(vanilla).weightScale(0.3).seed(5).build();
    }

    private Tensor randn(DType dtype, int rows, int cols) {
        Tensor t = Tensor.zeros(dtype, rows, cols);
        for (int i = 0; i < t.size(); i++) t.set(i, random.nextGaussian());
        return t;
    }

    private static void assertSameBits(Tensor actual, Tensor expected) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        for (int i = 0; i < actual.size(); i++) {
            assertThat(Double.doubleToRawLongBits(actual.get(i)))
                    .as("score %d: %s vs %s", i, actual.get(i), expected.get(i))
                    .isEqualTo(Double.doubleToRawLongBits(expected.get(i)));
        }
    }

    @ParameterizedTest
    @CsvSource({
            "FLOAT32, 1.0, false", "FLOAT32, 0.5, false", "FLOAT32, 0.3, true",
            "FLOAT64, 1.0, false", "FLOAT64, 0.75, false", "FLOAT64, 0.6, true"})
    void sameBitsAsFunctionalPath(DType dtype, double keep, boolean vanilla) {
        for (int[] hidden : new int[][] {{19}, {23, 17}}) {
            FullyConnectedNet model = net(dtype, keep, vanilla, hidden);
            // biases non-zero so the fused bias add is exercised
            for (String name : model.params().keySet()) {
                Tensor p = model.param(name);
                if (name.startsWith("b")) for (int i = 0; i < p.size(); i++) p.set(i, random.nextGaussian() * 0.1);
            }
            for (int rows : new int[] {1, 3, 4, 5, 17, 64}) {
                Tensor x = randn(dtype, rows, 37);
                assertSameBits(model.loss(x), LayerByLayer.scores(model, x));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"FLOAT32", "FLOAT64"})
    void scoresDoNotDependOnTheBatchSplit(DType dtype) {
        FullyConnectedNet model = net(dtype, 0.5, false, 31);
        int rows = 45;
        Tensor x = randn(dtype, rows, 37);
        Tensor whole = model.loss(x).copy();
        for (int batch : new int[] {1, 4, 7, 20}) {
            for (int start = 0; start < rows; start += batch) {
                int n = Math.min(batch, rows - start);
                Tensor part = Tensor.zeros(dtype, n, 37);
                for (int i = 0; i < n * 37; i++) part.set(i, x.get(start * 37 + i));
                Tensor scores = model.loss(part);
                for (int i = 0; i < scores.size(); i++) {
                    assertThat(Double.doubleToRawLongBits(scores.get(i)))
                            .as("batch %d, row %d", batch, start + i / 10)
                            .isEqualTo(Double.doubleToRawLongBits(whole.get(start * 10 + i)));
                }
            }
        }
    }
}
