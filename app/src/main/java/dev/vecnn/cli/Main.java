package dev.vecnn.cli;

import dev.vecnn.kernels.VectorSupport;
import dev.vecnn.train.SettingException;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code vecnn} command: {@code experiment} (the notebook's dropout experiment, the main
 * job), {@code notebook}, {@code train}, {@code predict}, {@code info}. Every problem ends as one line on stderr and
 * a non-zero exit status: 2 for a mistake on the command line, 1 for anything that went wrong
 * while running (missing data, a corrupt checkpoint, a diverged loss). Set the environment
 * variable {@code VECNN_DEBUG=1} to also get the stack trace.
 *
 * <p>The {@code vecnn} launcher script passes {@code -Dvecnn.stderr=/dev/fd/3}, a copy of the real
 * stderr: the JVM's own stderr goes through a filter that drops the incubator-module warning, and
 * vecnn's messages must not pass through it (a second process would reorder them against stdout).
 */
public final class Main {
    static {
        // The plots are drawn off-screen; never try to open a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Main() {}

    public static void main(String[] args) {
        PrintStream launcherErr = openStderr(System.getProperty("vecnn.stderr"));
        if (launcherErr != null) {
            System.setErr(launcherErr);
        }
        oneLineLogFormat();
        // A failure on another thread (a warm-up, a kernel's worker) is one line too, never a trace.
        PrintStream err = System.err;
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            err.println("vecnn: " + describe(e) + " (thread " + t.getName() + ")");
            if (System.getenv("VECNN_DEBUG") != null) {
                e.printStackTrace(err);
            }
        });
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** The stream the launcher's {@code -Dvecnn.stderr} names, or null (not given, or cannot be opened). */
    static PrintStream openStderr(String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        try {
            String enc = System.getProperty("sun.stderr.encoding");
            java.nio.charset.Charset cs = enc != null && java.nio.charset.Charset.isSupported(enc)
                    ? java.nio.charset.Charset.forName(enc) : java.nio.charset.Charset.defaultCharset();
            return new PrintStream(new java.io.BufferedOutputStream(new java.io.FileOutputStream(path, true)), true, cs);
        } catch (java.io.IOException | RuntimeException e) {
            return null; // keep the JVM's stderr
        }
    }

