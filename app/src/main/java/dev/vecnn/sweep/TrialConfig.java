package dev.vecnn.sweep;

import dev.vecnn.kernels.Parallel;
import dev.vecnn.model.ModelFile;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.solver.IterationListener;
import dev.vecnn.train.TrainSpec;
import dev.vecnn.train.Trainer;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One trial of a sweep: its index, the seed of its random stream (weights, minibatches, dropout
 * masks, accuracy-check samples all come from {@code new NumpyRandom(seed)}) and the run it
 * trains: the sweep's base {@link TrainSpec} with the hyperparameters drawn for this trial. A pure
 * function of (sweep seed, index): see {@link SearchSpace#trial}.
 */
public record TrialConfig(int index, long seed, TrainSpec spec) implements Serializable {

    /** The spec's values a search space draws, by {@link TrainSpec#toMap()}'s names, in the trial file's order. */
    private static final List<String> DRAWN = List.of("learning_rate", "weight_scale", "reg", "dropout_keep_p", "hidden_dims",
            "normalization");

    /** The trial's index, seed and drawn values, for the trial file and summary.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", index);
        m.put("seed", seed);
        Map<String, Object> all = spec.toMap();
        for (String k : DRAWN) {
            m.put(k, all.get(k));
        }
        return m;
    }

    /** Hidden sizes as a sweep's --hidden takes them: {@code 100x50}. */
    public String hiddenText() {
        return spec.hiddenText("x");
    }

    /**
     * Trains the trial with the {@link Trainer}, drawing from {@code new NumpyRandom(seed)}, on
     * the calling thread only ({@link Parallel#callSerially}: a sweep keeps every core busy with
     * trials, and the bits do not depend on the thread count anyway). Nothing global is read or
     * changed, so trials may run side by side in one JVM and give the same numbers as alone. A
     * diverged trial is reported, not thrown; the result carries the best model's file bytes.
     * {@code onIteration} (null: none) is called after every minibatch, e.g. to stop a trial
     * mid-way in a test.
     */
    public TrialResult train(SweepData data, IterationListener onIteration) {
        try {
            return Parallel.callSerially(() -> {
                Trainer.Outcome o = Trainer.of(spec, data.data()).random(new NumpyRandom(seed)).onIteration(onIteration).train();
                boolean diverged = o.diverged() != null;
                byte[] model = diverged ? null : modelBytes(o, data.meanImage());
                return new TrialResult(this, o.history().loss, o.history().trainAcc, o.history().valAcc,
                        o.solver().bestValAcc(), diverged, o.history().seconds, model);
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The model file of the trained net (its best parameters after train()) with the mean image. */
    private static byte[] modelBytes(Trainer.Outcome o, double[] meanImage) throws IOException {
        Path tmp = Files.createTempFile("vecnn-trial-", ".npz");
        try {
            ModelFile.write(tmp, ModelFile.of(o.net()).withMeanImage(meanImage));
            return Files.readAllBytes(tmp);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // a temporary file left behind changes no result
            }
        }
    }

    @Override
    public String toString() {
        return "trial " + index + " (seed " + seed + ", lr " + spec.learningRate() + ", weight_scale " + spec.weightScale()
                + ", reg " + spec.reg() + ", keep_p " + spec.keepProb() + ", hidden " + hiddenText() + ", "
                + spec.normalization().name().toLowerCase(Locale.ROOT) + ")";
    }
}
