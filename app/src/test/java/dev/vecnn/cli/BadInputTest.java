package dev.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vecnn.io.LockFile;
import dev.vecnn.io.NpyArray;
import dev.vecnn.io.Npz;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21's table, row by row, through the command line: each bad input ends before the work it
 * would spoil, in one line naming the file, the array, the record or the flag, with exit status 2
 * (command line) or 1 (data, I/O), and nothing good lost. {@link #noStackTraceReachedTheUser} then
 * reads the stderr of every run in this class for a trace or an exception's class name.
 */
class BadInputTest {
    @TempDir
    static Path tmp;
    static Path data;
    /** The stderr of every command run here, for the last check. */
    private static final List<String> ERRORS = new ArrayList<>();

    private static final boolean UNIX = File.separatorChar == '/' && Files.isExecutable(Path.of("/bin/bash"));

    @BeforeAll
    static void tinyData() throws Exception {
        data = TinyCifar.write(tmp.resolve("tiny"), 12, 7); // 60 training records
    }

    static MainTest.Result cli(String... args) {
        MainTest.Result r = MainTest.run(args);
        ERRORS.add(r.err);
        return r;
    }

    /** A small train run's arguments, then {@code more}. */
    private static String[] train(Path dataDir, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--data", dataDir.toString(), "--no-download", "--num-train", "40",
                "--num-val", "10", "--hidden", "8", "--epochs", "2", "--batch-size", "10", "--weight-scale", "0.05",
                "--progress", "plain"));
        for (String m : more) { // a flag given here replaces the one above (a flag may be given once)
            int at = a.indexOf(m);
            if (m.startsWith("--") && at > 0) {
                a.remove(at + 1);
                a.remove(at);
            }
        }
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    /** One line on stderr (after the library's kernel line, which a process test would show), the status, no trace. */
    private static void oneLine(MainTest.Result r, int status, String... containing) {
        assertThat(r.status).as("exit status; stderr: %s", r.err).isEqualTo(status);
        List<String> lines = r.err.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as(r.err).hasSize(1);
        for (String c : containing) {
            assertThat(lines.get(0)).contains(c);
        }
    }

    private static List<Path> runFolders(Path out) throws Exception {
        if (!Files.isDirectory(out)) return List.of();
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(Files::isDirectory).toList();
        }
    }

    /** Row 1: an empty data_batch_1.bin trained on shifted batches and exited 0. */
    @Test
    void anEmptyTrainingBatchIsRefusedByNameBeforeTraining() throws Exception {
        Path copy = TinyCifar.write(tmp.resolve("empty-batch"), 12, 7);
        Path batch = copy.resolve("cifar-10-batches-bin").resolve("data_batch_1.bin");
        Files.write(batch, new byte[0]);
        Path out = tmp.resolve("runs-empty");
        MainTest.Result r = cli(train(copy, "--out", out.toString()));
        oneLine(r, 1, batch + ": the file is empty (0 bytes)");
        assertThat(r.out).doesNotContain("(Iteration");
        assertThat(runFolders(out)).isEmpty();
        MainTest.Result e = cli("experiment", "--data", copy.toString(), "--no-download", "--num-train", "20", "--num-val", "10",
                "--split-train", "40", "--epochs", "1", "--batch-size", "10", "--progress", "plain", "--out", out.toString());
        oneLine(e, 1, batch + ": the file is empty (0 bytes)");
    }

    /** A checkpoint of a finished small run, copied so that a test may spoil it. */
    private static Path checkpoint(String name) throws Exception {
        Path file = tmp.resolve(name + ".npz");
        MainTest.Result r = cli(train(data, "--checkpoint", file.toString(), "--stop-after-epochs", "1",
                "--out", tmp.resolve("runs-ckpt").toString()));
        assertThat(r.status).as(r.err).isZero();
        return file;
    }

    private static void rewrite(Path file, String name, NpyArray replacement) throws Exception {
        Map<String, NpyArray> z = new LinkedHashMap<>(Npz.read(file));
        if (replacement == null) {
            z.remove(name);
        } else {
            z.put(name, replacement);
        }
        Npz.write(file, z);
    }

    /** Row 2: a checkpoint whose W1 held NaN trained, wrote a run folder, then said "diverged". */
    @Test
    void aCheckpointWithNanIsRefusedAtLoadNamingTheArrayAndIndex() throws Exception {
        Path file = checkpoint("nan");
        NpyArray w1 = Npz.read(file).get("W1");
        float[] v = w1.floats().clone();
        v[3 * 8 + 5] = Float.NaN;
        rewrite(file, "W1", NpyArray.of(v, w1.shape()));
        byte[] before = Files.readAllBytes(file);
        Path out = tmp.resolve("runs-nan");
        MainTest.Result r = cli(train(data, "--checkpoint", file.toString(), "--resume", "--out", out.toString()));
        oneLine(r, 1, "checkpoint " + file + ": the array 'W1' must hold finite values, got NaN at [3, 5] (flat index 29)");
        assertThat(r.out).doesNotContain("(Iteration");
        assertThat(runFolders(out)).isEmpty();
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    /** Row 3: a checkpoint without best_b2 trained every epoch, rewrote the checkpoint, then failed. */
    @Test
    void aCheckpointWithoutAnArrayItNeedsIsRefusedAtLoadNamingTheFileAndTheArray() throws Exception {
        Path file = checkpoint("no-best");
        rewrite(file, "best_b2", null);
        byte[] before = Files.readAllBytes(file);
        Path out = tmp.resolve("runs-no-best");
        MainTest.Result r = cli(train(data, "--checkpoint", file.toString(), "--resume", "--out", out.toString()));
        oneLine(r, 1, "checkpoint " + file + ": the array 'best_b2' is missing");
        assertThat(r.out).doesNotContain("(Iteration");
        assertThat(runFolders(out)).isEmpty();
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    /**
     * Row 4: two runs on one checkpoint both exited 0 and one run's result was lost. The second run
     * (a new one, or a --resume) is refused naming the first's process; after the first is killed
     * (SIGKILL: its lock file stays), a --resume takes the stale lock over with a note.
     */
    @Test
    void oneWriterPerCheckpointAndAStaleLockIsTakenOverWithANote() throws Exception {
        assumeTrue(UNIX);
        Path file = tmp.resolve("shared.npz");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.vecnn.cli.Main"));
        cmd.addAll(List.of(train(data, "--epochs", "100000", "--threads", "1", "--print-every", "1",
                "--checkpoint", file.toString(), "--out", tmp.resolve("runs-shared").toString())));
        Process first = new ProcessBuilder(cmd).redirectError(tmp.resolve("first-err.txt").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("(Epoch 1 ")) {
                // until the first checkpoint is written
            }
            assertThat(line).as("the first run's log").isNotNull();
            String held = "checkpoint " + file + " is being written by another run (process " + first.pid() + " (";
            MainTest.Result again = cli(train(data, "--checkpoint", file.toString(), "--overwrite",
                    "--out", tmp.resolve("runs-shared").toString()));
            oneLine(again, 1, held, "lock file " + tmp.resolve(".shared.npz.lock"));
            MainTest.Result resume = cli(train(data, "--checkpoint", file.toString(), "--resume", "--epochs", "3",
                    "--out", tmp.resolve("runs-shared").toString()));
            oneLine(resume, 1, held);
            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            MainTest.Result after = cli("train", "--data", data.toString(), "--no-download", "--checkpoint", file.toString(),
                    "--resume", "--epochs", "3", "--progress", "plain", "--out", tmp.resolve("runs-shared").toString());
            assertThat(after.status).as(after.err).isZero();
            assertThat(after.err.lines().toList()).hasSize(1).first().asString()
                    .startsWith("vecnn train: note: took over the lock of checkpoint " + file + " from process " + first.pid());
        } finally {
            first.destroyForcibly();
        }
    }

    /** Row 5: --out on a full disk: the free-space check refuses before training (a 64 KiB tmpfs, when this process may mount one). */
    @Test
    void anOutFolderOnAFullDiskIsRefusedBeforeTraining() throws Exception {
        Path mount = tmp.resolve("small-disk");
        Files.createDirectories(mount);
        assumeTrue(UNIX && Tmpfs.mount(mount, "64k"), "cannot mount a tmpfs here");
        try {
            MainTest.Result r = cli(train(data, "--out", mount.resolve("runs").toString()));
            oneLine(r, 1, "--out " + mount.resolve("runs") + ": the disk holding " + mount + " has ",
                    " free, but the run folder needs about ");
            assertThat(r.out).doesNotContain("(Iteration");
            assertThat(mount.resolve("runs")).doesNotExist();
            MainTest.Result c = cli(train(data, "--hidden", "2000", "--checkpoint", mount.resolve("run.npz").toString(),
                    "--out", tmp.resolve("runs-disk").toString()));
            oneLine(c, 1, "--checkpoint " + mount.resolve("run.npz") + ": the disk holding " + mount + " has ",
                    "the checkpoint (written beside the old one, then renamed) needs about ");

            // ImageIO cached PNGs in java.io.tmpdir: on a full one, its StreamCloser printed a trace at exit.
            Files.write(mount.resolve("fill"), new byte[60 * 1024]);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + mount, "-cp", System.getProperty("java.class.path"), "dev.vecnn.cli.Main"));
            cmd.addAll(List.of(train(data, "--out", tmp.resolve("runs-tmpdir").toString())));
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            ERRORS.add(err);
            assertThat(p.exitValue()).as(err).isZero();
            assertThat(err).doesNotContain("StreamCloser").doesNotContain("plots skipped");
            assertThat(runFolders(tmp.resolve("runs-tmpdir"))).hasSize(1);
            assertThat(runFolders(tmp.resolve("runs-tmpdir")).get(0).resolve("accuracy.png")).isNotEmptyFile();
        } finally {
            Tmpfs.unmount(mount);
        }
    }

    /** Row 7: a non-ASCII --data under LANG=C gave the JDK's raw "Malformed input" text. */
    @Test
    void aNonAsciiDataPathWithoutAUtf8LocaleNamesTheFlag() throws Exception {
        assumeTrue(UNIX);
        Path parent = tmp.resolve("locale");
        Files.createDirectories(parent);
        TinyCifar.write(parent.resolve("plain"), 12, 7);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the shell makes the non-ASCII bytes (this JVM may itself have no UTF-8 locale)
        String script = "cd '" + parent + "' && mv plain \"$(printf 'd\\303\\244t\\303\\244')\" && exec '" + java + "' -cp '"
                + System.getProperty("java.class.path") + "' dev.vecnn.cli.Main info --data \"$PWD/$(printf 'd\\303\\244t\\303\\244')\"";
        ProcessBuilder c = new ProcessBuilder("/bin/bash", "-c", script);
        c.environment().put("LC_ALL", "C");
        c.environment().put("LANG", "C");
        Process p = c.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        ERRORS.add(err);
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        List<String> lines = err.lines().filter(l -> l.startsWith("vecnn info:")).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("vecnn info: --data " + parent).contains("not a usable file name")
                .contains("run it with a UTF-8 locale, e.g. LC_ALL=C.UTF-8");
        assertThat(out).doesNotContain("found");
    }

    /** Row 8: --weight-scale 0 and --batch-size above --num-train were silent. */
    @Test
    void uselessOptionsGiveOneWarningLineEachAndTheRunGoesOn() {
        MainTest.Result r = cli(train(data, "--weight-scale", "0", "--batch-size", "50", "--num-train", "20",
                "--out", tmp.resolve("runs-warn").toString()));
        assertThat(r.status).as(r.err).isZero();
        assertThat(r.err.lines().toList()).containsExactly(
                "vecnn train: warning: --weight-scale 0 starts every weight at 0: the hidden units stay identical (their "
                        + "gradients are equal), so the net learns no more than chance; try 1e-3 or 1e-2",
                "vecnn train: warning: --batch-size 50 is more than the 20 training images: each epoch is one minibatch of 50 "
                        + "drawn with replacement (the assignment's Solver samples so), so an epoch is a single step; "
                        + "--batch-size 20 or less gives more steps");
        assertThat(r.out).contains("(Epoch 2 / 2)");
    }

    /** Row 8: --threads 1000 was 4x slower, silently (checked without starting 1000 threads). */
    @Test
    void moreThreadsThanCoresIsOneWarningLine() {
        Flags f = TrainCommand.flags().parse(new String[] {"--threads", "1000"}, 0);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        RunWarnings.print(new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8), "vecnn train", SpecFlags.read(f).build(), 49000, f);
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly("vecnn train: warning: --threads 1000 "
                + "is more than the " + cores + " cores this JVM may use: the kernel threads take turns on them and the run is "
                + "slower; --threads " + cores + " or fewer");
    }

    /** The kind, not only the rows: a folder where a file is expected, a file where a folder is, an unreadable path. */
    @Test
    void foldersAndFilesInTheWrongPlaceAreOneLine() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("a-folder.npz"));
        oneLine(cli(train(data, "--checkpoint", folder.toString())), 2, "--checkpoint " + folder + " is a folder");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        oneLine(cli(train(data, "--out", file.toString())), 2, "--out " + file, "is a file, not a folder");
        oneLine(cli(train(file, "--out", tmp.resolve("runs-x").toString())), 1, file.toString());
        Path notNpz = Files.writeString(tmp.resolve("text.npz"), "not a zip");
        oneLine(cli(train(data, "--checkpoint", notNpz.toString(), "--resume")), 1, notNpz.toString());
    }

    /**
     * Happy-path finding: a folder without the training batches gave a precise message with
     * --no-download and, without it, a vaguer one after trying a download. Now the same line.
     */
    @Test
    void aFolderWithoutTheTrainingBatchesIsNamedAsIncompleteWithOrWithoutDownload() throws Exception {
        Path partial = Files.createDirectories(tmp.resolve("partial").resolve("cifar-10-batches-bin"));
        Files.copy(data.resolve("cifar-10-batches-bin").resolve("test_batch.bin"), partial.resolve("test_batch.bin"));
        for (Path where : new Path[] {partial, partial.getParent()}) {
            String line = partial + " is not a complete CIFAR-10 binary data set: batches.meta.txt, data_batch_1.bin";
            List<String> download = new ArrayList<>(List.of(train(where, "--out", tmp.resolve("runs-partial").toString())));
            download.remove("--no-download");
            MainTest.Result without = cli(download.toArray(new String[0]));
            oneLine(without, 1, line);
            MainTest.Result with = cli(train(where, "--out", tmp.resolve("runs-partial").toString()));
            assertThat(with.err).isEqualTo(without.err);
        }
        assertThat(Files.list(partial).toList()).hasSize(1); // nothing downloaded into it
    }

    /** The kind (hand trials): a folder given as a model, a folder with no images to classify. */
    @Test
    void predictWithAFolderForAModelOrNoImagesIsOneLine() throws Exception {
        Path out = tmp.resolve("runs-predict");
        assertThat(cli(train(data, "--out", out.toString())).status).isZero();
        Path model = runFolders(out).get(0).resolve("best_model.npz");
        Path folder = Files.createDirectories(tmp.resolve("no-images"));
        oneLine(cli("predict", "--model", folder.toString(), folder.toString()), 1, folder + ": is a folder; name a file");
        oneLine(cli("predict", "--model", model.toString(), folder.toString()), 1,
                folder + ": a folder without .png/.jpg/.jpeg images");
    }

    /** Every run above: no stack trace line and no exception class name reached the user. */
    @AfterAll
    static void noStackTraceReachedTheUser() {
        assertThat(ERRORS).isNotEmpty();
        for (String err : ERRORS) {
            for (String line : err.split("\\R")) {
                assertThat(line).as("stderr: %s", err).doesNotContain("Exception").doesNotContainPattern("^\\s*at (dev|java|org)\\.")
                        .doesNotStartWith("Caused by");
            }
        }
    }

    /** Mounting a small tmpfs (root in a container may; others may not). */
    static final class Tmpfs {
        private Tmpfs() {}

        static boolean mount(Path at, String size) {
            try {
                Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString())
                        .redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (Exception e) {
                return false;
            }
        }

        static void unmount(Path at) {
            try {
                new ProcessBuilder("umount", at.toString()).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the temporary folder's cleanup reports it
            }
        }
    }

    static String[] concat(String[] a, String... b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
