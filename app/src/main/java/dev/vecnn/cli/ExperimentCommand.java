package dev.vecnn.cli;

import dev.vecnn.io.Json;
import dev.vecnn.io.AtomicFiles;
import dev.vecnn.data.CifarSplits;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.random.MT19937State;
import dev.vecnn.random.NumpyRandom;
import dev.vecnn.solver.Solver;
import dev.vecnn.solver.SolverData;
import dev.vecnn.tensor.DType;
import dev.vecnn.train.CifarSubset;
import dev.vecnn.train.MemoryNeed;
import dev.vecnn.train.RunHistory;
import dev.vecnn.train.SideBySideRuns;
import dev.vecnn.train.TrainSpec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;

/**
 * {@code vecnn experiment}: the notebook's section 5, "Regularization experiment". With the
 * defaults, exactly its cell:
 *
 * <pre>
 *   np.random.seed(231)                       # once, before the loop
 *   small_data = first 500 of X_train/y_train (of get_CIFAR10_data()), all 1000 X_val/y_val
 *   for dropout in [1, 0.25]:
 *       model = FullyConnectedNet([500], dropout=dropout)
 *       print(dropout)
 *       solver = Solver(model, small_data, num_epochs=25, batch_size=100, update_rule='adam',
 *                       optim_config={'learning_rate': 5e-4}, verbose=True, print_every=100)
 *       solver.train()
 *       print()
 * </pre>
 *
 * then a table of final and best accuracies, and a run folder with the notebook's figure
 * (accuracy.png), the loss curves (loss.png), every history (history.csv) and summary.json.
 */
final class ExperimentCommand implements Command {
    private static final int CIFAR_TRAIN = 49000;
    private static final int CIFAR_VAL = 1000;
    private static final int CIFAR_IMAGE = 3 * 32 * 32;

    @Override
    public String name() {
        return "experiment";
    }

    @Override
    public String summary() {
        return "the notebook's dropout experiment (section 5): nets with and without dropout on 500 images, plots, reports";
    }

