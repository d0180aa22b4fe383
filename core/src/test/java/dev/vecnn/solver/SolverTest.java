package dev.vecnn.solver;

import dev.vecnn.layers.Normalization;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.LossAndGrads;
import dev.vecnn.model.Model;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.tensor.DType;
import dev.vecnn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SolverTest {
    /** Small synthetic classification data: class-dependent means plus noise, from a seeded NumpyRandom. */
    private static SolverData data(int nTrain, int nVal, int dim, int classes, long seed) {
        NumpyRandom r = new NumpyRandom(seed);
        double[] centres = r.randn(classes, dim);
        return new SolverData(points(r, centres, nTrain, dim, classes), labels(nTrain, classes),
                points(r, centres, nVal, dim, classes), labels(nVal, classes));
    }

    private static int[] labels(int n, int classes) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % classes;
        return y;
    }

    private static Tensor points(NumpyRandom r, double[] centres, int n, int dim, int classes) {
        double[] noise = r.randn(n, dim);
        float[] x = new float[n * dim];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) x[i * dim + j] = (float) (centres[(i % classes) * dim + j] * 0.5 + noise[i * dim + j]);
        }
        return Tensor.of(x, n, dim);
    }

    private static FullyConnectedNet net(int dim, double keep) {
        return net(dim, keep, Normalization.NONE);
    }

    private static FullyConnectedNet net(int dim, double keep, Normalization norm) {
        return FullyConnectedNet.builder(100, 100).inputDim(dim).numClasses(10).weightScale(5e-2).dropout(keep)
                .normalization(norm).build();
    }

    /**
     * Issue 21: a label out of range at row 777 of 1000 was found only if a minibatch drew it
     * (named by its minibatch position), and validation labels were never checked. Every label is
     * checked once when the Solver is built, naming the set and the row.
     */
    @Test
    void everyLabelIsCheckedWhenTheDataIsHandedOverNamingTheSetAndTheRow() {
        FullyConnectedNet model = FullyConnectedNet.builder(8).inputDim(6).numClasses(4).build();
        for (int bad : new int[] {4, 10, -1}) {
            SolverData d = data(1000, 50, 6, 4, 3);
            d.yTrain()[777] = bad;
            assertThatThrownBy(() -> Solver.builder(model, d).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the training labels y_train must be in [0, 4) (the model's classes), got y_train[777] = "
                            + bad + " (row 777 of the training set)");
            SolverData v = data(100, 50, 6, 4, 3);
            v.yVal()[49] = bad;
            assertThatThrownBy(() -> Solver.builder(model, v).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the validation labels y_val").hasMessageContaining("y_val[49] = " + bad);
        }
    }

    @Test
    void overfitsFiftySamples() {
        NumpyRandom.seed(231);
        SolverData d = data(50, 50, 40, 10, 1);
        FullyConnectedNet model = net(40, 1);
        Solver solver = Solver.builder(model, d).numEpochs(20).batchSize(25).updateRule("adam")
                .optimConfig(Map.of("learning_rate", 5e-3)).build();
        solver.train();
        assertThat(solver.trainAccHistory().get(solver.trainAccHistory().size() - 1)).isEqualTo(1.0);
        assertThat(solver.iteration()).isEqualTo(40);
        assertThat(solver.epoch()).isEqualTo(20);
        assertThat(solver.lossHistory()).hasSize(40);
        assertThat(solver.trainAccHistory()).hasSize(21); // first iteration + every epoch end
        assertThat(solver.lossHistory().get(39)).isLessThan(solver.lossHistory().get(0) / 10);
    }

    @Test
    void everyUpdateRuleLowersTheLoss() {
        for (String rule : new String[] {"sgd", "sgd_momentum", "rmsprop", "adam"}) {
            NumpyRandom.seed(0);
            SolverData d = data(50, 20, 40, 10, 2);
            FullyConnectedNet model = net(40, 0.5);
            Solver solver = Solver.builder(model, d).numEpochs(10).batchSize(25).updateRule(rule)
                    .optimConfig(Map.of("learning_rate", rule.equals("sgd") || rule.equals("sgd_momentum") ? 5e-2 : 1e-3))
                    .lrDecay(0.95).build();
            solver.train();
            List<Double> h = solver.lossHistory();
            assertThat(h.get(h.size() - 1)).as(rule).isLessThan(h.get(0));
            double lr0 = rule.equals("sgd") || rule.equals("sgd_momentum") ? 5e-2 : 1e-3;
            assertThat(solver.optimConfigs().get("W1").get("learning_rate")).as(rule).isCloseTo(lr0 * Math.pow(0.95, 10), org.assertj.core.data.Offset.offset(1e-15));
        }
    }

    @Test
    void logLinesHaveTheAssignmentsFormat() {
        NumpyRandom.seed(231);
        SolverData d = data(100, 30, 20, 10, 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Solver solver = Solver.builder(net(20, 1), d).numEpochs(3).batchSize(50).updateRule("adam")
                .printEvery(2).verbose(new PrintStream(bytes, true, StandardCharsets.UTF_8)).build();
        solver.train();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        List<String> expected = new ArrayList<>();
        List<Double> loss = solver.lossHistory();
        List<Double> tr = solver.trainAccHistory();
        List<Double> va = solver.valAccHistory();
        expected.add(String.format("(Iteration 1 / 6) loss: %s", PyFormat.f(loss.get(0))));
        expected.add("(Epoch 0 / 3) train acc: " + PyFormat.f(tr.get(0)) + "; val_acc: " + PyFormat.f(va.get(0)));
        expected.add("(Epoch 1 / 3) train acc: " + PyFormat.f(tr.get(1)) + "; val_acc: " + PyFormat.f(va.get(1)));
        expected.add(String.format("(Iteration 3 / 6) loss: %s", PyFormat.f(loss.get(2))));
        expected.add("(Epoch 2 / 3) train acc: " + PyFormat.f(tr.get(2)) + "; val_acc: " + PyFormat.f(va.get(2)));
        expected.add(String.format("(Iteration 5 / 6) loss: %s", PyFormat.f(loss.get(4))));
        expected.add("(Epoch 3 / 3) train acc: " + PyFormat.f(tr.get(3)) + "; val_acc: " + PyFormat.f(va.get(3)));
        assertThat(lines).containsExactlyElementsOf(expected);
        assertThat(lines[0]).matches("\\(Iteration 1 / 6\\) loss: \\d+\\.\\d{6}");
        assertThat(lines[1]).matches("\\(Epoch 0 / 3\\) train acc: \\d\\.\\d{6}; val_acc: \\d\\.\\d{6}");
    }

    @Test
    void everyNewBestIsCopiedEvenIntoTheTensorsOfAnEarlierBest() {
        // The reference: a deep copy of the model's parameters taken by the checkpoint hook (called
        // after each accuracy check) whenever the best validation accuracy rose.
        NumpyRandom.seed(5);
        SolverData d = data(60, 30, 20, 10, 4);
        FullyConnectedNet model = net(20, 1);
        List<Map<String, double[]>> snapshots = new ArrayList<>();
        double[] lastBest = {Double.NEGATIVE_INFINITY};
        Solver solver = Solver.builder(model, d).numEpochs(8).batchSize(20).updateRule("adam")
                .optimConfig(Map.of("learning_rate", 1e-2))
                .onCheckpoint(s -> {
                    if (s.bestValAcc() > lastBest[0]) {
                        lastBest[0] = s.bestValAcc();
                        Map<String, double[]> copy = new java.util.LinkedHashMap<>();
                        model.params().forEach((name, t) -> copy.put(name, t.toDoubleArray()));
                        snapshots.add(copy);
                    }
                }).build();
        solver.train();
        assertThat(snapshots).as("the run must find a new best more than once").hasSizeGreaterThan(1);
        Map<String, double[]> best = snapshots.get(snapshots.size() - 1);
        for (String name : best.keySet()) {
            assertThat(solver.bestParams().get(name).toDoubleArray()).as(name).containsExactly(best.get(name));
            assertThat(model.params().get(name).toDoubleArray()).as(name).containsExactly(best.get(name));
        }
    }

    @Test
    void bestValidationParamsAreRestored() {
        NumpyRandom.seed(5);
        SolverData d = data(60, 30, 20, 10, 4);
        FullyConnectedNet model = net(20, 1);
        Solver solver = Solver.builder(model, d).numEpochs(4).batchSize(20).updateRule("adam")
                .optimConfig(Map.of("learning_rate", 1e-2)).build();
        solver.train();
        assertThat(solver.bestValAcc()).isEqualTo(solver.valAccHistory().stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        for (String name : model.params().keySet()) {
            assertThat(model.params().get(name).toDoubleArray()).containsExactly(solver.bestParams().get(name).toDoubleArray());
        }
        assertThat(solver.checkAccuracy(d.xVal(), d.yVal(), null, 7)).isEqualTo(solver.bestValAcc());
    }

    @Test
    void evalBatchSizeChangesNothingButSpeed() {
        SolverData d = data(90, 45, 20, 10, 6);
        List<List<Double>> histories = new ArrayList<>();
        for (int evalBatch : new int[] {1, 7, 1000}) {
            NumpyRandom.seed(17);
            FullyConnectedNet model = net(20, 0.5);
            Solver solver = Solver.builder(model, d).numEpochs(3).batchSize(30).updateRule("adam")
                    .numTrainSamples(60).evalBatchSize(evalBatch).optimConfig(Map.of("learning_rate", 1e-2)).build();
            solver.train();
            List<Double> h = new ArrayList<>(solver.trainAccHistory());
            h.addAll(solver.valAccHistory());
            h.addAll(solver.lossHistory());
            histories.add(h);
        }
        assertThat(histories.get(0)).hasSize(4 + 4 + 9);
        assertThat(histories.get(1)).containsExactlyElementsOf(histories.get(0));
        assertThat(histories.get(2)).containsExactlyElementsOf(histories.get(0));
        assertThatThrownBy(() -> Solver.builder(net(20, 1), d).evalBatchSize(0))
                .hasMessageContaining("eval batch size").hasMessageContaining("0");
    }

    @ParameterizedTest
    @EnumSource(value = Normalization.class, names = {"NONE", "BATCHNORM"})
    void resumeIsBitIdenticalToAnUninterruptedRun(Normalization norm) {
        SolverData d = data(80, 40, 20, 10, 6);
        // uninterrupted
        NumpyRandom.seed(231);
        FullyConnectedNet a = net(20, 0.5, norm);
        Solver full = Solver.builder(a, d).numEpochs(5).batchSize(20).updateRule("adam").lrDecay(0.9)
                .numTrainSamples(50).build();
        full.train();

        // interrupted after the epoch-2 check, snapshot taken, then a fresh model and solver resume
        NumpyRandom.seed(231);
        FullyConnectedNet b = net(20, 0.5, norm);
        SolverState[] snapshot = new SolverState[1];
        Solver first = Solver.builder(b, d).numEpochs(5).batchSize(20).updateRule("adam").lrDecay(0.9)
                .numTrainSamples(50).onCheckpoint(s -> {
                    if (s.epoch() == 2) {
                        snapshot[0] = s.state();
                        s.requestStop();
                    }
                }).build();
        first.train();
        assertThat(first.iteration()).isEqualTo(8);
        NumpyRandom.seed(999); // whatever happens in between
        FullyConnectedNet c = net(20, 0.5, norm);
        Solver resumed = Solver.builder(c, d).numEpochs(5).batchSize(20).updateRule("adam").lrDecay(0.9)
                .numTrainSamples(50).build();
        resumed.restore(snapshot[0]);
        resumed.train();

        assertThat(resumed.lossHistory()).containsExactlyElementsOf(full.lossHistory());
        assertThat(resumed.valAccHistory()).containsExactlyElementsOf(full.valAccHistory());
        assertThat(resumed.trainAccHistory()).containsExactlyElementsOf(full.trainAccHistory());
        for (Map.Entry<String, Tensor> e : a.buffers().entrySet()) {
            assertThat(c.buffers().get(e.getKey()).toDoubleArray()).as(e.getKey()).containsExactly(e.getValue().toDoubleArray());
        }
        assertThat(c.buffers().keySet()).isEqualTo(a.buffers().keySet())
                .hasSize(norm == Normalization.BATCHNORM ? 4 : 0);
        for (String name : a.params().keySet()) {
            assertThat(c.params().get(name).toDoubleArray()).as(name).containsExactly(a.params().get(name).toDoubleArray());
            assertThat(resumed.optimConfigs().get(name).t()).isEqualTo(full.optimConfigs().get(name).t());
        }
    }

    @Test
    void nanLossStopsNamingTheIterationAndKeepsBestParams() {
        NumpyRandom.seed(1);
        SolverData d = data(40, 20, 10, 10, 7);
        FullyConnectedNet inner = net(10, 1);
        int[] calls = {0};
        Model poisoned = new Model() {
            @Override public Map<String, Tensor> params() { return inner.params(); }
            @Override public LossAndGrads loss(Tensor x, int[] y) {
                LossAndGrads lg = inner.loss(x, y);
                return ++calls[0] == 5 ? new LossAndGrads(Double.NaN, lg.grads()) : lg;
            }
            @Override public Tensor loss(Tensor x) { return inner.loss(x); }
            @Override public void setParams(Map<String, Tensor> values) { inner.setParams(values); }
        };
        Solver solver = Solver.builder(poisoned, d).numEpochs(10).batchSize(10).updateRule("adam").build();
        assertThatThrownBy(solver::train).isInstanceOf(SolverDivergedException.class)
                .hasMessageContaining("NaN").hasMessageContaining("iteration 5 / 40")
                .satisfies(e -> assertThat(((SolverDivergedException) e).iteration()).isEqualTo(5));
        for (String name : inner.params().keySet()) {
            assertThat(inner.params().get(name).toDoubleArray()).containsExactly(solver.bestParams().get(name).toDoubleArray());
        }
        assertThat(solver.iteration()).isEqualTo(4);
    }

    @Test
    void ownRandomStreamLeavesTheGlobalOneAloneAndMatchesTheDefault() {
        SolverData d = data(60, 30, 20, 10, 9);
        // keep 1: no dropout, so the net draws only its weights (at build) from the global stream
        NumpyRandom.seed(231);
        FullyConnectedNet a = net(20, 1);
        NumpyRandom own = new NumpyRandom(7);
        Solver withOwn = Solver.builder(a, d).numEpochs(3).batchSize(20).updateRule("adam")
                .numTrainSamples(25).numValSamples(20).random(own).build();
        var globalBefore = NumpyRandom.global().getState();
        withOwn.train();
        assertThat(NumpyRandom.global().getState()).isEqualTo(globalBefore);
        assertThat(withOwn.state().rngState()).isEqualTo(own.getState());

        NumpyRandom.seed(231);
        FullyConnectedNet b = net(20, 1);
        NumpyRandom.seed(7);
        Solver withGlobal = Solver.builder(b, d).numEpochs(3).batchSize(20).updateRule("adam")
                .numTrainSamples(25).numValSamples(20).build();
        withGlobal.train();
        assertThat(withOwn.lossHistory()).containsExactlyElementsOf(withGlobal.lossHistory()).hasSize(9);
        assertThat(withOwn.trainAccHistory()).containsExactlyElementsOf(withGlobal.trainAccHistory());
        assertThat(withOwn.valAccHistory()).containsExactlyElementsOf(withGlobal.valAccHistory());
        assertThat(own.getState()).isEqualTo(NumpyRandom.global().getState()); // the same draws

        // restore() puts the random state into the solver's own stream, not the global one
        NumpyRandom other = new NumpyRandom(1);
        Solver resumed = Solver.builder(net(20, 1), d).numEpochs(3).batchSize(20).updateRule("adam").random(other).build();
        var globalNow = NumpyRandom.global().getState();
        resumed.restore(withOwn.state());
        assertThat(other.getState()).isEqualTo(own.getState());
        assertThat(NumpyRandom.global().getState()).isEqualTo(globalNow);
        assertThatThrownBy(() -> Solver.builder(net(20, 1), d).random(null)).hasMessageContaining("random stream");
    }

    @Test
    void onIterationSeesEveryStepOnceWithItsLoss() {
        NumpyRandom.seed(3);
        SolverData d = data(60, 30, 20, 10, 10);
        List<Integer> iterations = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<Integer> seenBySolver = new ArrayList<>();
        Solver solver = Solver.builder(net(20, 0.5), d).numEpochs(4).batchSize(20).updateRule("sgd_momentum")
                .onIteration((s, it, loss) -> {
                    iterations.add(it);
                    losses.add(loss);
                    seenBySolver.add(s.iteration());
                }).build();
        solver.train();
        assertThat(iterations).hasSize(12).isEqualTo(seenBySolver);
        for (int i = 0; i < iterations.size(); i++) assertThat(iterations.get(i)).isEqualTo(i + 1);
        assertThat(losses).containsExactlyElementsOf(solver.lossHistory());

        // the listener may stop the run; the solver then ends after that iteration
        Solver stopped = Solver.builder(net(20, 0.5), d).numEpochs(4).batchSize(20)
                .onIteration((s, it, loss) -> {
                    if (it == 5) s.requestStop();
                }).build();
        stopped.train();
        assertThat(stopped.iteration()).isEqualTo(5);
        assertThat(stopped.lossHistory()).hasSize(5);
    }

    @Test
    void invalidOptionsFailClearly() {
        SolverData d = data(20, 10, 10, 10, 8);
        FullyConnectedNet model = net(10, 1);
        assertThatThrownBy(() -> Solver.builder(model, d).batchSize(-1)).hasMessageContaining("batch_size").hasMessageContaining("-1");
        assertThatThrownBy(() -> Solver.builder(model, d).updateRule("adamw")).hasMessageContaining("adamw");
        assertThatThrownBy(() -> Solver.builder(model, d).numEpochs(-2)).hasMessageContaining("num_epochs");
        assertThatThrownBy(() -> Solver.builder(model, d).printEvery(0)).hasMessageContaining("print_every");
        assertThatThrownBy(() -> Solver.builder(model, d).lrDecay(0)).hasMessageContaining("lr_decay");
        assertThatThrownBy(() -> Solver.builder(model, d).updateRule("sgd").optimConfig(Map.of("beta1", 0.9)).build())
                .hasMessageContaining("'beta1'").hasMessageContaining("sgd");
        assertThatThrownBy(() -> new SolverData(Tensor.zeros(DType.FLOAT32, 4, 3), new int[3], Tensor.zeros(DType.FLOAT32, 2, 3), new int[2]))
                .hasMessageContaining("y_train").hasMessageContaining("4");
        assertThatThrownBy(() -> new SolverData(Tensor.zeros(DType.FLOAT32, 4, 3), new int[4], Tensor.zeros(DType.FLOAT32, 2, 5), new int[2]))
                .hasMessageContaining("X_val");
    }
}
