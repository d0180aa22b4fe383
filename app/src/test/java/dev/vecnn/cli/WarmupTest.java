package dev.vecnn.cli;

import dev.vecnn.train.TrainSpec;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.random.MT19937State;
import dev.vecnn.random.NumpyRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The warm-up trains on its own: the global random stream and the thread count are untouched. */
class WarmupTest {
    @Test
    void trainsWithoutTouchingTheGlobalStreamAndStops() throws Exception {
        NumpyRandom.seed(5);
        MT19937State before = NumpyRandom.global().getState();
        int threads = Parallel.threads();
        TrainSpec spec = TrainSpec.builder().hiddenDims(8).keepProb(0.5).build();
        Warmup w = Warmup.start(spec, 3 * 32 * 32, 4, 6);
        // a liveness bound, not a timing assertion: a few steps of a 3072-8-10 net take milliseconds
        for (int i = 0; i < 12_000 && w.steps() < 4; i++) Thread.sleep(10);
        int steps = w.stop();
        assertThat(steps).isGreaterThanOrEqualTo(4);
        assertThat(NumpyRandom.global().getState()).isEqualTo(before);
        assertThat(Parallel.threads()).isEqualTo(threads);
        int after = w.steps();
        Thread.sleep(50);
        assertThat(w.steps()).isEqualTo(after); // stopped for good
    }

    /** The task handed to the warm-up (the experiment's start states) has run when it stops. */
    @Test
    void runsItsTaskOnceTheKernelsAreWarm() throws Exception {
        TrainSpec spec = TrainSpec.builder().hiddenDims(8).build();
        java.util.concurrent.FutureTask<String> task = new java.util.concurrent.FutureTask<>(() -> Thread.currentThread().getName());
        Warmup w = Warmup.start(spec, 3 * 32 * 32, 4, 6, task);
        w.stop();
        assertThat(task.isDone()).isTrue();
        assertThat(task.get()).isEqualTo("vecnn-warmup");
    }


    /**
     * The phases run in order: narrow input, then two depth blocks, both on narrow layers; last
     * the real widths and batch sizes (see Warmup's class comment for why this order).
     */
    @Test
    void endsWithThePhaseAtTheRunsOwnSizes() throws Exception {
        TrainSpec spec = TrainSpec.builder().hiddenDims(48, 8).keepProb(0.5).build();
        Warmup w = Warmup.start(spec, 3 * 32 * 32, 7, 600);
        // a liveness bound, not a timing assertion
        for (int i = 0; i < 12_000 && w.phasesBegun().size() < 3; i++) Thread.sleep(10);
        w.stop();
        int twoBlocks = dev.vecnn.kernels.GemmShape.KC + 8;
        assertThat(w.phasesBegun()).containsExactly(
                "QUICK input=24 hidden=[40, 8] rows=20 eval=20",
                "TWO_BLOCKS input=" + twoBlocks + " hidden=[40, 8] rows=20 eval=20",
                "FULL input=" + twoBlocks + " hidden=[48, 8] rows=7 eval=300");
    }
}
