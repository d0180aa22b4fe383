package dev.vecnn.sweep;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line of {@code vecnn sweep}, read without Spark: the search space (flags, or a
 * {@code --space} file that flags override), the number of trials, the sweep seed, the settings
 * every trial shares, the output folder and the Spark master. Any problem is a
 * {@link SearchSpaceException} with one line.
 */
public final class SweepOptions {
    /** The default Spark master: Spark embedded in this JVM, one task per core. */
    public static final String DEFAULT_MASTER = "local[*]";

    public SearchSpace space;
    public SweepSettings settings;
    public int trials;
    public long seed;
    public Path out;
    public String master = DEFAULT_MASTER;
    /** "auto" (a redrawn line on a terminal), "bar" or "plain" (one line per trial). */
    public String progress = "auto";
    public boolean help;

    public static String help() {
        return String.join("\n",
                "usage: vecnn sweep [options]",
                "",
                "Hyperparameter search on Apache Spark (embedded: local[*]; or a cluster with --master): each trial",
                "trains one FullyConnectedNet with the Solver on one executor core and reports its best validation",
                "accuracy. Trial i's values and seed depend only on (--seed, i): same table on any master.",
                "Rerunning the same sweep into the same --out skips the trials already there.",
                "",
                "Search space (a list a,b,c; a range lo..hi; a log-uniform range lo..hi:log):",
                "  --lr VALUES            learning rate (default " + SearchSpace.DEFAULTS.get("lr") + ")",
                "  --weight-scale VALUES  weight scale (default " + SearchSpace.DEFAULTS.get("weight-scale") + ")",
                "  --reg VALUES           L2 regularization (default " + SearchSpace.DEFAULTS.get("reg") + ")",
                "  --keep-p VALUES        dropout KEEP probability, 1 = no dropout (default " + SearchSpace.DEFAULTS.get("keep-p") + ")",
                "  --hidden VALUES        hidden layer sizes, a list like 100,200,100x50 (default " + SearchSpace.DEFAULTS.get("hidden") + ")",
                "  --norm VALUES          none, batchnorm, layernorm (default " + SearchSpace.DEFAULTS.get("norm") + ")",
                "  --space FILE           the same as lines 'name: values' (# comments; 'search: grid'); flags win",
                "  --search grid|random   default: grid when every parameter is a list, else random",
                "  --trials N             default: the grid's size (grid), 8 (random)",
                "  --seed S               the sweep seed (default 0)",
                "",
                "Every trial:",
                "  --epochs N             (default 5)",
                "  --num-train N          training images, the first N of the training split (default 1000)",
                "  --num-val N            validation images (default 1000)",
                "  --split-train N        get_CIFAR10_data's training split; its mean image is subtracted (default 49000)",
                "  --batch-size N         (default 100)",
                "  --update-rule R        sgd, sgd_momentum, rmsprop, adam (default adam)",
                "  --lr-decay D           (default 0.95)",
                "  --data PATH            CIFAR-10 folder or cifar-10-binary.tar.gz every executor can read (default data/)",
                "",
                "Run:",
                "  --out DIR              output folder, also the resume state (default runs/sweep)",
                "  --master URL           Spark master: local[*] (default), local[N], local[N,retries], spark://..., yarn, k8s://...",
                "  --progress MODE        auto, bar, plain (default auto)",
                "  --help",
                "",
                "Writes into --out: trials/ (one JSON per trial), trials.csv, summary.json, tuning.png, best_model.npz.",
                "");
    }

    /** Parses {@code args}; the space file is read here. */
    public static SweepOptions parse(String[] args) throws IOException {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                SweepOptions o = new SweepOptions();
                o.help = true;
                return o;
            }
            if (!a.startsWith("--")) {
                throw new SearchSpaceException("unexpected argument '" + a + "' (options start with --; see vecnn sweep --help)");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!KNOWN.contains(name)) { // before its value: a misspelt last option is unknown, not valueless
                throw new SearchSpaceException("unknown option --" + name + " (see vecnn sweep --help)");
            }
            if (eq < 0) {
                if (i + 1 >= args.length) {
                    throw new SearchSpaceException("--" + name + " needs a value (see vecnn sweep --help)");
                }
                value = args[++i];
            }
            if (given.put(name, value) != null) {
                throw new SearchSpaceException("--" + name + " is given twice");
            }
        }
        Map<String, String> space = new LinkedHashMap<>();
        String search = null;
        if (given.containsKey("space")) {
            Map<String, String> file = SearchSpace.readFile(Path.of(given.get("space")));
            search = file.remove("search");
            space.putAll(file);
        }
        for (String p : SearchSpace.DEFAULTS.keySet()) {
            if (given.containsKey(p)) {
                space.put(p, given.get(p));
            }
        }
        if (given.containsKey("search")) {
            search = given.get("search");
        }
        SweepOptions o = new SweepOptions();
        o.space = SearchSpace.of(space, search);
        o.settings = new SweepSettings(given.getOrDefault("data", "data/"), integer(given, "split-train", 49000),
                integer(given, "num-train", 1000), integer(given, "num-val", 1000), integer(given, "epochs", 5),
                integer(given, "batch-size", 100), given.getOrDefault("update-rule", "adam"), real(given, "lr-decay", 0.95));
        long grid = o.space.gridSize();
        if (o.space.kind() == SearchSpace.Kind.GRID) {
            o.trials = integer(given, "trials", (int) Math.min(grid, Integer.MAX_VALUE));
            if (o.trials < 1 || o.trials > grid) {
                throw new SearchSpaceException("--trials: a grid of " + grid + " points takes 1 to " + grid + " trials, got " + o.trials);
            }
        } else {
            o.trials = integer(given, "trials", 8);
            if (o.trials < 1) {
                throw new SearchSpaceException("--trials: expected an integer >= 1, got " + o.trials);
            }
        }
        o.seed = longValue(given, "seed", 0);
        o.out = Path.of(given.getOrDefault("out", "runs/sweep"));
        o.master = given.getOrDefault("master", DEFAULT_MASTER);
        o.master = SparkMaster.check(o.master);
        o.progress = given.getOrDefault("progress", "auto");
        if (!java.util.List.of("auto", "bar", "plain").contains(o.progress)) {
            throw new SearchSpaceException("--progress: expected auto, bar or plain, got '" + o.progress + "'");
        }
        return o;
    }

    private static final java.util.Set<String> KNOWN = java.util.Set.of("lr", "weight-scale", "reg", "keep-p", "hidden", "norm",
            "space", "search", "trials", "seed", "epochs", "num-train", "num-val", "split-train", "batch-size", "update-rule",
            "lr-decay", "data", "out", "master", "progress");

    private static int integer(Map<String, String> m, String name, int dflt) {
        String v = m.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new SearchSpaceException("--" + name + ": expected an integer, got '" + v + "'");
        }
    }

    private static long longValue(Map<String, String> m, String name, long dflt) {
        String v = m.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new SearchSpaceException("--" + name + ": expected an integer, got '" + v + "'");
        }
    }

    private static double real(Map<String, String> m, String name, double dflt) {
        String v = m.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new SearchSpaceException("--" + name + ": expected a number, got '" + v + "'");
        }
    }
}
