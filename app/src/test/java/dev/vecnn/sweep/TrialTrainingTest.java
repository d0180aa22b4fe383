package dev.vecnn.sweep;

import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TrialConfig#train}: a sweep's trial trained by the one Trainer. */
class TrialTrainingTest {
    private static final SearchSpace SPACE = SearchSpace.of(Map.of("lr", "1e-3..1e-2:log", "weight-scale", "1e-2..1e-1:log",
            "keep-p", "0.5,1", "hidden", "16,8x8", "norm", "none,batchnorm"), null);

    @Test
    void aTrialGivesTheSameNumbersAloneAndBesideOthers() throws Exception {
        SweepData data = TinySweepData.make(50, 30, 12, 1);
        SweepDefinition sweep = TinySweepData.sweep(SPACE, 50, 3, 9);
        List<TrialResult> alone = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            alone.add(sweep.trial(i).train(data, null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<TrialResult>> side = new ArrayList<>();
            for (int i = 5; i >= 0; i--) { // other order, three at a time
                int index = i;
                side.add(pool.submit(() -> sweep.trial(index).train(data, null)));
            }
            for (int k = 0; k < 6; k++) {
                TrialResult r = side.get(k).get();
                TrialResult a = alone.get(5 - k);
                assertThat(r.sameNumbers(a)).as("trial " + a.config().index()).isTrue();
                assertThat(ModelBytes.numbers(r.model())).isEqualTo(ModelBytes.numbers(a.model()));
            }
        } finally {
            pool.shutdownNow();
        }
        // Histories as the Solver keeps them: 5 iterations per epoch, a check after the first and each epoch.
        TrialResult r = alone.get(0);
        assertThat(r.lossHistory()).hasSize(15);
        assertThat(r.valAccHistory()).hasSize(4);
        assertThat(r.bestValAcc()).isEqualTo(java.util.Arrays.stream(r.valAccHistory()).max().orElseThrow());
        // Different trials train differently (different seeds and values).
        assertThat(alone.get(1).sameNumbers(alone.get(0))).isFalse();
    }

    @Test
    void aTrialIsTheTrainersRunOfItsSpecOnItsOwnStream() throws Exception {
        SweepData data = TinySweepData.make(50, 30, 12, 5);
        TrialConfig trial = TinySweepData.sweep(SPACE, 50, 2, 4).trial(3);
        TrialResult r = trial.train(data, null);
        // The one Trainer, called as experiment and train call it, with the trial's spec and seed.
        Trainer.Outcome o = Trainer.of(trial.spec(), data.data()).random(new NumpyRandom(trial.seed())).train();
        assertThat(r.lossHistory()).containsExactly(o.history().loss);
        assertThat(r.trainAccHistory()).containsExactly(o.history().trainAcc);
        assertThat(r.valAccHistory()).containsExactly(o.history().valAcc);
        assertThat(r.bestValAcc()).isEqualTo(o.solver().bestValAcc());
        assertThat(trial.spec().epochs()).isEqualTo(2);
        assertThat(trial.spec().batchSize()).isEqualTo(10);
    }

    @Test
    void theModelBytesAreTheBestParametersWithTheMeanImage(@TempDir Path dir) throws Exception {
        SweepData data = TinySweepData.make(50, 30, 12, 2);
        TrialResult r = TinySweepData.sweep(SPACE, 50, 2, 3).trial(0).train(data, null);
        Path f = dir.resolve("m.npz");
        Files.write(f, r.model());
        FullyConnectedNet net = FullyConnectedNet.load(f);
        assertThat(net.inputDim()).isEqualTo(12);
        assertThat(net.hiddenDims()).containsExactly(r.config().spec().hiddenDims());
        assertThat(dev.vecnn.model.ModelFile.read(f).hasMeanImage()).isTrue();
        // The loaded net scores the validation set with the best accuracy the Solver saw.
        int[] pred = argmax(net.loss(data.data().xVal()));
        int right = 0;
        for (int i = 0; i < pred.length; i++) {
            right += pred[i] == data.data().yVal()[i] ? 1 : 0;
        }
        assertThat((double) right / pred.length).isEqualTo(r.bestValAcc());
    }

    @Test
    void aDivergedTrialIsReportedNotThrown() {
        SweepData data = TinySweepData.make(50, 30, 12, 3);
        SearchSpace huge = SearchSpace.of(Map.of("lr", "1e30", "weight-scale", "1e3"), null);
        TrialResult r = huge.trial(TinySweepData.base(3, "sgd").toBuilder().lrDecay(1.0).build(), 0, 0).train(data, null);
        assertThat(r.diverged()).isTrue();
        assertThat(r.model()).isNull();
    }

    private static int[] argmax(dev.vecnn.tensor.Tensor scores) {
        int rows = scores.rows();
        int cols = scores.rowLength();
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < cols; c++) {
                if (scores.get(r * cols + c) > scores.get(r * cols + best)) {
                    best = c;
                }
            }
            out[r] = best;
        }
        return out;
    }
}
