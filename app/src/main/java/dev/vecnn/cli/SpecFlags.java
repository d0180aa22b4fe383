package dev.vecnn.cli;

import dev.vecnn.kernels.KeepProbability;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.layers.Normalization;
import dev.vecnn.model.MaskSource;
import dev.vecnn.tensor.DType;
import dev.vecnn.train.TrainSpec;

import java.util.Locale;

/**
 * The model and Solver flags that {@code experiment} and {@code train} share, declared with the
 * command's defaults (a {@link TrainSpec}) and read back into a spec, which checks every value.
 */
final class SpecFlags {
    private SpecFlags() {}

    /** Declares the flags; {@code keepHelp} says whether --keep-p takes one value or a list. */
    static void declare(Flags f, TrainSpec d, String keepDefault, String keepHelp) {
        String keepValue = keepDefault.contains(",") ? "P[,P...]" : "P";
        f.option("hidden", "H[,H...]", d.hiddenText(","), "hidden layer sizes")
                .option("keep-p", keepValue, keepDefault, keepHelp)
                .option("dropout-mode", "MODE", d.vanillaDropout() ? "vanilla" : "inverted",
                        "inverted (scale by 1/p while training) or vanilla (scale by p at test time)")
                .option("masks", "SOURCE", d.masks().name().toLowerCase(Locale.ROOT),
                        "dropout masks: numpy (the assignment's np.random.rand stream) or counter (fast)")
                .option("normalization", "KIND", d.normalization().name().toLowerCase(Locale.ROOT), "none, batchnorm or layernorm")
                .option("reg", "L2", fmt(d.reg()), "L2 regularization strength")
                .option("weight-scale", "STD", fmt(d.weightScale()), "standard deviation of the initial weights")
                .option("update-rule", "RULE", d.updateRule(), "sgd, sgd_momentum, rmsprop or adam")
                .option("lr", "RATE", fmt(d.learningRate()), "learning rate")
                .option("lr-decay", "FACTOR", fmt(d.lrDecay()), "learning rate multiplier after each epoch")
                .option("epochs", "N", Integer.toString(d.epochs()), "epochs")
                .option("batch-size", "N", Integer.toString(d.batchSize()), "minibatch size")
                .option("dtype", "TYPE", d.dtype().numpyName(), "float32 or float64")
                .option("print-every", "N", Integer.toString(d.printEvery()), "log the loss every N iterations")
                .option("num-train-samples", "N", String.valueOf(d.numTrainSamples()),
                        "training images sampled for the train-accuracy check (0 = all)")
                .option("threads", "N", null, "kernel threads (default: -Dvecnn.threads or all cores)")
                .option("progress", "MODE", "auto", "auto (a bar on a terminal, the plain log otherwise), bar or plain");
    }

    /** A --keep-p value, checked by the library's one rule ({@link KeepProbability}). */
    static double keepProbability(double p) {
        String problem = KeepProbability.problem("--keep-p", p);
        if (problem != null) {
            throw new UsageException(problem);
        }
        return p;
    }

    /** Each value of a --keep-p list, checked as {@link #keepProbability(double)} does. */
    static double[] keepProbabilities(double[] ps) {
        for (double p : ps) {
            keepProbability(p);
        }
        return ps;
    }

    /**
     * Reads the flags into a spec's builder (keep-p is left to the caller: one value or a list);
     * the ranges are checked by {@link TrainSpec.Builder#build()}.
     */
    static TrainSpec.Builder read(Flags f) {
        int samples = f.integer("num-train-samples", 0, Integer.MAX_VALUE);
        return TrainSpec.builder()
                .hiddenDims(f.integers("hidden", 1))
                .vanillaDropout(f.choice("dropout-mode", "inverted", "vanilla").equals("vanilla"))
                .masks(MaskSource.parse(f.choice("masks", "numpy", "counter")))
                .normalization(Normalization.parse(f.choice("normalization", "none", "batchnorm", "layernorm")))
                .reg(f.real("reg"))
                .weightScale(f.real("weight-scale"))
                .updateRule(f.choice("update-rule", TrainSpec.UPDATE_RULES.toArray(new String[0])))
                .learningRate(f.real("lr"))
                .lrDecay(f.real("lr-decay"))
                .epochs(f.integer("epochs"))
                .batchSize(f.integer("batch-size"))
                .dtype(DType.parse(f.choice("dtype", "float32", "float64")))
                .printEvery(f.integer("print-every"))
                .numTrainSamples(samples == 0 ? null : samples);
    }

    /** The --seed of np.random.seed: in numpy's range [0, 2^32 - 1]. */
    static long seed(Flags f) {
        long seed = f.optionalLong("seed");
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new UsageException("--seed must be in [0, 4294967295] (numpy's range), got " + seed);
        }
        return seed;
    }

    /** Applies --threads when given. */
    static void applyThreads(Flags f) {
        if (f.given("threads")) {
            Parallel.setThreads(f.integer("threads", 1, 4096));
        }
    }

    /** A number as a person would type it: 5e-4, 0.01, 1. */
    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e9) {
            return Long.toString((long) d);
        }
        String plain = Double.toString(d);
        return plain.replace("E", "e").replace(".0e", "e");
    }
}
