package dev.vecnn.cli;

import dev.vecnn.io.DataException;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.Model;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.solver.Solver;
import dev.vecnn.solver.SolverData;
import dev.vecnn.solver.SolverDivergedException;
import dev.vecnn.tensor.Tensor;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Trains one FullyConnectedNet with the assignment's Solver as a {@link TrainSpec} says: the
 * Solver's log to a stream, an optional progress bar fed after every minibatch (the Solver's
 * iteration listener), optional
 * checkpoints after every accuracy check, optional resume and early stop. The caller seeds the
 * global NumpyRandom (the net's weights and the minibatches come from it).
 */
final class Trainer {
    /** Where and how to checkpoint; null fields mean "not asked for". */
    record CheckpointPlan(Path file, List<String> args, Checkpoint.Loaded resumeFrom, int stopAfterEpochs) {}

    /**
     * What a run returns: the history for the reports, the solver and net for anything else;
     * {@code diverged} is null unless the loss became NaN or infinite (the history then ends there).
     */
    record Outcome(RunHistory history, Solver solver, FullyConnectedNet net, boolean finished,
                   SolverDivergedException diverged) {}

    private Trainer() {}

    /**
     * Builds the net (drawing its weights from the global NumpyRandom), restores a checkpoint when
     * given, trains, and returns the histories. {@code bar} may be null (no progress bar).
     */
    static Outcome run(String label, TrainSpec spec, SolverData data, PrintStream log, Progress bar,
                       CheckpointPlan plan, java.util.function.LongSupplier clock) throws IOException {
        return run(label, spec, data, log, bar, plan, clock, NumpyRandom.global());
    }

    /** {@link #run} with the net and the Solver drawing from {@code rng} instead of the global stream. */
    static Outcome run(String label, TrainSpec spec, SolverData data, PrintStream log, Progress bar,
                       CheckpointPlan plan, java.util.function.LongSupplier clock, NumpyRandom rng) throws IOException {
        Outcome o = runKeepingDivergence(label, spec, data, log, bar, plan, clock, rng);
        if (o.diverged() != null) {
            throw o.diverged();
        }
        return o;
    }

    /**
     * {@link #run}, except that a diverged run (a NaN or infinite loss) is returned, with the
     * histories up to the iteration that diverged, instead of thrown.
     */
    static Outcome runKeepingDivergence(String label, TrainSpec spec, SolverData data, PrintStream log, Progress bar,
                                        CheckpointPlan plan, java.util.function.LongSupplier clock) throws IOException {
        return runKeepingDivergence(label, spec, data, log, bar, plan, clock, NumpyRandom.global());
    }

    private static Outcome runKeepingDivergence(String label, TrainSpec spec, SolverData data, PrintStream log, Progress bar,
                                                CheckpointPlan plan, java.util.function.LongSupplier clock, NumpyRandom rng)
            throws IOException {
        int inputDim = data.xTrain().rowLength();
        FullyConnectedNet net = spec.buildNet(inputDim, 10, rng);
        int[] startEpoch = {0};
        Solver.Builder b = solverBuilder(net, spec, data).random(rng).verbose(log);
        if (bar != null) {
            b.onIteration((s, done, loss) -> bar.update(done, loss));
        }
        if (plan != null && plan.file() != null) {
            b.checkpointName(plan.file().toString()).onCheckpoint(s -> {
                try {
                    Checkpoint.save(plan.file(), plan.args(), s.state());
                } catch (IOException e) {
                    // AtomicFiles names the file and the reason; other failures (disk full) get the file here.
                    boolean named = e instanceof java.nio.file.FileSystemException
                            && plan.file().toString().equals(((java.nio.file.FileSystemException) e).getFile());
                    throw new UncheckedIOException("cannot write checkpoint " + (named ? "" : plan.file() + ": ")
                            + e.getMessage(), e);
                }
                boolean epochEnd = s.iteration() % s.iterationsPerEpoch() == 0;
                if (plan.stopAfterEpochs() > 0 && epochEnd && s.epoch() - startEpoch[0] >= plan.stopAfterEpochs()) {
                    s.requestStop();
                }
            });
        }
        Solver solver = b.build();
        if (plan != null && plan.resumeFrom() != null) {
            try {
                solver.restore(plan.resumeFrom().state);
            } catch (IllegalArgumentException e) { // a parameter of the wrong shape, optimizer state missing, ...
                throw new DataException("checkpoint " + plan.file() + ": " + e.getMessage(), e);
            }
        }
        startEpoch[0] = solver.epoch();
        long start = clock.getAsLong();
        if (bar != null) {
            bar.start(label, solver.numIterations());
            bar.update(solver.iteration(), Double.NaN);
        }
        SolverDivergedException diverged = null;
        try {
            solver.train();
        } catch (SolverDivergedException e) {
            diverged = e;
        }
        if (bar != null && diverged == null) {
            bar.finish();
        }
        double seconds = (clock.getAsLong() - start) / 1e9;
        boolean finished = solver.iteration() >= solver.numIterations();
        RunHistory h = new RunHistory(label, spec.keepProb, toArray(solver.lossHistory()),
                toArray(solver.trainAccHistory()), toArray(solver.valAccHistory()), solver.bestValAcc(), seconds);
        return new Outcome(h, solver, net, finished && diverged == null, diverged);
    }

    /**
     * Leaves {@code rng} where {@link #run} (no checkpoint plan) would leave it, without the
     * run's arithmetic: it builds the run's net from {@code rng} (its weight draws), then trains
     * a stand-in with the same options on a one-feature copy of the data (same rows, same
     * labels) with the same Solver, drawing from {@code rng}. Every draw comes from the code a
     * real run executes (minibatch choices, dropout masks, accuracy-check samples), so no list of
     * draws is kept by hand; the products shrink by the input width (3072 for CIFAR-10).
     * Assumes the real run does not stop early (no NaN loss).
     */
    static void advancePastRun(TrainSpec spec, SolverData data, NumpyRandom rng) {
        spec.buildNet(data.xTrain().rowLength(), 10, rng);
        FullyConnectedNet blank = spec.buildNet(1, 10, new NumpyRandom(0));
        FullyConnectedNet standIn = spec.netBuilder(1, 10).random(rng).params(blank.params()).build();
        solverBuilder(standIn, spec, oneFeature(data)).random(rng).build().train();
    }

    /** The same rows and labels with one zero feature per row. */
    private static SolverData oneFeature(SolverData data) {
        return new SolverData(Tensor.zeros(data.xTrain().dtype(), data.xTrain().rows(), 1), data.yTrain(),
                Tensor.zeros(data.xVal().dtype(), data.xVal().rows(), 1), data.yVal());
    }

    private static Solver.Builder solverBuilder(Model model, TrainSpec spec, SolverData data) {
        return Solver.builder(model, data)
                .updateRule(spec.updateRule)
                .optimConfig(Map.of("learning_rate", spec.learningRate))
                .lrDecay(spec.lrDecay)
                .batchSize(spec.batchSize)
                .numEpochs(spec.epochs)
                .numTrainSamples(spec.numTrainSamples)
                .printEvery(spec.printEvery);
    }

    static double[] toArray(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }
}
