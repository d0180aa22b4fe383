package dev.vecnn.cli;

import dev.vecnn.io.Json;
import dev.vecnn.io.AtomicFiles;
import dev.vecnn.data.CifarSplits;
import dev.vecnn.io.DataException;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.solver.SolverData;
import dev.vecnn.solver.SolverDivergedException;
import dev.vecnn.train.Checkpoint;
import dev.vecnn.train.CifarSubset;
import dev.vecnn.train.MemoryNeed;
import dev.vecnn.train.RunHistory;
import dev.vecnn.train.SettingException;
import dev.vecnn.train.TrainSpec;
import dev.vecnn.train.Trainer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code vecnn train}: any FullyConnectedNet on CIFAR-10 with the Solver, every option a flag;
 * checkpoints ({@code .npz}, after every accuracy check) and {@code --resume}, which continues a
 * run so that it ends bit-identical to one never interrupted.
 */
final class TrainCommand implements Command {
    /** Flags that say how to run, not what to train: not stored in, nor checked against, a checkpoint. */
    private static final Set<String> RUNTIME = Set.of("data", "checkpoint", "resume", "overwrite", "stop-after-epochs",
            "out", "progress", "threads", "no-download");
    /** Stored in the checkpoint, but a resumed run may change them (e.g. train for more epochs). */
    private static final Set<String> OVERRIDABLE = Set.of("epochs", "print-every");
    /**
     * Runtime flags the checkpoint remembers (as absolute paths), so that the printed
     * {@code vecnn train --checkpoint FILE --resume} finds the data and the runs folder again; given
     * again, the new value wins.
     */
    private static final List<String> REMEMBERED = List.of("data", "out");

