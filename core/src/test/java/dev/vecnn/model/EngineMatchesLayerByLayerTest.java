package dev.vecnn.model;

import dev.vecnn.layers.BatchnormParam;
import dev.vecnn.layers.Normalization;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine ({@link NetPlan}, behind {@code FullyConnectedNet.loss}) against the readable
 * reference ({@link LayerByLayer}: the layer functions composed as fc_net.py composes them), for
 * every configuration of a generated matrix: 1-3 affine layers, each normalization, no dropout,
 * inverted and vanilla numpy masks, seeded numpy masks, counter masks, both dtypes, reg 0 and
 * 0.1, batches of 1, 7 and 64 rows. Two nets built alike from equal streams run the same calls
 * (two training steps, then test-mode scores); losses, every gradient, the batchnorm running
 * statistics, the scores and the streams' states must agree exactly. Values are compared with
 * {@code ==}: the fused ReLU/dropout backward writes +0.0 at dropped units where the unfused pair
 * writes -0.0 (documented in Epilogue), everything else is the same bits.
 */
class EngineMatchesLayerByLayerTest {
    private static final int INPUT = 13;
    private static final int CLASSES = 5;

    enum Dropout { NONE, INVERTED, VANILLA, SEEDED, COUNTER }

    private static FullyConnectedNet build(int[] hidden, Normalization norm, Dropout dropout, DType dtype,
                                           double reg, long seed) {
        FullyConnectedNet.Builder b = FullyConnectedNet.builder(hidden).inputDim(INPUT).numClasses(CLASSES)
                .normalization(norm).dtype(dtype).reg(reg).weightScale(0.4).random(new NumpyRandom(seed));
        switch (dropout) {
            case INVERTED: b.dropout(0.6); break;
            case VANILLA: b.dropout(0.6).vanillaDropout(true); break;
            case SEEDED: b.dropout(0.5).seed(77); break;
            case COUNTER: b.dropout(0.5).maskSource(MaskSource.COUNTER); break;
            default: break;
        }
        FullyConnectedNet net = b.build();
        // non-zero biases and shifts, gammas off one, so every parameter matters
        Random r = new Random(seed);
        for (Map.Entry<String, Tensor> e : net.params().entrySet()) {
            if (e.getKey().startsWith("W")) continue;
            Tensor t = e.getValue();
            for (int i = 0; i < t.size(); i++) t.set(i, (e.getKey().startsWith("gamma") ? 1 : 0) + 0.2 * r.nextGaussian());
        }
        return net;
    }

    private static Tensor input(DType dtype, int rows, long seed) {
        Random r = new Random(seed);
        Tensor x = Tensor.zeros(dtype, rows, INPUT);
        for (int i = 0; i < x.size(); i++) x.set(i, 2 * r.nextGaussian());
        return x;
    }

    private static int[] labels(int rows, long seed) {
        Random r = new Random(seed + 1);
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) y[i] = r.nextInt(CLASSES);
        return y;
    }

    @Test
    void everyConfigurationGivesTheReferenceNumbers() {
        List<String> checked = new ArrayList<>();
        long seed = 1;
        for (int[] hidden : new int[][] {{}, {11}, {11, 9}}) {
            for (Normalization norm : Normalization.values()) {
                if (hidden.length == 0 && norm != Normalization.NONE) continue;
                for (Dropout dropout : Dropout.values()) {
                    if (hidden.length == 0 && dropout != Dropout.NONE) continue;
                    for (DType dtype : DType.values()) {
                        for (double reg : new double[] {0, 0.1}) {
                            for (int rows : new int[] {1, 7, 64}) {
                                seed++;
                                String what = "hidden " + java.util.Arrays.toString(hidden) + " " + norm + " " + dropout
                                        + " " + dtype + " reg " + reg + " rows " + rows;
                                compare(what, hidden, norm, dropout, dtype, reg, rows, seed);
                                checked.add(what);
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).hasSize(2 * 2 * 3 + 2 * 3 * 5 * 2 * 2 * 3);
    }

    private static void compare(String what, int[] hidden, Normalization norm, Dropout dropout, DType dtype,
                                double reg, int rows, long seed) {
        FullyConnectedNet engine = build(hidden, norm, dropout, dtype, reg, seed);
        FullyConnectedNet reference = build(hidden, norm, dropout, dtype, reg, seed);
        int[] y = labels(rows, seed);
        for (int step = 0; step < 2; step++) {
            Tensor x = input(dtype, rows, seed * 31 + step);
            LossAndGrads got = engine.loss(x, y);
            LossAndGrads want = LayerByLayer.loss(reference, x, y);
            assertThat(got.loss()).as(what + " step " + step + " loss").isEqualTo(want.loss());
            assertThat(got.grads().keySet()).as(what).containsExactlyElementsOf(want.grads().keySet());
            for (String name : want.grads().keySet()) {
                assertEqual(what + " step " + step + " d" + name, got.grads().get(name), want.grads().get(name));
            }
            assertThat(engine.random().getState()).as(what + " stream").isEqualTo(reference.random().getState());
            assertThat(engine.maskStep()).as(what).isEqualTo(reference.maskStep());
        }
        for (int i = 0; i < engine.bnParams().size(); i++) {
            BatchnormParam a = engine.bnParams().get(i);
            BatchnormParam b = reference.bnParams().get(i);
            if (b.runningMean() == null) continue;
            assertEqual(what + " running_mean" + (i + 1), a.runningMean(), b.runningMean());
            assertEqual(what + " running_var" + (i + 1), a.runningVar(), b.runningVar());
        }
        Tensor x = input(dtype, rows, seed * 31 + 7);
        assertEqual(what + " scores", engine.loss(x), LayerByLayer.scores(reference, x));
    }

    private static void assertEqual(String what, Tensor got, Tensor want) {
        assertThat(got.shape()).as(what).containsExactly(want.shape());
        assertThat(got.dtype()).as(what).isEqualTo(want.dtype());
        for (int i = 0; i < want.size(); i++) {
            if (got.get(i) != want.get(i)) {
                assertThat(got.get(i)).as(what + "[" + i + "]").isEqualTo(want.get(i));
            }
        }
    }

    @Test
    void gradientsReturnedAreTheCallersAndLossIntoFillsGivenBuffers() {
        for (Normalization norm : Normalization.values()) {
            FullyConnectedNet net = build(new int[] {8}, norm, Dropout.INVERTED, DType.FLOAT64, 0.1, 5);
            Tensor x = input(DType.FLOAT64, 6, 5);
            int[] y = labels(6, 5);
            LossAndGrads first = net.loss(x, y);
            Tensor w1 = first.grads().get("W1").copy();
            net.loss(input(DType.FLOAT64, 6, 99), y); // a later call must not write into the first result
            assertEqual(norm + " first grads kept", first.grads().get("W1"), w1);

            Map<String, Tensor> mine = new java.util.LinkedHashMap<>();
            net.params().forEach((k, v) -> mine.put(k, v.zerosLike()));
            FullyConnectedNet twin = build(new int[] {8}, norm, Dropout.INVERTED, DType.FLOAT64, 0.1, 5);
            twin.loss(x, y);
            twin.loss(input(DType.FLOAT64, 6, 99), y);
            LossAndGrads viaLoss = net.loss(x, y);
            double viaInto = twin.lossInto(x, y, mine);
            assertThat(viaInto).as(norm.toString()).isEqualTo(viaLoss.loss());
            for (String name : mine.keySet()) assertEqual(norm + " " + name, mine.get(name), viaLoss.grads().get(name));
        }
    }
}