    /**
     * The library's one log line (SIMD or scalar kernels) on one line: java.util.logging's default
     * format puts a date and the class on a line of their own. Only when the user chose no format.
     */
    static void oneLineLogFormat() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null
                && System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%n");
        }
    }

    /** The command the {@code vecnn} launcher hands to the spark/ module. */
    static final String SWEEP = "sweep";

    static Map<String, Command> commands() {
        Map<String, Command> m = new LinkedHashMap<>();
        for (Command c : new Command[] {new ExperimentCommand(), new NotebookCommand(), new TrainCommand(), new PredictCommand(), new InfoCommand(), new BenchCommand(), new ExportCommand()}) {
            m.put(c.name(), c);
        }
        return m;
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Command> commands = commands();
        if (args.length == 0) { // a command is required: the usage, as a mistake (status 2)
            err.print(usage(commands));
            return 2;
        }
        String name = args[0];
        if (name.equals("-h") || name.equals("--help") || name.equals("help")) {
            out.print(usage(commands));
            return 0;
        }
        if (name.equals("--version")) {
            out.println(version(Main.class.getPackage().getImplementationVersion()));
            return 0;
        }
        Command cmd = commands.get(name);
        if (cmd == null && name.equals(SWEEP)) {
            err.println("vecnn: 'sweep' runs on Apache Spark from the spark/ module, not from this jar: use ./vecnn sweep"
                    + " (or spark/sweep) from a checkout; see spark/README.md");
            return 2;
        }
        if (cmd == null) {
            // sweep is a command of ./vecnn too (handed to spark/), so it is named with the others
            java.util.List<String> names = new java.util.ArrayList<>(commands.keySet());
            names.add(SWEEP);
            String guess = Flags.closest(name, names);
            err.println("vecnn: unknown command '" + name + "'" + (guess == null ? "" : ", did you mean '" + guess + "'?")
                    + " (commands: " + String.join(", ", names) + "; try: vecnn --help)");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            // Decide SIMD or scalar now, so its one log line comes before any progress bar (not
            // for a help page, which is all that is printed).
            if (!Arrays.asList(rest).contains("--help") && !Arrays.asList(rest).contains("-h")) {
                VectorSupport.simdEnabled();
            }
            int status = cmd.run(rest, out, err);
            RunFolder.forgetUnfinished();
            return status;
        } catch (SettingException e) { // a flag's mistake (UsageException) or a value out of its range
            err.println("vecnn " + name + ": " + oneLine(e.getMessage()) + removed(RunFolder.removeUnfinished()));
            return 2;
        } catch (Throwable e) { // never a stack trace for the user, whatever went wrong
            String line = e instanceof java.nio.file.InvalidPathException
                    ? unusablePath((java.nio.file.InvalidPathException) e, rest) : describe(e);
            err.println("vecnn " + name + ": " + line + removed(RunFolder.removeUnfinished()));
            if (System.getenv("VECNN_DEBUG") != null) {
                e.printStackTrace(err);
            }
            if (e instanceof VirtualMachineError && !(e instanceof OutOfMemoryError)) {
                throw (VirtualMachineError) e;
            }
            return 1;
        }
    }

    /** The end of a failure's line when unfinished run folders were removed. */
    private static String removed(java.util.List<java.nio.file.Path> dirs) {
        return dirs.isEmpty() ? "" : " (the unfinished run folder " + dirs.get(0) + (dirs.size() > 1 ? " and " + (dirs.size() - 1) + " more" : "")
                + " was removed)";
    }

    /**
     * {@code vecnn 0.1.0}: the Implementation-Version of the jar's manifest (the pom's version,
     * written by the build), or a note when the classes do not come from the jar.
     */
    static String version(String implementationVersion) {
        return implementationVersion == null || implementationVersion.isBlank()
                ? "vecnn (version unknown: not run from its jar)"
                : "vecnn " + implementationVersion;
    }

    static String usage(Map<String, Command> commands) {
        StringBuilder sb = new StringBuilder("usage: vecnn <command> [options]    (vecnn <command> --help for its options)\n\n"
                + "Fully connected nets with dropout on CIFAR-10, in pure Java with SIMD kernels.\n\ncommands:\n");
        for (Command c : commands.values()) {
            sb.append(String.format("  %-11s %s%n", c.name(), c.summary()));
        }
        // sweep needs Spark, which the library jar does not carry: the launcher runs it from spark/.
        sb.append(String.format("  %-11s %s%n", SWEEP, "hyperparameter search on Apache Spark (the spark/ module, through ./vecnn sweep)"));
        sb.append("\nvecnn --version prints the version.\nexit status: 0 ok, 1 the run failed, 2 bad command line\n");
        return sb.toString();
    }

    /**
     * A path the JVM cannot turn into a file name: with a non-UTF-8 locale (LANG=C) it cannot
     * encode characters such as 'ä'. Names the flag that gave it.
     */
    static String unusablePath(java.nio.file.InvalidPathException e, String[] args) {
        String input = e.getInput();
        String flag = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(input) && i > 0 && args[i - 1].startsWith("--")) {
                flag = args[i - 1];
            } else if (args[i].startsWith("--") && args[i].endsWith("=" + input)) {
                flag = args[i].substring(0, args[i].indexOf('='));
            }
        }
        String charset = System.getProperty("sun.jnu.encoding", java.nio.charset.Charset.defaultCharset().name());
        boolean encoding = !charset.toUpperCase(java.util.Locale.ROOT).replace("-", "").equals("UTF8");
        return (flag == null ? "the path " : flag + " ") + oneLine(input) + ": not a usable file name ("
                + oneLine(e.getReason()) + ")" + (encoding ? "; this JVM encodes file names as " + charset
                + ", so only ASCII names work: run it with a UTF-8 locale, e.g. LC_ALL=C.UTF-8 (the ./vecnn launcher does)" : "");
    }

    /** One line for a person: the message, or the kind of problem when there is none. */
    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + oneLine(e.getMessage()) + "); give the JVM more heap, e.g. VECNN_JAVA_OPTS=-Xmx6g";
        }
        String msg = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && (msg == null || msg.isBlank() || msg.equals(cause.toString()))) {
            return describe(cause); // a wrapper that only carries its cause (new RuntimeException(e))
        }
        boolean plain = e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                || e instanceof ArithmeticException;
        String text = oneLine(msg == null ? "" : msg);
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + text;
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + text;
        }
        if (e instanceof java.nio.file.FileSystemException) {
            return fileProblem((java.nio.file.FileSystemException) e);
        }
        if (plain && !text.isEmpty()) {
            return text;
        }
        // Not a problem with the input: a bug. Its kind in words, not a class name with "Exception".
        String kind = e.getClass().getSimpleName().replaceAll("(Exception|Error)$", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
        return "internal error (" + kind + (text.isEmpty() ? "" : ": " + text) + "); this is a bug in vecnn:"
                + " please report it with the output of the same command run with VECNN_DEBUG=1";
    }

    /** A file-system failure as "path: what" (the JDK's message is often the bare path). */
    static String fileProblem(java.nio.file.FileSystemException e) {
        String what = e.getReason();
        if (what == null) {
            what = e instanceof java.nio.file.DirectoryNotEmptyException ? "is a folder (not empty), not a file"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "already exists"
                    : e instanceof java.nio.file.NotDirectoryException ? "is not a folder"
                    : e instanceof java.nio.file.NotLinkException ? "is not a link"
                    : e instanceof java.nio.file.FileSystemLoopException ? "links in a loop"
                    : "cannot be used";
        }
        return e.getFile() + (e.getOtherFile() == null ? "" : " (and " + e.getOtherFile() + ")") + ": " + oneLine(what);
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