    static Flags flags() {
        TrainSpec d = TrainSpec.NOTEBOOK; // the notebook's section 5 values
        Flags f = new Flags("experiment", "Trains one net per keep probability on a small CIFAR-10 subset (the notebook's "
                + "section 5),\nprints the notebook's log, a table of final and best accuracies, and writes plots and "
                + "reports\ninto a new run folder. p is the KEEP probability: 1 means no dropout.")
                .option("data", "PATH", DataLocation.DEFAULT, "CIFAR-10: folder or cifar-10-binary.tar.gz (downloaded when absent)");
        SpecFlags.declare(f, d, "1,0.25", "dropout keep probabilities to compare, each in (0, 1]");
        return f.option("num-train", "N", "500", "training images: the first N of the training split")
                .option("num-val", "N", "1000", "validation images: the first N of the 1000 after the training split")
                .option("split-train", "N", Integer.toString(CIFAR_TRAIN),
                        "get_CIFAR10_data's num_training: the training split whose mean image is subtracted")
                .flag("no-download", "fail instead of downloading CIFAR-10 when --data has none")
                .option("seed", "S", "231", "np.random.seed before the first net")
                .flag("reseed-each", "seed again before every net (the notebook seeds once)")
                .option("out", "DIR", "runs", "where the run folder is created");
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        Flags f = flags().parse(args, 0);
        if (f.helpRequested()) {
            out.print(f.help());
            return 0;
        }
        double jvmStart = RunInfo.secondsSinceJvmStart();
        long t0 = System.nanoTime();
        TrainSpec spec = SpecFlags.read(f).build();
        double[] keeps = SpecFlags.keepProbabilities(f.reals("keep-p"));
        java.util.Set<String> legends = new java.util.HashSet<>();
        for (double keep : keeps) {
            if (!legends.add(RunHistory.legend(keep))) {
                throw new UsageException("--keep-p lists " + RunHistory.keepText(keep) + " twice (as '" + RunHistory.legend(keep)
                        + "'): each run is named by its keep probability, give each once");
            }
        }
        int splitTrain = f.integer("split-train", 1, 50000 - 1);
        int numTrain = f.integer("num-train", 1, splitTrain);
        int valLeft = 50000 - splitTrain;
        if (!f.given("num-val") && Integer.parseInt(f.string("num-val")) > valLeft) {
            // The default asks for more than the split leaves: the flag that was given is the cause.
            throw new UsageException("--split-train " + splitTrain + " leaves " + valLeft
                    + " validation images, fewer than --num-val's default " + f.string("num-val")
                    + ": pass --num-val " + valLeft + " or less, or a smaller --split-train");
        }
        int numVal = f.integer("num-val", 1, Math.min(CIFAR_VAL, valLeft));
        CifarSubset images = new CifarSubset(splitTrain, numTrain, numVal);
        long seed = SpecFlags.seed(f);
        boolean reseedEach = f.isSet("reseed-each");
        boolean useBar = Terminal.useBar(f.choice("progress", "auto", "bar", "plain"));
        DataLocation where = DataLocation.of(f.string("data"));
        Path outBase = Path.of(f.string("out"));
        SpecFlags.applyThreads(f);
        // What would fail after the runs fails now, before the data is loaded.
        MemoryNeed.check(spec, CIFAR_IMAGE, 10, (long) numTrain + numVal, Runtime.getRuntime().maxMemory()); // images kept
        RunFolder.requireWritable(outBase, "--out " + f.string("out"));
        RunFolder.requireSpace(outBase, DiskNeed.runFolder(keeps.length, spec.iterations(numTrain)),
                "--out " + f.string("out"), "the run folder");
        RunWarnings.print(err, "vecnn experiment", spec, numTrain, f);

        // get_CIFAR10_data(): the mean image is taken over the whole training split (49000).
        // Meanwhile a spare core compiles the kernels and starts Java2D (changes no result).
        // On a terminal the bar shares stdout with the log: one writer, so they never share a line.
        PrintStream barOut = Terminal.attached() ? out : err;
        boolean warm = Runtime.getRuntime().availableProcessors() > 1 && !"false".equals(System.getProperty("vecnn.warmup"));
        // Side by side, each later net's start in the random stream is found by a stand-in run
        // that needs the data's sizes only: the warm-up runs it while the data loads, once the
        // kernels are compiled, so the nets start together (else it runs when the nets start).
        FutureTask<List<MT19937State>> starts = !SideBySideRuns.sideBySide(keeps) ? null
                : new FutureTask<>(() -> SideBySideRuns.startStates(keeps, spec, CIFAR_IMAGE, numTrain, numVal, seed, reseedEach));
        // (its last phase trains on the run's batch size and checks accuracy on batches up to the run's)
        int evalRows = Math.min(Solver.DEFAULT_EVAL_BATCH, Math.max(numTrain, numVal));
        Warmup warmup = warm ? Warmup.start(spec, CIFAR_IMAGE, spec.batchSize(), evalRows, starts) : null;
        CifarSplits splits;
        int warmupSteps = 0;
        double warmupWait = 0;
        // Ctrl-C before the first iteration: one line naming the step (the wait for the warm-up too)
        java.util.concurrent.atomic.AtomicReference<String> step = new java.util.concurrent.atomic.AtomicReference<>("loading the data");
        SolverData small;
        try (StopNotice before = StopNotice.beforeTraining("vecnn experiment", step::get, err)) {
            try {
                splits = where.load(images, spec.dtype(), !f.isSet("no-download"), useBar ? barOut : null);
            } finally {
                step.set("waiting for the warm-up to compile the kernels");
                long w0 = System.nanoTime();
                if (warmup != null) warmupSteps = warmup.stop(); // waits (at most 1.5 s) for the JIT to finish the kernels
                warmupWait = (System.nanoTime() - w0) / 1e9;
            }
            step.set("preparing the data");
            small = images.solverData(splits, spec.dtype());
        }
        splits = null;
        double dataSeconds = (System.nanoTime() - t0) / 1e9;
        double cpuAfterData = RunInfo.processCpuSeconds();

        ProgressBar bar = useBar ? new ProgressBar(barOut, System::nanoTime) : null;
        PrintStream log = bar != null ? bar.lineStream(out) : out;
        StopNotice notice = new StopNotice(bar, err, () -> "vecnn experiment: stopped"
                + (bar != null && bar.position() != null ? " at " + bar.position() : " before the end")
                + "; the experiment keeps no checkpoint: run it again to start over");
        List<RunHistory> runs;
        long t1 = System.nanoTime();
        NumpyRandom.seed(seed);
        try {
            // (starts finds them for numTrain x numVal images: exactly what images.solverData returned)
            runs = SideBySideRuns.train(keeps, spec, small, seed, reseedEach, starts, log, bar);
        } finally {
            notice.close();
        }
        double trainSeconds = (System.nanoTime() - t1) / 1e9;
        double trainCpu = RunInfo.processCpuSeconds() - cpuAfterData;
        double flops = 0;
        for (int i = 0; i < runs.size(); i++) {
            flops += Arithmetic.runFlops(runs.get(i), spec, CIFAR_IMAGE, 10, numTrain, numVal);
        }
        double gflop = flops / 1e9;
        // Ctrl-C from here on removes a run folder that has no summary.json yet, and says so.
        java.util.concurrent.atomic.AtomicReference<Path> made = new java.util.concurrent.atomic.AtomicReference<>();
        StopNotice writing = StopNotice.whileWriting("vecnn experiment", made::get, err);
        try {
            // One core's FMA peak in the run's precision, for the rate's share of it: 0.1-0.5 s on a
            // second thread while this one draws the plots, after the runs so it takes nothing from them.
            FutureTask<PeakShare> peakProbe = PeakShare.startProbe(spec.dtype() == DType.FLOAT64);

            long t2 = System.nanoTime();
            Path dir = RunFolder.create(outBase, name(), LocalDateTime.now());
            made.set(dir);
            List<String> files = new ArrayList<>();
            String plotProblem = writePlots(runs, dir, files);
            AtomicFiles.writeString(dir.resolve(Reports.HISTORY_CSV), Reports.historyCsv(runs));
            files.add(Reports.HISTORY_CSV);
            double reportSeconds = (System.nanoTime() - t2) / 1e9;
            PeakShare peakResult = peakProbe.get().plausible(gflop / trainCpu); // the probe's failures are in it, not thrown
            if (peakResult.peak() == null && !peakResult.skipped()) {
                err.println("vecnn experiment: one core's FMA peak was not measured: " + peakResult.problem());
            }

            Map<String, Object> config = new LinkedHashMap<>();
            config.put("data", where.path().toAbsolutePath().normalize().toString());
            config.put("split_train", splitTrain);
            config.put("num_train", numTrain);
            config.put("num_val", numVal);
            config.put("seed", seed);
            config.put("seeding", reseedEach ? "before every net" : "once, before the first net (as the notebook)");
            config.put("keep_p", keeps);
            Map<String, Object> model = spec.toMap();
            model.remove("dropout_keep_p");
            config.put("model_and_solver", model);
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("jvm_start_to_main", jvmStart);
            timing.put("data_load", dataSeconds);
            timing.put("warmup_steps_during_data_load", warmupSteps);
            timing.put("warmup_wait_after_data_load", warmupWait);
            timing.put("train_eval_total", trainSeconds);
            timing.put("train_eval_total_cpu", trainCpu);
            for (RunHistory r : runs) {
                timing.put("train_eval " + r.label, r.seconds);
            }
            timing.put("plots_and_csv", reportSeconds);
            timing.put("total_since_jvm_start", jvmStart + (System.nanoTime() - t0) / 1e9);
            timing.put("total_cpu", RunInfo.processCpuSeconds());
            files.add("summary.json");
            Map<String, Object> summary = summary(name(), args, config, runs, timing, files);
            summary.put("arithmetic", arithmetic(gflop, trainCpu, trainSeconds, peakResult));
            AtomicFiles.writeString(dir.resolve("summary.json"), Json.write(summary));

            out.print(Reports.table(runs));
            out.println();
            out.println("timing: data " + RunInfo.seconds(dataSeconds) + ", training+evaluation " + RunInfo.seconds(trainSeconds)
                    + " (CPU " + RunInfo.seconds(trainCpu) + "; " + String.format(java.util.Locale.ROOT, "%.1f GFLOP, %.1f GFLOP per CPU-second",
                    gflop, gflop / trainCpu) + peakResult.text(gflop / trainCpu) + "), plots+reports " + RunInfo.seconds(reportSeconds) + "; kernels " + dev.vecnn.kernels.VectorSupport.describe()
                    + ", " + threads(dev.vecnn.kernels.Parallel.threads()));
            if (plotProblem != null) {
                err.println("vecnn experiment: plots skipped: " + plotProblem);
            }
            out.println("run folder: " + dir + "  (" + String.join(", ", files) + ")");
            return 0;
        } finally {
            writing.close();
        }
    }

