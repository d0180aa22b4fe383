package dev.vecnn.cli;

import dev.vecnn.sweep.SearchSpace;
import dev.vecnn.sweep.SearchSpaceException;
import dev.vecnn.sweep.SweepDefinition;
import dev.vecnn.train.CifarSubset;
import dev.vecnn.train.TrainSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line of {@code vecnn sweep} (run by the spark/ module), read by {@link Flags} like
 * every other command's, without Spark: the sweep (search space from flags, or a {@code --space}
 * file that flags override; the {@link TrainSpec} every trial starts from; the images; the seed),
 * the number of trials, the output folder, the Spark master and the progress display. Every
 * problem is a one-line {@code SettingException} (exit status 2).
 *
 * @param helpRequested {@code --help} was given: nothing else is read
 * @param progress      "auto" (a redrawn line on a terminal), "bar" or "plain" (one line per trial)
 */
public record SweepOptions(boolean helpRequested, SweepDefinition sweep, int trials, Path out, String master, String progress) {
    /** The default Spark master: Spark embedded in this JVM, one task per core. */
    public static final String DEFAULT_MASTER = "local[*]";
    /** A random search's trials when --trials is not given. */
    private static final int RANDOM_TRIALS = 8;

    static Flags flags() {
        Flags f = new Flags("sweep", "Hyperparameter search on Apache Spark (embedded: local[*]; or a cluster with --master): each trial\n"
                + "trains one FullyConnectedNet with the Solver on one executor core and reports its best validation\n"
                + "accuracy. Trial i's values and seed depend only on (--seed, i): same table on any master.\n"
                + "Rerunning the same sweep into the same --out skips the trials already there.")
                .section("Search space (a list a,b,c; a range lo..hi; a log-uniform range lo..hi:log):");
        String[] help = {"learning rate", "weight scale", "L2 regularization", "dropout KEEP probability, 1 = no dropout",
            "hidden layer sizes, a list like 100,200,100x50", "none, batchnorm, layernorm"}; // in DEFAULTS' order
        int k = 0;
        for (Map.Entry<String, String> p : SearchSpace.DEFAULTS.entrySet()) {
            f.option(p.getKey(), "VALUES", p.getValue(), help[k++]);
        }
        TrainSpec d = base();
        return f.option("space", "FILE", null, "the same as lines 'name: values' (# comments; 'search: grid'); flags win")
                .option("search", "grid|random", null, "default: grid when every parameter is a list, else random")
                .option("trials", "N", null, "default: the grid's size (grid), " + RANDOM_TRIALS + " (random)")
                .option("seed", "S", "0", "the sweep seed")
                .section("Every trial:")
                .option("epochs", "N", Integer.toString(d.epochs()), "epochs")
                .option("num-train", "N", "1000", "training images, the first N of the training split")
                .option("num-val", "N", "1000", "validation images")
                .option("split-train", "N", "49000", "get_CIFAR10_data's training split; its mean image is subtracted")
                .option("batch-size", "N", Integer.toString(d.batchSize()), "minibatch size")
                .option("update-rule", "R", d.updateRule(), String.join(", ", TrainSpec.UPDATE_RULES))
                .option("lr-decay", "D", SpecFlags.fmt(d.lrDecay()), "learning rate multiplier after each epoch")
                .option("data", "PATH", "data/", "CIFAR-10 folder or cifar-10-binary.tar.gz every executor can read")
                .section("Run:")
                .option("out", "DIR", "runs/sweep", "output folder, also the resume state")
                .option("master", "URL", DEFAULT_MASTER, "Spark master: local[*], local[N], local[N,retries], spark://..., yarn, k8s://...")
                .option("progress", "MODE", "auto", "auto, bar, plain")
                .footer("Writes into --out: trials/ (one JSON per trial), trials.csv, summary.json, tuning.png, best_model.npz.");
    }

    /** The Solver's options every trial shares, before the flags: 5 epochs, Adam, lr decay 0.95. */
    private static TrainSpec base() {
        return TrainSpec.NOTEBOOK.toBuilder().epochs(5).lrDecay(0.95).build();
    }

    /** The help page. */
    public static String help() {
        return flags().help();
    }

    /** Parses {@code args}; the space file is read here. */
    public static SweepOptions parse(String[] args) throws IOException {
        Flags f = flags().parse(args, 0);
        if (f.helpRequested()) {
            return new SweepOptions(true, null, 0, null, null, null);
        }
        Map<String, String> space = new LinkedHashMap<>();
        String search = null;
        if (f.given("space")) {
            Map<String, String> file = SearchSpace.readFile(Path.of(f.string("space")));
            search = file.remove("search");
            space.putAll(file);
        }
        for (String p : SearchSpace.DEFAULTS.keySet()) {
            if (f.given(p)) {
                space.put(p, f.string(p));
            }
        }
        if (f.given("search")) {
            search = f.string("search");
        }
        SearchSpace s = SearchSpace.of(space, search);
        TrainSpec base = base().toBuilder().epochs(f.integer("epochs")).batchSize(f.integer("batch-size"))
                .updateRule(f.choice("update-rule", TrainSpec.UPDATE_RULES.toArray(new String[0]))).lrDecay(f.real("lr-decay"))
                .build();
        CifarSubset images = new CifarSubset(f.integer("split-train"), f.integer("num-train"), f.integer("num-val"));
        SweepDefinition sweep = new SweepDefinition(s, base, f.string("data"), images, f.optionalLong("seed"));
        int trials;
        long grid = s.gridSize();
        if (s.kind() == SearchSpace.Kind.GRID) {
            trials = f.given("trials") ? f.integer("trials") : (int) Math.min(grid, Integer.MAX_VALUE);
            if (trials < 1 || trials > grid) {
                throw new SearchSpaceException("--trials: a grid of " + grid + " points takes 1 to " + grid + " trials, got " + trials);
            }
        } else {
            trials = f.given("trials") ? f.integer("trials", 1, Integer.MAX_VALUE) : RANDOM_TRIALS;
        }
        String master = dev.vecnn.sweep.SparkMaster.check(f.string("master"));
        return new SweepOptions(false, sweep, trials, Path.of(f.string("out")), master, f.choice("progress", "auto", "bar", "plain"));
    }
}
