package dev.vecnn.cli;

import static dev.vecnn.cli.MainTest.assertOneLineError;
import static dev.vecnn.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vecnn.io.NpyArray;
import dev.vecnn.io.Npz;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths and messages as a new user meets them: output folders checked before the data is loaded,
 * the printed resume hint, a mistyped --data, checkpoints with broken contents, and the messages
 * for nets and sizes that cannot work.
 */
class RunPathsAndMessagesTest {
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void tinyData() throws Exception {
        data = TinyCifar.write(tmp.resolve("tiny"), 12, 5); // 60 training records
    }

    /** A small Adam run on the tiny data; --data points nowhere when {@code dataPath} says so. */
    private static List<String> train(Path dataPath, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--data", dataPath.toString(), "--no-download", "--num-train", "40",
                "--num-val", "10", "--hidden", "8", "--epochs", "3", "--batch-size", "10", "--dtype", "float64",
                "--print-every", "3", "--progress", "plain", "--out", tmp.resolve("runs").toString()));
        for (String m : more) { // a flag given here replaces the one above (a flag may be given once)
            int at = a.indexOf(m);
            if (m.startsWith("--") && at > 0) {
                a.remove(at + 1);
                a.remove(at);
            }
        }
        a.addAll(List.of(more));
        return a;
    }

    private static MainTest.Result run(List<String> args) {
        return MainTest.run(args.toArray(new String[0]));
    }

    // ------------------------------------------------------------------ item 2: output folders first

    @Test
    void outOnARegularFileFailsBeforeTheDataIsLoaded() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path nowhere = tmp.resolve("no-data-here"); // were the data loaded first, this would be the error
        MainTest.Result r = run(train(nowhere, "--out", file.toString()));
        assertOneLineError(r, 2, "--out " + file + ": " + file + " is a file, not a folder");
        MainTest.Result e = MainTest.run("experiment", "--data", nowhere.toString(), "--no-download", "--out",
                file.resolve("runs").toString());
        assertOneLineError(e, 2, "--out " + file.resolve("runs") + ": " + file + " (part of ");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void outUnderProcFailsBeforeTheDataIsLoaded() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc");
        Path nowhere = tmp.resolve("no-data-here");
        MainTest.Result r = run(train(nowhere, "--out", "/proc/vecnn-runs"));
        assertOneLineError(r, 2, "--out /proc/vecnn-runs: cannot create folders in /proc");
        assertThat(Files.exists(Path.of("/proc/vecnn-runs"))).isFalse();
    }

    @Test
    void aCheckpointFolderThatCannotBeWrittenFailsBeforeTheDataIsLoaded() throws Exception {
        Path nowhere = tmp.resolve("no-data-here");
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        assertOneLineError(run(train(nowhere, "--checkpoint", file.resolve("B.npz").toString())), 2,
                "--checkpoint " + file.resolve("B.npz") + ": " + file + " is a file, not a folder");
        Path folder = Files.createDirectories(tmp.resolve("a-folder"));
        assertOneLineError(run(train(nowhere, "--checkpoint", folder.toString())), 2, "--checkpoint " + folder + " is a folder");
        if (Files.isDirectory(Path.of("/proc/self"))) {
            assertOneLineError(run(train(nowhere, "--checkpoint", "/proc/vecnn/B.npz")), 2,
                    "--checkpoint /proc/vecnn/B.npz: cannot create folders in /proc");
        }
    }

    @Test
    void aReadOnlyOutFolderFailsBeforeTheDataIsLoaded() throws Exception {
        Path ro = Files.createDirectories(tmp.resolve("read-only"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Path probe = ro.resolve("probe");
            boolean writable;
            try {
                Files.createFile(probe);
                Files.delete(probe);
                writable = true;
            } catch (java.io.IOException e) {
                writable = false;
            }
            assumeTrue(!writable, "this user (root?) can write into a read-only folder");
            MainTest.Result r = run(train(tmp.resolve("no-data-here"), "--out", ro.resolve("runs").toString()));
            assertOneLineError(r, 2, "--out " + ro.resolve("runs") + ": cannot create folders in " + ro + ": permission denied");
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    // ------------------------------------------------------------------ item 3: the resume hint

    /** Splits a shell command line into words (plain words and single-quoted ones, as the hint prints them). */
    static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("'((?:[^']|'\\\\'')*)'|(\\S+)").matcher(line);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1).replace("'\\''", "'") : m.group(2));
        }
        return words;
    }

    @Test
    void thePrintedResumeHintResumesTheRun() throws Exception {
        Path checkpoint = tmp.resolve("hint dir").resolve("B.npz"); // a space: the hint must quote it
        MainTest.Result first = run(train(data, "--checkpoint", checkpoint.toString(), "--stop-after-epochs", "1"));
        assertThat(first.status).as(first.err).isZero();
        Matcher m = Pattern.compile("continue with: vecnn (.*)").matcher(first.out);
        assertThat(m.find()).as(first.out).isTrue();
        List<String> hint = shellWords(m.group(1));
        assertThat(hint).containsExactly("train", "--checkpoint", checkpoint.toString(), "--resume");

        // As printed (plus two flags that keep the test off the network and the terminal).
        List<String> resume = new ArrayList<>(hint);
        resume.addAll(List.of("--no-download", "--progress", "plain"));
        MainTest.Result second = run(resume);
        assertThat(second.status).as(second.err).isZero();
        assertThat(second.out).contains("(Epoch 3 / 3) train acc: ").doesNotContain("(Epoch 1 / 3)")
                .contains("run folder: " + tmp.resolve("runs")); // --out kept too

        // A path given again wins over the remembered one (and is not a repeated flag).
        Path moved = tmp.resolve("moved");
        TinyCifar.write(moved, 12, 5);
        List<String> again = new ArrayList<>(resume);
        again.addAll(List.of("--epochs", "4", "--data", moved.toString(), "--out", tmp.resolve("runs2").toString()));
        MainTest.Result third = run(again);
        assertThat(third.status).as(third.err).isZero();
        assertThat(third.out).contains("run folder: " + tmp.resolve("runs2"));
    }

    // ------------------------------------------------------------------ item 4: a mistyped --data

    @Test
    void aMistypedDataPathIsNotCreatedAndTheMessageIsShort() {
        Path typo = tmp.resolve("nonexistent").resolve("x");
        // No --no-download: the missing parent stops vecnn before any network access.
        MainTest.Result r = MainTest.run("train", "--data", typo.toString(), "--progress", "plain", "--out",
                tmp.resolve("runs").toString());
        assertOneLineError(r, 1, "CIFAR-10 not found in " + typo);
        assertThat(r.err).contains(tmp.resolve("nonexistent") + " does not exist")
                .contains("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz").contains("--data")
                .doesNotContain(".part");
        assertThat(r.err.length()).as(r.err).isLessThan(200 + 2 * typo.toString().length());
        assertThat(Files.exists(tmp.resolve("nonexistent"))).isFalse();

        MainTest.Result n = MainTest.run("train", "--data", typo.toString(), "--no-download", "--progress", "plain",
                "--out", tmp.resolve("runs").toString());
        assertOneLineError(n, 1, "CIFAR-10 not found in " + typo + " (looked for cifar-10-batches-bin/ and cifar-10-binary.tar.gz)");
        assertThat(n.err.length()).as(n.err).isLessThan(230 + typo.toString().length());
    }

    // ------------------------------------------------------------------ item 5 and 9: broken checkpoints

    private static Path finishedCheckpoint(String name) {
        Path file = tmp.resolve(name);
        MainTest.Result r = run(train(data, "--checkpoint", file.toString(), "--stop-after-epochs", "1"));
        assertThat(r.status).as(r.err).isZero();
        return file;
    }

    private static Path edited(Path checkpoint, String name, java.util.function.Consumer<Map<String, NpyArray>> edit)
            throws Exception {
        Map<String, NpyArray> z = new LinkedHashMap<>(Npz.read(checkpoint));
        edit.accept(z);
        Path file = tmp.resolve(name);
        Npz.write(file, z);
        return file;
    }

    private static NpyArray text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return NpyArray.ofUnsignedBytes(b, b.length);
    }

    @Test
    void badOptionsInsideACheckpointAreAFileError() throws Exception {
        Path good = finishedCheckpoint("args-good.npz");
        String args = new String(Npz.read(good).get("vecnn_args").unsignedBytes(), StandardCharsets.UTF_8);
        Path badValue = edited(good, "args-bad-value.npz", z -> z.put("vecnn_args", text(args.replace("--hidden=8", "--hidden=eight"))));
        MainTest.Result r = MainTest.run("train", "--checkpoint", badValue.toString(), "--resume", "--no-download");
        assertOneLineError(r, 1, "checkpoint " + badValue + ": its options (vecnn_args) are not valid: --hidden expects");
        Path unknown = edited(good, "args-unknown.npz", z -> z.put("vecnn_args", text(args + "\n--bogus=1")));
        assertOneLineError(MainTest.run("train", "--checkpoint", unknown.toString(), "--resume", "--no-download"), 1,
                "checkpoint " + unknown + " holds options this vecnn does not understand");
    }

    @Test
    void missingOptimizerStateOrAWrongShapeIsRefusedNamingTheCheckpoint() throws Exception {
        Path good = finishedCheckpoint("optim-good.npz");
        Path noM = edited(good, "no-m.npz", z -> z.keySet().removeIf(k -> k.startsWith("optim_") && k.endsWith("_m")));
        assertOneLineError(MainTest.run("train", "--checkpoint", noM.toString(), "--resume", "--no-download"), 1,
                "checkpoint " + noM + ": checkpoint optim state for parameter 'W1' must hold 'm'");
        Path noLr = edited(good, "no-lr.npz", z -> z.keySet().removeIf(k -> k.endsWith("_learning_rate")));
        assertOneLineError(MainTest.run("train", "--checkpoint", noLr.toString(), "--resume", "--no-download"), 1,
                "checkpoint " + noLr + ": checkpoint optim config for parameter 'W1' must hold 'learning_rate'");
        Path wrongW1 = edited(good, "wrong-w1.npz", z -> z.put("W1", NpyArray.of(new double[3072 * 7], 3072, 7)));
        assertOneLineError(MainTest.run("train", "--checkpoint", wrongW1.toString(), "--resume", "--no-download"), 1,
                "checkpoint " + wrongW1 + ": checkpoint parameter 'W1' must be float64 of shape [3072, 8]");
        // Read as a model file, too, the file is named.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.vecnn.infer.InferenceModel.load(wrongW1))
                .isInstanceOf(dev.vecnn.io.DataException.class).hasMessageStartingWith(wrongW1 + ": ");
        Path wrongM = edited(good, "wrong-m.npz", z -> z.put("optim_W1_m", NpyArray.of(new double[3072 * 7], 3072, 7)));
        assertOneLineError(MainTest.run("train", "--checkpoint", wrongM.toString(), "--resume", "--no-download"), 1,
                "checkpoint " + wrongM + ": checkpoint optim state 'm' of parameter 'W1' must be float64 of shape [3072, 8]");
    }

    // ------------------------------------------------------------------ item 9: messages

    @Test
    void aNetNoJvmCanHoldSaysWhyWithTheNumbers() {
        MainTest.Result r = run(train(tmp.resolve("no-data-here"), "--hidden", "1000000000"));
        assertOneLineError(r, 2, "--hidden 1000000000: W1 would be 3072 x 1000000000 = 3.07e+12 values (25 TB in float64");
        assertThat(r.err).doesNotContain("Xmx6g");
        // Within Java's array limit, but far beyond any heap: the need is computed (exit 1: more heap fixes it).
        MainTest.Result big = run(train(tmp.resolve("no-data-here"), "--hidden", "699000,3000"));
        assertOneLineError(big, 1, "the net 699000,3000 needs at least 170 GB of heap");
        assertThat(big.err).contains("-Xmx").doesNotContain("CIFAR-10 not found");
    }

    @Test
    void memoryNeedCountsWeightsGradientsBestCopyAndUpdateRuleState() {
        dev.vecnn.train.TrainSpec spec = dev.vecnn.train.TrainSpec.NOTEBOOK; // [500], float32, adam
        dev.vecnn.train.MemoryNeed.check(spec, 3072, 10, 50000, 1L << 30); // 1.5M params x 5 x 4 B + 614 MB of images fit in 1 GiB
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.vecnn.train.MemoryNeed.check(spec, 3072, 10, 50000, 600_000_000L))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs at least 645 MB of heap (1,541,510 parameters x 5 copies in float32: weights, "
                        + "gradients, best weights, adam's m and v; plus 614 MB of images), but this JVM may use 600 MB")
                .hasMessageContaining("-Xmx1g");
    }

    @Test
    void aHiddenSizeBeyondAnIntSaysTheRange() {
        assertOneLineError(run(train(data, "--hidden", "3000000000")), 2, "--hidden values must be in [1, 2147483647], got 3000000000");
        assertOneLineError(run(train(data, "--hidden", "8,x")), 2, "--hidden expects comma-separated integers, got '8,x'");
    }

    @Test
    void tooManyTrainingImagesBlamesTheFlagThatWasGiven() {
        List<String> a = new ArrayList<>(train(data));
        int i = a.indexOf("--num-val");
        a.remove(i + 1);
        a.remove(i); // --num-val not given: its default 1000 applies
        a.set(a.indexOf("--num-train") + 1, "50000");
        assertOneLineError(run(a), 2, "--num-train must be in [1, 49000] with --num-val 1000 (its default)");
        assertOneLineError(MainTest.run("train", "--data", data.toString(), "--num-val", "49990", "--progress", "plain"), 2,
                "--num-val must be in [1, 1000] with --num-train 49000 (its default)");
    }
}
