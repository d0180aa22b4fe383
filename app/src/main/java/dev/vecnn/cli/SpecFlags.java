package dev.vecnn.cli;

import dev.vecnn.kernels.KeepProbability;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.layers.Normalization;
import dev.vecnn.model.MaskSource;
import dev.vecnn.tensor.DType;

import java.util.Locale;

/**
 * The model and Solver flags that {@code experiment} and {@code train} share, declared with the
 * command's defaults (a {@link TrainSpec}) and read back into a spec with every value checked.
 */
final class SpecFlags {
    private SpecFlags() {}

    /** Declares the flags; {@code keepHelp} says whether --keep-p takes one value or a list. */
    static void declare(Flags f, TrainSpec d, String keepDefault, String keepHelp) {
        String keepValue = keepDefault.contains(",") ? "P[,P...]" : "P";
        f.option("hidden", "H[,H...]", join(d.hiddenDims), "hidden layer sizes")
                .option("keep-p", keepValue, keepDefault, keepHelp)
                .option("dropout-mode", "MODE", d.vanillaDropout ? "vanilla" : "inverted",
                        "inverted (scale by 1/p while training) or vanilla (scale by p at test time)")
                .option("masks", "SOURCE", d.masks.name().toLowerCase(Locale.ROOT),
                        "dropout masks: numpy (the assignment's np.random.rand stream) or counter (fast)")
                .option("normalization", "KIND", d.normalization.name().toLowerCase(Locale.ROOT), "none, batchnorm or layernorm")
                .option("reg", "L2", fmt(d.reg), "L2 regularization strength")
                .option("weight-scale", "STD", fmt(d.weightScale), "standard deviation of the initial weights")
                .option("update-rule", "RULE", d.updateRule, "sgd, sgd_momentum, rmsprop or adam")
                .option("lr", "RATE", fmt(d.learningRate), "learning rate")
                .option("lr-decay", "FACTOR", fmt(d.lrDecay), "learning rate multiplier after each epoch")
                .option("epochs", "N", Integer.toString(d.epochs), "epochs")
                .option("batch-size", "N", Integer.toString(d.batchSize), "minibatch size")
                .option("dtype", "TYPE", d.dtype.numpyName(), "float32 or float64")
                .option("print-every", "N", Integer.toString(d.printEvery), "log the loss every N iterations")
                .option("num-train-samples", "N", String.valueOf(d.numTrainSamples),
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

    /** Reads the flags into a spec (keep-p is left to the caller: one value or a list). */
    static TrainSpec read(Flags f) {
        TrainSpec s = new TrainSpec();
        s.hiddenDims = f.integers("hidden", 1);
        s.vanillaDropout = f.choice("dropout-mode", "inverted", "vanilla").equals("vanilla");
        s.masks = MaskSource.parse(f.choice("masks", "numpy", "counter"));
        s.normalization = Normalization.parse(f.choice("normalization", "none", "batchnorm", "layernorm"));
        s.reg = f.real("reg", 0, true, Double.POSITIVE_INFINITY, false);
        s.weightScale = f.real("weight-scale", 0, true, Double.POSITIVE_INFINITY, false);
        s.updateRule = f.choice("update-rule", "sgd", "sgd_momentum", "rmsprop", "adam");
        s.learningRate = f.real("lr", 0, true, Double.POSITIVE_INFINITY, false);
        s.lrDecay = f.real("lr-decay", 0, false, Double.POSITIVE_INFINITY, false);
        s.epochs = f.integer("epochs", 0, 1_000_000);
        s.batchSize = f.integer("batch-size", 1, 1_000_000);
        s.dtype = DType.parse(f.choice("dtype", "float32", "float64"));
        s.printEvery = f.integer("print-every", 1, Integer.MAX_VALUE);
        int samples = f.integer("num-train-samples", 0, Integer.MAX_VALUE);
        s.numTrainSamples = samples == 0 ? null : samples;
        return s;
    }

    /** Applies --threads when given. */
    static void applyThreads(Flags f) {
        if (f.given("threads")) {
            Parallel.setThreads(f.integer("threads", 1, 4096));
        }
    }

    static String join(int[] values) {
        StringBuilder sb = new StringBuilder();
        for (int v : values) {
            sb.append(sb.length() == 0 ? "" : ",").append(v);
        }
        return sb.toString();
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
