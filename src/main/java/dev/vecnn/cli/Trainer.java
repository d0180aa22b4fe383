package dev.vecnn.cli;

import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.Model;
import dev.vecnn.solver.Solver;
import dev.vecnn.solver.SolverData;

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
    static final class CheckpointPlan {
        final Path file;
        final List<String> args;
        final Checkpoint.Loaded resumeFrom;
        final int stopAfterEpochs;

        CheckpointPlan(Path file, List<String> args, Checkpoint.Loaded resumeFrom, int stopAfterEpochs) {
            this.file = file;
            this.args = args;
            this.resumeFrom = resumeFrom;
            this.stopAfterEpochs = stopAfterEpochs;
        }
    }

    /** What a run returns: the history for the reports, the solver and net for anything else. */
    static final class Outcome {
        final RunHistory history;
        final Solver solver;
        final FullyConnectedNet net;
        final boolean finished;

        Outcome(RunHistory history, Solver solver, FullyConnectedNet net, boolean finished) {
            this.history = history;
            this.solver = solver;
            this.net = net;
            this.finished = finished;
        }
    }

    private Trainer() {}

    /**
     * Builds the net (drawing its weights from the global NumpyRandom), restores a checkpoint when
     * given, trains, and returns the histories. {@code bar} may be null (no progress bar).
     */
    static Outcome run(String label, TrainSpec spec, SolverData data, PrintStream log, Progress bar,
                       CheckpointPlan plan, java.util.function.LongSupplier clock) throws IOException {
        int inputDim = data.xTrain().rowLength();
        FullyConnectedNet net = spec.buildNet(inputDim, 10);
        int[] startEpoch = {0};
        Solver.Builder b = solverBuilder(net, spec, data).verbose(log);
        if (bar != null) {
            b.onIteration((s, done, loss) -> bar.update(done, loss));
        }
        if (plan != null && plan.file != null) {
            b.checkpointName(plan.file.toString()).onCheckpoint(s -> {
                try {
                    Checkpoint.save(plan.file, plan.args, s.state());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write checkpoint " + plan.file + ": " + e.getMessage(), e);
                }
                boolean epochEnd = s.iteration() % s.iterationsPerEpoch() == 0;
                if (plan.stopAfterEpochs > 0 && epochEnd && s.epoch() - startEpoch[0] >= plan.stopAfterEpochs) {
                    s.requestStop();
                }
            });
        }
        Solver solver = b.build();
        if (plan != null && plan.resumeFrom != null) {
            solver.restore(plan.resumeFrom.state);
        }
        startEpoch[0] = solver.epoch();
        long start = clock.getAsLong();
        if (bar != null) {
            bar.start(label, solver.numIterations());
            bar.update(solver.iteration(), Double.NaN);
        }
        solver.train();
        if (bar != null) {
            bar.finish();
        }
        double seconds = (clock.getAsLong() - start) / 1e9;
        boolean finished = solver.iteration() >= solver.numIterations();
        RunHistory h = new RunHistory(label, spec.keepProb, toArray(solver.lossHistory()),
                toArray(solver.trainAccHistory()), toArray(solver.valAccHistory()), solver.bestValAcc(), seconds);
        return new Outcome(h, solver, net, finished);
    }

    /**
     * Draws from the global NumpyRandom exactly what {@link #run} with no checkpoint plan would
     * draw (the weights, then every training draw), without training: afterwards the global
     * state is the one the run would leave.
     */
    static void skipDraws(TrainSpec spec, SolverData data) {
        FullyConnectedNet net = spec.buildNet(data.xTrain().rowLength(), 10);
        solverBuilder(net, spec, data).build().skipTrainingDraws();
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