    /** What the training+evaluation phase computed and how fast, for summary.json. */
    static Map<String, Object> arithmetic(double gflop, double cpuSeconds, double wallSeconds, PeakShare peakResult) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("gflop", gflop);
        m.put("counted", "the matrix products of training (forward, weight and input gradients) and of the accuracy checks "
                + "(forward), 2 flops per multiply-add, from the shapes; bias, activations, dropout, loss and updates not counted");
        m.put("gflop_per_cpu_second", gflop / cpuSeconds);
        m.put("gflop_per_second", gflop / wallSeconds);
        m.put("cpu_seconds", cpuSeconds);
        m.put("cpu_seconds_note", "CPU time of the whole process during training+evaluation: all kernel threads and the JIT "
                + "compiler's threads (the kernels are compiled during the first steps)");
        m.putAll(peakResult.toMap(gflop / cpuSeconds));
        return m;
    }

    static String threads(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }

    /**
     * Writes both figures; returns null, or why they could not be drawn (e.g. no fonts). A file
     * that cannot be written (a full disk) is a failure of the run, thrown naming the file.
     */
    static String writePlots(List<RunHistory> runs, Path dir, List<String> files) throws java.io.IOException {
        try {
            Reports.accuracyPlot(runs, dir.resolve(Reports.ACCURACY_PNG));
            files.add(Reports.ACCURACY_PNG);
            Reports.lossPlot(runs, dir.resolve(Reports.LOSS_PNG));
            files.add(Reports.LOSS_PNG);
            return null;
        } catch (java.nio.file.FileSystemException e) {
            throw e;
        } catch (Exception | LinkageError | java.awt.AWTError e) {
            return Main.describe(e);
        }
    }

    static Map<String, Object> summary(String command, String[] args, Map<String, Object> config, List<RunHistory> runs,
                                       Map<String, Object> timing, List<String> files) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "vecnn " + command);
        m.put("args", List.of(args));
        m.put("config", config);
        List<Object> results = new ArrayList<>();
        for (RunHistory r : runs) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("label", r.label);
            x.put("keep_p", r.keepProb);
            x.put("final_train_acc", r.finalTrainAcc());
            x.put("final_val_acc", r.finalValAcc());
            x.put("best_train_acc", r.bestTrainAcc());
            x.put("best_val_acc", r.bestValAcc);
            x.put("iterations", r.loss.length);
            x.put("final_loss", r.loss.length == 0 ? Double.NaN : r.loss[r.loss.length - 1]);
            x.put("train_eval_seconds", r.seconds);
            results.add(x);
        }
        m.put("results", results);
        m.put("timing_seconds", timing);
        m.put("kernels", RunInfo.kernels());
        m.put("jdk", RunInfo.jdk());
        m.put("files", files);
        return m;
    }
}
