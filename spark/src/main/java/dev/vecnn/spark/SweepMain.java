package dev.vecnn.spark;

import dev.vecnn.cli.SweepOptions;
import dev.vecnn.sweep.SearchSpaceException;
import dev.vecnn.sweep.SweepData;
import dev.vecnn.sweep.SweepFolder;
import dev.vecnn.sweep.SweepProgress;
import dev.vecnn.sweep.SweepReport;
import dev.vecnn.sweep.TrialResult;
import dev.vecnn.train.SettingException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import dev.vecnn.data.Cifar10;
import dev.vecnn.io.LockFile;

import java.io.IOException;
import java.nio.file.Path;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vecnn sweep}: reads the options (no Spark yet, so --help and a bad search space answer
 * at once: one line, exit code 2), opens the output folder (skipping the trials already there),
 * starts Spark with the given master (embedded {@code local[*]} by default; with spark-submit the
 * master it sets wins) and runs the remaining trials, one task each. Results are recorded as
 * they arrive; at the end it prints the table and writes trials.csv, summary.json and tuning.png.
 */
public final class SweepMain {
    private SweepMain() {}

    /** Set by the Ctrl-C (shutdown) hook while trials run. */
    private static final java.util.concurrent.atomic.AtomicBoolean STOPPED = new java.util.concurrent.atomic.AtomicBoolean();

    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (Throwable e) { // never a stack trace for the user
            if (STOPPED.get()) { // Ctrl-C: the stop notice has said it all; Spark's cancellation is no news
                return;
            }
            // on a terminal, the progress line may still be there: clear it first
            System.err.println((System.console() != null ? "\r\033[K" : "") + "vecnn sweep: " + describe(e));
            if (System.getenv("VECNN_DEBUG") != null) {
                e.printStackTrace();
            }
            code = 1;
        }
        System.exit(code);
    }

    /**
     * One line for a failure: the first cause that is vecnn's or the JDK's own (a Spark job failure
     * wraps the task's exception, and its message carries the executor's stack trace), its first
     * line; the exception's kind only when it has no message.
     */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getClass().getName().startsWith("org.apache.spark")) {
            t = t.getCause();
        }
        String message = String.valueOf(t.getMessage()).lines().findFirst().orElse("").strip();
        boolean plain = t instanceof IOException || t instanceof IllegalArgumentException || t instanceof IllegalStateException
                || t instanceof UncheckedIOException;
        if (t.getMessage() == null || message.isEmpty()) {
            return t.getClass().getSimpleName() + " (set VECNN_DEBUG=1 for the stack trace)";
        }
        if (t instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + message;
        }
        return plain ? message : t.getClass().getSimpleName() + ": " + message;
    }

    /** Runs the command; returns the exit code (0 done, 2 bad options). */
    public static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
        SweepOptions o;
        SweepFolder folder;
        try {
            o = SweepOptions.parse(args);
            if (o.helpRequested()) {
                out.print(SweepOptions.help());
                return 0;
            }
            if (o.master().startsWith("local") && Cifar10.find(Path.of(o.sweep().data())) == null) {
                // Embedded executors read the driver's file system: say so now, not from inside a failed task.
                throw new SearchSpaceException("--data " + o.sweep().data() + ": no CIFAR-10 there (looked for the folder "
                        + Cifar10.FOLDER_NAME + " and " + Cifar10.ARCHIVE_NAME + "); point --data at it");
            }
            Path found = Cifar10.find(Path.of(o.sweep().data()));
            if (o.master().startsWith("local")) {
                // Every file and label checked here, before Spark starts: a bad record fails in one
                // line now, not in every task (where a retry cannot help). The embedded executors
                // share this JVM, so the data loaded here is the data they train on: no second read.
                try {
                    SweepData.cached(o.sweep());
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            } else if (found != null) {
                // A cluster reads its own copy; the driver's, when it has one, is checked (a read
                // without storing the images) so that a bad file is not found by every task.
                long records = Cifar10.verify(found);
                long wanted = (long) o.sweep().images().splitTrain() + o.sweep().images().numVal();
                if (records < wanted) {
                    throw new SearchSpaceException("--data " + o.sweep().data() + ": the training batches hold " + records
                            + " records, fewer than --split-train " + o.sweep().images().splitTrain() + " + --num-val "
                            + o.sweep().images().numVal() + " = " + wanted);
                }
            }
            folder = SweepFolder.open(o.out(), o.sweep());
        } catch (SettingException e) { // a flag, a search space, a value out of range, another sweep's folder
            err.println("vecnn sweep: " + e.getMessage());
            return 2;
        }
        // One writer per sweep folder: a second sweep into it is refused naming the first.
        try (LockFile lock = LockFile.acquire(o.out().resolve("sweep"), "sweep folder " + o.out())) {
            if (lock.note() != null) {
                err.println("vecnn sweep: note: " + lock.note());
            }
            List<Integer> todo = folder.todo(o.trials());
            int already = o.trials() - todo.size();
            out.println("vecnn sweep: " + o.trials() + " trials (" + o.sweep().space().kind().name().toLowerCase(java.util.Locale.ROOT)
                    + " search, seed " + o.sweep().seed() + ")" + (already > 0 ? ", " + already + " already in " + o.out() + ", " + todo.size() + " to run" : "")
                    + ", master " + o.master() + ", output " + o.out());
            long t0 = System.nanoTime();
            double sparkSeconds = 0;
            double trainSeconds = 0;
            if (!todo.isEmpty()) {
                boolean redraw = o.progress().equals("bar") || (o.progress().equals("auto") && System.console() != null);
                if (redraw) { // Spark takes seconds to start: say so on the line the progress will redraw
                    err.print("sweep 0/" + o.trials() + " trials  starting Spark (" + o.master() + ") ...\033[K\r");
                    err.flush();
                }
                try (JavaSparkContext sc = new JavaSparkContext(conf(o.master()))) {
                    sc.setLogLevel("ERROR");
                    sparkSeconds = (System.nanoTime() - t0) / 1e9;
                    long t1 = System.nanoTime();
                    SweepProgress progress = new SweepProgress(err, System::nanoTime, redraw, o.trials(), already);
                    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger(already);
                    // Ctrl-C: Spark cancels the running tasks (they log errors as they die); silence
                    // that and say in one line what is kept and how to go on.
                    Thread stopNotice = new Thread(() -> {
                        STOPPED.set(true);
                        try {
                            sc.setLogLevel("OFF");
                        } catch (RuntimeException ignored) { // already stopping: nothing to silence
                        }
                        err.println((redraw ? "\n" : "") + "vecnn sweep: stopped with " + done.get() + " of " + o.trials()
                                + " trials in " + o.out() + "; run the same command again to go on from there");
                        err.flush();
                    }, "vecnn-sweep-stop-notice");
                    Runtime.getRuntime().addShutdownHook(stopNotice);
                    try {
                        SparkSweep.run(sc, o.sweep(), todo, r -> {
                            try {
                                folder.record(r);
                            } catch (IOException e) {
                                throw new UncheckedIOException("cannot write into " + o.out() + ": " + e.getMessage(), e);
                            }
                            done.incrementAndGet();
                            progress.trialDone(r, folder.best());
                        });
                    } finally {
                        progress.finish();
                        try {
                            // a failure is not a stop: its own line says what happened, with no "run again" advice
                            Runtime.getRuntime().removeShutdownHook(stopNotice);
                        } catch (IllegalStateException shuttingDown) { // the hook is running: it has the last word
                        }
                    }
                    trainSeconds = (System.nanoTime() - t1) / 1e9;
                }
            }
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("master", o.master());
            run.put("trials_run_now", todo.size());
            run.put("spark_start_seconds", sparkSeconds);
            run.put("trials_seconds", trainSeconds);
            SweepReport.write(folder, o.sweep(), o.trials(), run);
            List<TrialResult> ranked = SweepReport.ranked(folder.done().values());
            out.print(SweepReport.table(ranked, 20));
            TrialResult best = folder.best();
            if (best != null) {
                out.println("best: trial " + best.config().index() + ", val acc " + String.format(java.util.Locale.ROOT, "%.4f", best.bestValAcc())
                        + "; model in " + o.out().resolve(SweepFolder.BEST_MODEL));
            }
            out.println("wrote " + o.out().resolve(SweepReport.CSV) + ", " + SweepReport.SUMMARY + ", " + SweepReport.PLOT
                    + String.format(java.util.Locale.ROOT, " (%.1f s)", (System.nanoTime() - t0) / 1e9));
            return 0;
        }
    }

    /**
     * The Spark configuration: the master as given unless spark-submit set one; the web UI off
     * and the driver on the loopback address for local masters (embedded Spark needs no network).
     */
    static SparkConf conf(String master) {
        SparkConf conf = new SparkConf().setAppName("vecnn sweep");
        if (!conf.contains("spark.master")) {
            conf.setMaster(master);
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        // Results carry one model file each; the driver keeps only the best (see spark/README.md).
        conf.setIfMissing("spark.driver.maxResultSize", "0");
        return conf;
    }
}
