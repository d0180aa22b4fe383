package dev.vecnn.solver;

import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole training loop against the assignment's own code: src/test/python/solver_reference.py
 * runs fc_net.py / layers.py / optim.adam / solver.py (inverted dropout, reg, lr decay, sampled
 * accuracy checks) in numpy float64 from {@code np.random.seed(231)} and writes the data, every
 * loss, the accuracy histories and the best parameters. Java, from the same seed, must draw the
 * same weights, minibatches, masks and accuracy samples: losses and parameters agree to rounding
 * (randn may differ from numpy in the last bit, see NumpyRandom), accuracies exactly.
 */
class SolverNumpyReferenceTest {
    private static Map<String, double[]> load() {
        Map<String, double[]> m = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                SolverNumpyReferenceTest.class.getResourceAsStream("/assign/solver_reference.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] parts = line.trim().split(" ");
                double[] v = new double[parts.length - 1];
                for (int i = 1; i < parts.length; i++) v[i - 1] = Double.parseDouble(parts[i]);
                m.put(parts[0], v);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    private static int[] ints(double[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
        return out;
    }

    @Test
    void trainingRunMatchesTheAssignmentsNumpyCode() {
        Map<String, double[]> ref = load();
        SolverData data = new SolverData(Tensor.of(ref.get("X_train"), 120, 20), ints(ref.get("y_train")),
                Tensor.of(ref.get("X_val"), 50, 20), ints(ref.get("y_val")));
        NumpyRandom.seed(231);
        FullyConnectedNet model = FullyConnectedNet.builder(40, 30).inputDim(20).numClasses(10).dropout(0.5)
                .reg(0.01).weightScale(5e-2).dtype(DType.FLOAT64).build();
        Solver solver = Solver.builder(model, data).updateRule("adam").optimConfig(Map.of("learning_rate", 5e-3))
                .numEpochs(6).batchSize(25).lrDecay(0.9).numTrainSamples(80).numValSamples(40).build();
        solver.train();

        double[] losses = ref.get("loss_history");
        List<Double> mine = solver.lossHistory();
        assertThat(mine).hasSize(losses.length);
        for (int i = 0; i < losses.length; i++) {
            assertThat(Math.abs(mine.get(i) - losses[i])).as("loss " + i).isLessThan(1e-10 * Math.abs(losses[i]));
        }
        assertThat(solver.trainAccHistory()).containsExactly(box(ref.get("train_acc_history")));
        assertThat(solver.valAccHistory()).containsExactly(box(ref.get("val_acc_history")));
        for (String name : model.params().keySet()) {
            double[] expected = ref.get("final." + name);
            Tensor actual = model.params().get(name);
            for (int i = 0; i < expected.length; i++) {
                assertThat(Math.abs(actual.get(i) - expected[i])).as(name + "[" + i + "]")
                        .isLessThanOrEqualTo(1e-9 * Math.max(1e-3, Math.abs(expected[i])));
            }
        }
    }

    private static Double[] box(double[] v) {
        Double[] out = new Double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }
}
