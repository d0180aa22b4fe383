package dev.vecnn.sweep;

import dev.vecnn.kernels.Parallel;
import dev.vecnn.model.FullyConnectedNet;
import dev.vecnn.model.ModelFile;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.solver.IterationListener;
import dev.vecnn.solver.Solver;
import dev.vecnn.solver.SolverDivergedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Trains one trial: a FullyConnectedNet and the assignment's Solver, both drawing from
 * {@code new NumpyRandom(config.seed())} (weights, minibatches, dropout masks, accuracy-check
 * samples), on the calling thread only ({@link Parallel#callSerially}: a sweep keeps every core
 * busy with trials, and the bits do not depend on the thread count anyway). Nothing global is
 * read or changed, so trials may run side by side in one JVM and give the same numbers as alone.
 */
public final class TrialRunner {
    private TrialRunner() {}

    /** Trains trial {@code config} on {@code data}; the result carries the best model's file bytes. */
    public static TrialResult run(TrialConfig config, SweepSettings settings, SweepData data) {
        return run(config, settings, data, null);
    }

    /**
     * As {@link #run(TrialConfig, SweepSettings, SweepData)}, calling {@code onIteration} after
     * every minibatch (null: none), e.g. to stop a trial mid-way in a test.
     */
    public static TrialResult run(TrialConfig config, SweepSettings settings, SweepData data, IterationListener onIteration) {
        try {
            return Parallel.callSerially(() -> train(config, settings, data, onIteration));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TrialResult train(TrialConfig c, SweepSettings s, SweepData data, IterationListener onIteration)
            throws IOException {
        long start = System.nanoTime();
        NumpyRandom rng = new NumpyRandom(c.seed());
        FullyConnectedNet net = FullyConnectedNet.builder(c.hiddenDims())
                .inputDim(data.data().xTrain().rowLength()).numClasses(10)
                .dropout(c.keepProb()).normalization(c.normalization()).reg(c.reg()).weightScale(c.weightScale())
                .random(rng).build();
        Solver.Builder b = Solver.builder(net, data.data()).updateRule(s.updateRule())
                .optimConfig(Map.of("learning_rate", c.learningRate())).lrDecay(s.lrDecay())
                .batchSize(s.batchSize()).numEpochs(s.epochs()).random(rng);
        if (onIteration != null) {
            b.onIteration(onIteration);
        }
        Solver solver = b.build();
        boolean diverged = false;
        try {
            solver.train();
        } catch (SolverDivergedException e) {
            diverged = true;
        }
        byte[] model = diverged ? null : modelBytes(net, data.meanImage());
        return new TrialResult(c, toArray(solver.lossHistory()), toArray(solver.trainAccHistory()),
                toArray(solver.valAccHistory()), solver.bestValAcc(), diverged, (System.nanoTime() - start) / 1e9, model);
    }

    /** The model file of {@code net} (its best parameters after train()) with the mean image. */
    static byte[] modelBytes(FullyConnectedNet net, double[] meanImage) throws IOException {
        Path tmp = Files.createTempFile("vecnn-trial-", ".npz");
        try {
            ModelFile.write(tmp, ModelFile.of(net).withMeanImage(meanImage));
            return Files.readAllBytes(tmp);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // a temporary file left behind changes no result
            }
        }
    }

    private static double[] toArray(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }
}