    /*
     * Defaults for the full training split. With the notebook's weight scale 1e-2 (made for 500
     * images) the first loss is near 8, and Adam's first steps drive it higher. Measured here with
     * the first 10000 images, 2 epochs (mean loss of the first 10 iterations -> of the last 50,
     * final validation accuracy): weight scale 1e-2 with lr 1e-3 38.6 -> 2.9, 0.356 (the old
     * defaults); 5e-4 18.3 -> 3.4, 0.358; 1e-4 6.5 -> 2.0, 0.362. Weight scale 1e-3 with lr 1e-4
     * 2.11 -> 1.5, 0.416; 5e-5 0.421; 2e-4 0.376; 5e-4 0.348. On all 49000 images, 10 epochs:
     * weight scale 1e-3, lr 1e-4, decay 0.95 reached 0.525 (loss 2.12 -> 0.85); without the
     * decay 0.515.
     */
    static final double DEFAULT_WEIGHT_SCALE = 1e-3;
    static final double DEFAULT_LR = 1e-4;
    static final double DEFAULT_LR_DECAY = 0.95;
    /** The defaults' provenance, in --help. */
    static final String DEFAULTS_NOTE =
            "The defaults train well on the full 49000-image split: weight scale 1e-3 (TwoLayerNet's default\n"
            + "in the assignment's fc_net.py; the notebook's 1e-2 starts 49000 images at a loss near 8), Adam\n"
            + "with lr 1e-4 and lr decay 0.95 (the value in the assignment's Solver example), minibatches of\n"
            + "100. As measured here: validation accuracy 0.525 after 10 epochs, the loss falling from 2.30\n"
            + "to about 0.85 (the notebook's lr 5e-4 and weight scale 1e-2 reach about 0.36 after 2 epochs\n"
            + "of 10000 images, these defaults 0.42). `vecnn experiment` keeps the notebook's own values.";

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train any fully connected net on CIFAR-10 (every option a flag), with checkpoints and resume";
    }

    static Flags flags() {
        // the notebook's section-5 values, then the defaults for 49000 images:
        TrainSpec d = TrainSpec.NOTEBOOK.toBuilder().weightScale(DEFAULT_WEIGHT_SCALE).learningRate(DEFAULT_LR)
                .lrDecay(DEFAULT_LR_DECAY).epochs(10).build();
        Flags f = new Flags("train", "Trains a FullyConnectedNet on get_CIFAR10_data(num_training=N, num_validation=M) with the\n"
                + "assignment's Solver, printing its log; writes plots and reports into a new run folder.\n"
                + "p is the KEEP probability: 1 means no dropout.\n\n"
                + DEFAULTS_NOTE)
                .option("data", "PATH", DataLocation.DEFAULT, "CIFAR-10: folder or cifar-10-binary.tar.gz (downloaded when absent)");
        SpecFlags.declare(f, d, "1", "dropout keep probability in (0, 1]");
        return f.option("num-train", "N", "49000", "training images (the mean image is taken over them)")
                .option("num-val", "N", "1000", "validation images: the training records after the first N")
                .option("seed", "S", "231", "np.random.seed before the net is built")
                .flag("no-download", "fail instead of downloading CIFAR-10 when --data has none")
                .option("checkpoint", "FILE", null, "write a .npz checkpoint here after every epoch (numpy's np.load reads it)")
                .flag("resume", "continue the run saved in --checkpoint (its options are kept; --epochs may extend it)")
                .flag("overwrite", "start a new run even though --checkpoint names an existing file")
                .option("stop-after-epochs", "N", "0", "stop after N epochs of this invocation (0: run to the end)")
                .option("out", "DIR", "runs", "where the run folder is created");
    }

    /**
     * Runs with the checkpoint locked (one writer per checkpoint: a second run on the same file,
     * or a {@code --resume} of a file another run writes, is refused naming the holder).
     */
    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Flags given = flags().parse(args, 0);
        String file = given.helpRequested() ? null : given.string("checkpoint");
        if (file == null || Files.isDirectory(Path.of(file))) {
            return train(args, out, err);
        }
        Path checkpoint = Path.of(file);
        Path folder = checkpoint.toAbsolutePath().normalize().getParent();
        RunFolder.requireWritable(folder, "--checkpoint " + file);
        Files.createDirectories(folder);
        try (dev.vecnn.io.LockFile lock = dev.vecnn.io.LockFile.acquire(checkpoint, "checkpoint " + file)) {
            if (lock.note() != null) {
                err.println("vecnn train: note: " + lock.note());
            }
            return train(args, out, err);
        }
    }

    private int train(String[] args, PrintStream out, PrintStream err) throws Exception {
        Flags given = flags().parse(args, 0);
        if (given.helpRequested()) {
            out.print(given.help());
            return 0;
        }
        double jvmStart = RunInfo.secondsSinceJvmStart();
        long t0 = System.nanoTime();
        Path checkpoint = given.string("checkpoint") == null ? null : Path.of(given.string("checkpoint"));
        if (checkpoint != null && Files.isDirectory(checkpoint)) {
            throw new UsageException("--checkpoint " + checkpoint + " is a folder; name a file, e.g. " + checkpoint.resolve("run.npz"));
        }
        boolean resume = given.isSet("resume");
        Checkpoint.Loaded loaded = null;
        Flags f = given;
        if (resume) {
            if (checkpoint == null) {
                throw new UsageException("--resume needs --checkpoint FILE (the checkpoint to continue)");
            }
            if (!Files.isRegularFile(checkpoint)) {
                throw new UsageException("--resume: checkpoint " + checkpoint + " does not exist");
            }
            loaded = Checkpoint.load(checkpoint);
            f = resumedFlags(given, loaded.args, checkpoint);
        } else if (checkpoint != null && Files.exists(checkpoint) && !given.isSet("overwrite")) {
            throw new UsageException("checkpoint " + checkpoint + " already exists: add --resume to continue it"
                    + " or --overwrite to start a new run over it");
        }
        RunOptions options = RunOptions.read(f);
        TrainSpec spec = options.spec();
        int numTrain = options.numTrain();
        int numVal = options.numVal();
        long seed = options.seed();
        int stopAfter = f.integer("stop-after-epochs", 0, Integer.MAX_VALUE);
        if (stopAfter > 0 && checkpoint == null) {
            throw new UsageException("--stop-after-epochs needs --checkpoint FILE (to continue from later with --resume)");
        }
        if (loaded != null && loaded.state.iteration() >= spec.iterations(numTrain)) {
            // Nothing left to train: no new run folder (it would only repeat the last one, with 0 s).
            Path folder = lastRunFolder(Path.of(f.string("out")), checkpoint);
            out.println("the run in " + checkpoint + " already finished (epoch " + loaded.state.epoch() + " of " + spec.epochs()
                    + ", best val acc " + String.format(java.util.Locale.ROOT, "%.3f", loaded.state.bestValAcc()) + "); its results: "
                    + (folder != null ? folder : "the run folders under " + f.string("out")) + " (model: the checkpoint)"
                    + "; to train it longer, add --epochs " + (spec.epochs() + 1) + " or more");
            return 0;
        }
        boolean useBar = Terminal.useBar(f.choice("progress", "auto", "bar", "plain"));
        DataLocation where = DataLocation.of(f.string("data"));
        Path outBase = Path.of(f.string("out"));
        SpecFlags.applyThreads(f);
        // Everything that would fail after the run fails now, before the data is loaded.
        MemoryNeed.check(spec, dev.vecnn.data.Cifar10.IMAGE_BYTES, 10, (long) numTrain + numVal + TEST_IMAGES,
                Runtime.getRuntime().maxMemory());
        RunFolder.requireWritable(outBase, "--out " + f.string("out"));
        if (checkpoint != null) {
            RunFolder.requireWritable(checkpoint.toAbsolutePath().normalize().getParent(), "--checkpoint " + checkpoint);
        }
        long iterations = spec.iterations(numTrain);
        RunFolder.requireSpace(outBase, DiskNeed.runFolder(1, iterations), "--out " + f.string("out"), "the run folder");
        if (checkpoint != null) {
            RunFolder.requireSpace(checkpoint.toAbsolutePath().normalize().getParent(),
                    DiskNeed.checkpoint(spec, dev.vecnn.data.Cifar10.IMAGE_BYTES, 10, iterations), "--checkpoint " + checkpoint,
                    "the checkpoint (written beside the old one, then renamed)");
        }
        RunWarnings.print(err, "vecnn train", spec, numTrain, f);

        // On a terminal the bar shares stdout with the log: one writer, so they never share a line.
        PrintStream barOut = Terminal.attached() ? out : err;
        CifarSubset images = new CifarSubset(numTrain, numTrain, numVal); // the whole training split
        CifarSplits splits;
        SolverData data;
        TestSet testSet;
        java.util.concurrent.atomic.AtomicReference<String> step = new java.util.concurrent.atomic.AtomicReference<>("loading the data");
        try (StopNotice before = StopNotice.beforeTraining("vecnn train", step::get, err)) {
            splits = where.load(images, TEST_IMAGES, spec.dtype(), !f.isSet("no-download"), useBar ? barOut : null);
            step.set("preparing the data");
            data = images.solverData(splits, spec.dtype());
            testSet = new TestSet(splits.test(), splits.meanImage(), splits.classNames());
        }
        splits = null;
        double dataSeconds = (System.nanoTime() - t0) / 1e9;

        ProgressBar bar = useBar ? new ProgressBar(barOut, System::nanoTime) : null;
        PrintStream log = bar != null ? bar.lineStream(out) : out;
        NumpyRandom.seed(seed);
        Trainer.CheckpointPlan plan = checkpoint == null ? null
                : new Trainer.CheckpointPlan(checkpoint, storedArgs(f), loaded, stopAfter);
        long t1 = System.nanoTime();
        long t1Millis = System.currentTimeMillis();
        StopNotice.Tracker tracker = new StopNotice.Tracker(bar);
        boolean resumed = resume;
        StopNotice notice = new StopNotice(bar, err, () -> "vecnn train: stopped "
                + StopNotice.where(tracker.done(), tracker.total(), spec.epochs()) + "; "
                + (savedSince(checkpoint, resumed, t1Millis) ? "continue from its last checkpoint with: " + resumeHint(checkpoint)
                : "nothing to resume from (--checkpoint FILE saves one after every epoch)"));
        Trainer.Outcome o;
        try {
            o = Trainer.of(spec, data).log(log).progress(tracker).checkpoints(plan).train();
        } finally {
            notice.close();
        }
        double trainSeconds = (System.nanoTime() - t1) / 1e9;
        // Ctrl-C from here on (the test-set evaluation takes seconds) removes a run folder that has no
        // summary.json yet, and says so.
        java.util.concurrent.atomic.AtomicReference<Path> made = new java.util.concurrent.atomic.AtomicReference<>();
        StopNotice writing = StopNotice.whileWriting("vecnn train", made::get, err);
        try {

            Path dir = RunFolder.create(outBase, name(), LocalDateTime.now());
            made.set(dir);
            List<String> files = new ArrayList<>();
            List<RunHistory> runs = List.of(o.history());
            String plotProblem = ExperimentCommand.writePlots(runs, dir, files);
            AtomicFiles.writeString(dir.resolve(Reports.HISTORY_CSV), Reports.historyCsv(runs));
            files.add(Reports.HISTORY_CSV);
            TestResult test = o.diverged() == null && o.finished() ? testSet.evaluate(o.net(), dir, files) : null;
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("data", where.path().toAbsolutePath().normalize().toString());
            config.put("num_train", numTrain);
            config.put("num_val", numVal);
            config.put("seed", seed);
            config.put("model_and_solver", spec.toMap());
            config.put("checkpoint", checkpoint == null ? null : checkpoint.toAbsolutePath().normalize().toString());
            config.put("resumed", resume);
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("jvm_start_to_main", jvmStart);
            timing.put("data_load", dataSeconds);
            timing.put("train_eval", trainSeconds);
            timing.put("total_since_jvm_start", jvmStart + (System.nanoTime() - t0) / 1e9);
            files.add("summary.json");
            Map<String, Object> summary = ExperimentCommand.summary(name(), args, config, runs, timing, files);
            SolverDivergedException diverged = o.diverged();
            if (diverged != null) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("iteration", diverged.iteration());
                d.put("loss", String.valueOf(diverged.loss())); // "NaN" or "Infinity": JSON has no number for them
                d.put("epochs_completed", o.solver().epoch());
                summary.put("diverged", d);
            }
            if (test != null) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("accuracy", test.accuracy());
                t.put("images", test.images());
                t.put("model", BEST_MODEL);
                summary.put("test", t);
            }
            AtomicFiles.writeString(dir.resolve("summary.json"), Json.write(summary));

            out.print(Reports.table(runs));
            if (plotProblem != null) {
                err.println("vecnn train: plots skipped: " + plotProblem);
            }
            if (diverged != null) {
                err.println("vecnn train: diverged: the loss was " + diverged.loss() + " at iteration " + diverged.iteration()
                        + " of " + o.solver().numIterations() + " (epoch " + (o.solver().epoch() + 1) + " of " + spec.epochs()
                        + "); try a smaller --lr or --weight-scale; the histories up to there are in " + dir
                        + "  (" + String.join(", ", files) + ")");
                return 1;
            }
            if (!o.finished()) {
                out.println("stopped after epoch " + o.solver().epoch() + " of " + spec.epochs() + "; continue with: " + resumeHint(checkpoint));
            } else if (checkpoint != null) {
                out.println("checkpoint: " + checkpoint + " (epoch " + o.solver().epoch() + ", iteration " + o.solver().iteration() + ")");
            }
            if (test != null) {
                out.println(String.format(java.util.Locale.ROOT, "test accuracy: %.4f (%d test images, the parameters of the "
                        + "best validation accuracy; saved as %s: vecnn predict --model %s IMAGE...)", test.accuracy(),
                        test.images(), BEST_MODEL, dir.resolve(BEST_MODEL)));
            }
            out.println("run folder: " + dir + "  (" + String.join(", ", files) + ")");
            return 0;
        } finally {
            writing.close();
        }
    }

    /** The CIFAR-10 test records a finished run is evaluated on (the whole test batch). */
    static final int TEST_IMAGES = 10000;
    /** The model file a finished run leaves in its folder. */
    static final String BEST_MODEL = "best_model.npz";

    /** Accuracy on the test split, and how many images it counted. */
    record TestResult(double accuracy, int images) {}

    /** What a finished run needs of the data set after training: the test split, the mean image, the class names. */
    record TestSet(dev.vecnn.data.ImageSplit test, double[] meanImage, List<String> classNames) {
        /**
         * Writes the trained net (the best validation parameters, which the Solver leaves in it) with
         * the mean image and the class names as {@link #BEST_MODEL} into {@code dir}, and classifies the
         * test split with that file's model: the accuracy {@code vecnn predict} reproduces from the
         * test images as PNG files.
         */
        TestResult evaluate(dev.vecnn.model.FullyConnectedNet net, Path dir, List<String> files) throws java.io.IOException {
            dev.vecnn.model.ModelFile file = dev.vecnn.model.ModelFile.of(net).withMeanImage(meanImage)
                    .withClassNames(classNames);
            dev.vecnn.model.ModelFile.write(dir.resolve(BEST_MODEL), file);
            files.add(BEST_MODEL);
            dev.vecnn.infer.InferenceModel model = dev.vecnn.infer.InferenceModel.from(file);
            int n = test.count();
            int[] labels = new int[n];
            if (test.precision() == dev.vecnn.tensor.DType.FLOAT32) {
                model.predict(test.floats(), n, labels);
            } else {
                model.predict(test.doubles(), n, labels);
            }
            int[] truth = test.labels();
            int correct = 0;
            for (int i = 0; i < n; i++) {
                correct += labels[i] == truth[i] ? 1 : 0;
            }
            return new TestResult(n == 0 ? Double.NaN : correct / (double) n, n);
        }
    }

    /**
     * The newest train run folder under {@code base} whose summary.json names {@code checkpoint},
     * or null (none, or the folders cannot be read).
     */
    static Path lastRunFolder(Path base, Path checkpoint) {
        String wanted = checkpoint.toAbsolutePath().normalize().toString();
        List<Path> dirs;
        try (java.util.stream.Stream<Path> s = Files.list(base)) {
            dirs = new ArrayList<>(s.filter(Files::isDirectory).toList());
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        dirs.sort(java.util.Comparator.comparing((Path d) -> d.getFileName().toString()).reversed()); // newest stamp first
        for (Path d : dirs) {
            try {
                Object summary = Json.parse(Files.readString(d.resolve("summary.json")));
                if (summary instanceof Map && ((Map<?, ?>) summary).get("config") instanceof Map
                        && wanted.equals(((Map<?, ?>) ((Map<?, ?>) summary).get("config")).get("checkpoint"))) {
                    return d;
                }
            } catch (java.io.IOException | RuntimeException e) {
                // not a run folder of ours: look further
            }
        }
        return null;
    }

    /** The command that continues the run saved in {@code checkpoint}. */
    static String resumeHint(Path checkpoint) {
        return "vecnn train --checkpoint " + shellWord(checkpoint.toString()) + " --resume";
    }

    /** Whether {@code checkpoint} holds this run: the one resumed, or one written since {@code sinceMillis}. */
    private static boolean savedSince(Path checkpoint, boolean resumed, long sinceMillis) {
        try {
            return checkpoint != null && Files.isRegularFile(checkpoint)
                    && (resumed || Files.getLastModifiedTime(checkpoint).toMillis() >= sinceMillis - 1000);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * The options that define the run, as "--name=value" lines, for the checkpoint; then the
     * remembered runtime paths ({@code --data}, {@code --out}) as absolute paths.
     */
    static List<String> storedArgs(Flags f) {
        List<String> a = new ArrayList<>();
        for (String n : f.names()) {
            if (!RUNTIME.contains(n) && !f.isSwitch(n) && f.string(n) != null) {
                a.add("--" + n + "=" + f.string(n));
            }
        }
        for (String n : REMEMBERED) {
            a.add("--" + n + "=" + Path.of(f.string(n)).toAbsolutePath().normalize());
        }
        return a;
    }

    /** {@code word} as one shell word: as it is when it is plain, else in single quotes. */
    static String shellWord(String word) {
        if (word.matches("[A-Za-z0-9_./:@%+=,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The flag name of a stored "--name=value" line. */
    private static String storedName(String line) {
        int eq = line.indexOf('=');
        return line.substring(2, eq < 0 ? line.length() : eq);
    }

    /** The run's values read from flags, every one checked (a {@link UsageException} names the flag). */
    record RunOptions(TrainSpec spec, int numTrain, int numVal, long seed) {
        /** CIFAR-10's training batches: num-train + num-val images are taken from them. */
        private static final int TRAINING_IMAGES = 50000;

        static RunOptions read(Flags f) {
            TrainSpec spec = SpecFlags.read(f).keepProb(f.real("keep-p")).build();
            int numVal = f.integer("num-val", 0, TRAINING_IMAGES - 1);
            if (numVal == 0) {
                throw new UsageException("--num-val must be >= 1 (the Solver checks validation accuracy), got 0");
            }
            int numTrain = f.integer("num-train", 1, TRAINING_IMAGES);
            if (numTrain + numVal > TRAINING_IMAGES) {
                // Blame the flag that was given; the other one's value (maybe its default) is the limit.
                boolean blameVal = f.given("num-val") && !f.given("num-train");
                String name = blameVal ? "num-val" : "num-train";
                String other = blameVal ? "num-train" : "num-val";
                int otherValue = blameVal ? numTrain : numVal;
                throw new UsageException("--" + name + " must be in [1, " + (TRAINING_IMAGES - otherValue) + "] with --" + other
                        + " " + otherValue + (f.given(other) ? "" : " (its default)") + ": the training batches hold "
                        + TRAINING_IMAGES + " images; got " + (blameVal ? numVal : numTrain));
            }
            long seed = SpecFlags.seed(f);
            return new RunOptions(spec, numTrain, numVal, seed);
        }
    }

    /**
     * The flags of a resumed run: the checkpoint's options, plus the runtime flags given now. A
     * defining option given now that differs from the checkpoint's is a usage error.
     */
    static Flags resumedFlags(Flags given, List<String> stored, Path checkpoint) throws DataException {
        List<String> runtime = new ArrayList<>();
        List<String> definingGiven = new ArrayList<>();
        for (String n : given.names()) {
            if (!given.given(n)) {
                continue;
            }
            String arg = given.isSwitch(n) ? "--" + n : "--" + n + "=" + given.string(n);
            (RUNTIME.contains(n) || OVERRIDABLE.contains(n) || given.isSwitch(n) ? runtime : definingGiven).add(arg);
        }
        // The checkpoint's own values must be valid on their own: a bad one is a file error (exit 1).
        Flags storedOnly = parseStored(stored, checkpoint);
        try {
            RunOptions.read(storedOnly);
        } catch (SettingException e) {
            throw new DataException("checkpoint " + checkpoint + ": its options (" + Checkpoint.ARGS + ") are not valid: "
                    + e.getMessage());
        }
        List<String> base = new ArrayList<>();
        for (String line : stored) {
            if (!(line.startsWith("--") && REMEMBERED.contains(storedName(line)) && given.given(storedName(line)))) {
                base.add(line); // a remembered path given again: the new value only
            }
        }
        base.addAll(runtime);
        Flags fromCheckpoint = flags().lastWins().parse(base.toArray(new String[0]), 0);
        List<String> mixed = new ArrayList<>(base);
        mixed.addAll(definingGiven);
        Flags withGiven = flags().lastWins().parse(mixed.toArray(new String[0]), 0);
        Map<String, String> a = canonical(fromCheckpoint);
        Map<String, String> b = canonical(withGiven);
        List<String> diffs = new ArrayList<>();
        for (String k : a.keySet()) {
            if (!a.get(k).equals(b.get(k))) {
                diffs.add(k + " " + b.get(k) + " (checkpoint: " + a.get(k) + ")");
            }
        }
        if (!diffs.isEmpty()) {
            throw new UsageException("--resume keeps the checkpoint's options, but these differ: " + String.join(", ", diffs)
                    + "; drop them, or start a new run with --overwrite");
        }
        return fromCheckpoint;
    }

    private static Flags parseStored(List<String> args, Path checkpoint) throws DataException {
        try {
            return flags().lastWins().parse(args.toArray(new String[0]), 0);
        } catch (UsageException e) {
            throw new DataException("checkpoint " + checkpoint + " holds options this vecnn does not understand ("
                    + Checkpoint.ARGS + "): " + e.getMessage());
        }
    }

    /** The defining options in a comparable form (numbers parsed: 5e-4 equals 0.0005). */
    private static Map<String, String> canonical(Flags f) {
        TrainSpec s = SpecFlags.read(f).build();
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : s.toMap().entrySet()) {
            if (!e.getKey().equals("num_epochs") && !e.getKey().equals("print_every")) {
                Object v = e.getValue();
                m.put(e.getKey(), v instanceof int[] ? Arrays.toString((int[]) v) : String.valueOf(v));
            }
        }
        m.put("keep_p", String.valueOf(f.real("keep-p")));
        m.put("num_train", f.string("num-train").trim());
        m.put("num_val", f.string("num-val").trim());
        m.put("seed", f.string("seed").trim());
        return m;
    }
}
