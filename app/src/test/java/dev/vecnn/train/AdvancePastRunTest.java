package dev.vecnn.train;

import dev.vecnn.layers.Normalization;
import dev.vecnn.model.MaskSource;
import dev.vecnn.random.MT19937State;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.solver.SolverData;
import dev.vecnn.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Trainer#advancePastRun} (the stand-in run on 9 zero features, from the data's sizes alone,
 * that side-by-side training uses to find where a run leaves the random stream) ends exactly
 * where the real run ends, for
 * every kind of draw a run makes: minibatches, numpy masks (seeded or not), counter masks (no
 * draws per step), batchnorm, and subsampled accuracy checks.
 */
class AdvancePastRunTest {
    private static SolverData data() {
        NumpyRandom r = new NumpyRandom(8);
        float[] xt = new float[90 * 20];
        float[] xv = new float[45 * 20];
        for (int i = 0; i < xt.length; i++) xt[i] = (float) r.standardNormal();
        for (int i = 0; i < xv.length; i++) xv[i] = (float) r.standardNormal();
        int[] yt = new int[90];
        int[] yv = new int[45];
        for (int i = 0; i < 90; i++) yt[i] = i % 10;
        for (int i = 0; i < 45; i++) yv[i] = i % 10;
        return new SolverData(Tensor.of(xt, 90, 20), yt, Tensor.of(xv, 45, 20), yv);
    }

    @ParameterizedTest
    @CsvSource({"1.0, NONE, NUMPY, 1000", "0.5, NONE, NUMPY, 1000", "0.5, NONE, NUMPY, 40",
            "0.5, BATCHNORM, NUMPY, 40", "0.5, LAYERNORM, NUMPY, 40", "0.5, NONE, COUNTER, 40"})
    void endsWhereTheRealRunEnds(double keep, Normalization norm, MaskSource masks, int numTrainSamples) throws Exception {
        SolverData d = data();
        TrainSpec spec = TrainSpec.builder().hiddenDims(30, 20).keepProb(keep).normalization(norm).masks(masks)
                .weightScale(5e-2).epochs(3).batchSize(20).numTrainSamples(numTrainSamples).build();
        MT19937State[] end = new MT19937State[2];
        for (int standIn = 0; standIn < 2; standIn++) {
            NumpyRandom rng = new NumpyRandom(99);
            if (standIn == 1) {
                Trainer.advancePastRun(spec, 20, 90, 45, rng); // the sizes of data(): the stand-in never sees it
            } else {
                Trainer.of(spec, d).log(new PrintStream(java.io.OutputStream.nullOutputStream())).random(rng)
                        .clock(() -> 0L).trainOrThrow(); // a fixed clock: only the draws matter here
            }
            end[standIn] = rng.getState();
        }
        assertThat(end[1]).isEqualTo(end[0]);
        assertThat(new NumpyRandom(99).getState()).isNotEqualTo(end[0]); // the run did draw
    }

    /**
     * {@link SideBySideRuns#startStates} (found from the data's sizes before it is loaded) gives
     * each net the state it starts from when the nets train one after another on the real data.
     */
    @ParameterizedTest
    @CsvSource({"false", "true"})
    void startStatesAreWhereEachNetStartsInTurn(boolean reseedEach) throws Exception {
        SolverData d = data();
        TrainSpec spec = TrainSpec.builder().hiddenDims(30).weightScale(5e-2).epochs(2).batchSize(20).build();
        double[] keeps = {1.0, 0.5, 0.25};
        java.util.List<MT19937State> starts = SideBySideRuns.startStates(keeps, spec, 20, 90, 45, 99, reseedEach);
        NumpyRandom rng = new NumpyRandom(99);
        for (int i = 0; i < keeps.length; i++) {
            if (reseedEach) rng.setSeed(99);
            assertThat(starts.get(i)).as("net " + i).isEqualTo(rng.getState());
            Trainer.of(spec.toBuilder().keepProb(keeps[i]).build(), d).log(new PrintStream(java.io.OutputStream.nullOutputStream()))
                    .random(rng).clock(() -> 0L).trainOrThrow();
        }
        if (!reseedEach) assertThat(starts.get(2)).isNotEqualTo(starts.get(1)); // the nets did draw
    }

}
