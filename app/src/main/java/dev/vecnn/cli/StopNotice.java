package dev.vecnn.cli;

import dev.vecnn.train.Progress;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * While a command trains: a JVM shutdown hook for Ctrl-C (or {@code kill}) that ends a visible
 * progress bar's line and prints one line saying where the run stopped and how to go on. The
 * exit status stays the JVM's (130 after Ctrl-C). {@link #close} removes the hook when the
 * command is done (and gives a bar left by a failure its newline).
 */
final class StopNotice implements AutoCloseable {
    private final ProgressBar bar;
    private final PrintStream err;
    private final Supplier<String> message;
    private final Thread hook;

    /** {@code message} says where the run is and how to go on (called from the hook's thread). */
    StopNotice(ProgressBar bar, PrintStream err, Supplier<String> message) {
        this.bar = bar;
        this.err = err;
        this.message = message;
        this.hook = new Thread(this::stopped, "vecnn-stop-notice");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** What the hook does: the bar's newline, then the one line. */
    void stopped() {
        if (bar != null) {
            bar.endLine();
        }
        err.println(message.get());
        err.flush();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook runs (or ran): it ends the bar's line itself
        }
        if (bar != null) {
            bar.endLine();
        }
    }

    /**
     * Before training: on Ctrl-C, one line naming the step that was running ({@code step}, e.g.
     * "loading the data") and saying that nothing was written.
     */
    static StopNotice beforeTraining(String command, Supplier<String> step, PrintStream err) {
        return new StopNotice(null, err, () -> beforeTrainingStopped(command, step.get()));
    }

    /** The line of {@link #beforeTraining}'s hook. */
    static String beforeTrainingStopped(String command, String step) {
        return command + ": stopped while " + step + "; nothing was written";
    }

    /**
     * After training, while {@code command} writes its run folder: on Ctrl-C, removes the folder
     * when it has no {@value RunFolder#LAST_FILE} yet (a half-written run folder must not look
     * like a finished run; see {@link RunFolder#removeUnfinished}) and says so. {@code dir} gives
     * the folder once it is made (null before).
     */
    static StopNotice whileWriting(String command, Supplier<Path> dir, PrintStream err) {
        return new StopNotice(null, err, () -> writingStopped(command, dir.get()));
    }

    /** The line (and the clean-up) of {@link #whileWriting}'s hook for the folder {@code dir} (may be null). */
    static String writingStopped(String command, Path dir) {
        if (dir == null) {
            return command + ": stopped after training, before the run folder was made; nothing was written";
        }
        if (Files.exists(dir.resolve(RunFolder.LAST_FILE))) {
            return command + ": stopped after writing the run folder " + dir + " (it is complete)";
        }
        boolean removed = RunFolder.removeUnfinished().contains(dir);
        return command + ": stopped while writing the run folder; " + (removed ? "removed the unfinished " + dir
                : dir + " is unfinished (it has no " + RunFolder.LAST_FILE + ")") + "; run the command again";
    }

    /**
     * Where a training run stopped: "during epoch 4 of 10 (iteration 147 of 490)", or "while
     * loading the data" before the first iteration was counted ({@code totalIterations} 0).
     */
    static String where(long doneIterations, long totalIterations, int epochs) {
        if (totalIterations <= 0) {
            return "while loading the data";
        }
        long perEpoch = epochs > 0 ? Math.max(1, totalIterations / epochs) : totalIterations;
        long epoch = Math.min(epochs, doneIterations / perEpoch + 1);
        return "during epoch " + epoch + " of " + epochs + " (iteration " + doneIterations + " of " + totalIterations + ")";
    }

    /** A {@link Progress} that remembers where the run is and passes everything on to {@code bar} (may be null). */
    static final class Tracker implements Progress {
        private final Progress bar;
        private volatile long done;
        private volatile long total;

        Tracker(Progress bar) {
            this.bar = bar;
        }

        @Override
        public void start(String label, long total) {
            this.total = total;
            if (bar != null) bar.start(label, total);
        }

        @Override
        public void update(long done, double loss) {
            this.done = done;
            if (bar != null) bar.update(done, loss);
        }

        @Override
        public void finish() {
            if (bar != null) bar.finish();
        }

        long done() {
            return done;
        }

        long total() {
            return total;
        }
    }
}
