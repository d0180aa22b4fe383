package dev.vecnn.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vecnn.random.NumpyRandom;
import dev.vecnn.solver.SolverData;
import dev.vecnn.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Trainer#train}: the Solver trains the net itself and feeds the progress bar after every step. */
class TrainerTest {
    @Test
    void theBarSeesEveryIterationAndTheSolverTrainsTheNetItself() throws Exception {
        NumpyRandom r = new NumpyRandom(4);
        double[] xt = r.randn(40, 12);
        double[] xv = r.randn(10, 12);
        int[] yt = new int[40];
        int[] yv = new int[10];
        for (int i = 0; i < yt.length; i++) yt[i] = i % 10;
        for (int i = 0; i < yv.length; i++) yv[i] = i % 10;
        SolverData data = new SolverData(Tensor.of(xt, 40, 12), yt, Tensor.of(xv, 10, 12), yv);
        TrainSpec spec = TrainSpec.builder().hiddenDims(16).keepProb(0.5).epochs(3).batchSize(10).numTrainSamples(20).build();
        List<String> calls = new ArrayList<>();
        Progress bar = new Progress() {
            @Override public void start(String label, long total) { calls.add("start " + label + " " + total); }
            @Override public void update(long done, double loss) { calls.add(done + " " + loss); }
            @Override public void finish() { calls.add("finish"); }
        };
        NumpyRandom.seed(231);
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Trainer.Outcome o = Trainer.of(spec, data).label("run").log(log).progress(bar).clock(() -> 0L).trainOrThrow();

        assertThat(o.solver().model()).isSameAs(o.net());
        assertThat(o.finished()).isTrue();
        List<String> expected = new ArrayList<>(List.of("start run 12", "0 NaN"));
        for (int i = 0; i < 12; i++) expected.add((i + 1) + " " + o.solver().lossHistory().get(i));
        expected.add("finish");
        assertThat(calls).isEqualTo(expected);
    }
}
