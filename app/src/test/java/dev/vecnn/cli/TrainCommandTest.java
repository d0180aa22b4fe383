package dev.vecnn.cli;

import static dev.vecnn.cli.MainTest.assertOneLineError;
import static dev.vecnn.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vecnn.io.NpyArray;
import dev.vecnn.io.Npz;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vecnn train} end to end on a small synthetic CIFAR-10: checkpoints, resume, bad input. */
class TrainCommandTest {
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void tinyData() throws Exception {
        data = TinyCifar.write(tmp.resolve("tiny"), 12, 7); // 60 training records
    }

    /** A small run with dropout (so the random stream matters), Adam and float64. */
    private static String[] trainArgs(Path checkpoint, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--data", data.toString(), "--no-download", "--num-train", "40",
                "--num-val", "10", "--hidden", "16,12", "--keep-p", "0.5", "--epochs", "4", "--batch-size", "10",
                "--dtype", "float64", "--lr", "1e-3", "--weight-scale", "0.05", "--print-every", "3",
                "--progress", "plain", "--out", tmp.resolve("runs").toString()));
        if (checkpoint != null) {
            a.add("--checkpoint");
            a.add(checkpoint.toString());
        }
        for (String m : more) { // a flag given here replaces the one above (a flag may be given once)
            int at = a.indexOf(m);
            if (m.startsWith("--") && at > 0 && !m.equals("--resume") && !m.equals("--overwrite")) {
                a.remove(at + 1);
                a.remove(at);
            }
        }
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    private static List<String> logLines(String out) {
        List<String> lines = new ArrayList<>();
        for (String l : out.split("\\R")) {
            if (l.startsWith("(Iteration ") || l.startsWith("(Epoch ")) {
                lines.add(l);
            }
        }
        return lines;
    }

    @Test
    void aFinishedRunSavesItsModelWithClassNamesAndReportsTheTestAccuracyPredictReproduces() throws Exception {
        MainTest.Result r = run(trainArgs(null, "--epochs", "2"));
        assertThat(r.status).as(r.err).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("test accuracy: (0\\.\\d{4}) \\(12 test images, the "
                + "parameters of the best validation accuracy; saved as best_model.npz: vecnn predict --model (\\S+) IMAGE...\\)")
                .matcher(r.out);
        assertThat(m.find()).as(r.out).isTrue();
        Path model = Path.of(m.group(2));
        assertThat(r.out).contains("best_model.npz");
        dev.vecnn.model.ModelFile file = dev.vecnn.model.ModelFile.read(model);
        assertThat(file.hasClassNames()).isTrue();
        assertThat(file.classNames()).hasSize(10);
        assertThat(file.hasMeanImage()).isTrue();
        String summary = Files.readString(model.resolveSibling("summary.json"));
        assertThat(summary).contains("\"test\": {").contains("\"images\": 12").contains("\"model\": \"best_model.npz\"");

        // the test records as PNG files in folders named after their classes: vecnn predict gives the same accuracy
        Path pngs = tmp.resolve("test-png");
        byte[] records = Files.readAllBytes(data.resolve("cifar-10-batches-bin/test_batch.bin"));
        for (int i = 0; i < 12; i++) {
            int at = i * 3073;
            java.awt.image.BufferedImage im = new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
            for (int p = 0; p < 1024; p++) {
                int rgb = (records[at + 1 + p] & 0xFF) << 16 | (records[at + 1 + 1024 + p] & 0xFF) << 8
                        | (records[at + 1 + 2048 + p] & 0xFF);
                im.setRGB(p % 32, p / 32, rgb);
            }
            Path f = pngs.resolve(file.classNames().get(records[at])).resolve(String.format("%02d.png", i));
            Files.createDirectories(f.getParent());
            javax.imageio.ImageIO.write(im, "png", f.toFile());
        }
        MainTest.Result p = run("predict", "--model", model.toString(), pngs.toString());
        assertThat(p.status).as(p.err).isZero();
        assertThat(p.out.lines().count()).isEqualTo(12);
        assertThat(p.err).contains("vecnn predict: accuracy " + m.group(1) + " (");
    }

    @Test
    void interruptedAndResumedRunEndsBitIdenticalToAnUninterruptedOne() throws Exception {
        Path whole = tmp.resolve("whole.npz");
        MainTest.Result a = run(trainArgs(whole));
        assertThat(a.status).as(a.err).isZero();

        Path parts = tmp.resolve("parts.npz");
        MainTest.Result b1 = run(trainArgs(parts, "--stop-after-epochs", "1"));
        assertThat(b1.status).as(b1.err).isZero();
        assertThat(b1.out).contains("stopped after epoch 1 of 4; continue with: vecnn train --checkpoint " + parts + " --resume");
        MainTest.Result b2 = run(trainArgs(parts, "--resume", "--stop-after-epochs", "2"));
        assertThat(b2.status).as(b2.err).isZero();
        assertThat(b2.out).contains("stopped after epoch 3 of 4");
        // The last part names only the runtime flags: the options come from the checkpoint.
        MainTest.Result b3 = run("train", "--data", data.toString(), "--no-download", "--checkpoint", parts.toString(),
                "--resume", "--progress", "plain", "--out", tmp.resolve("runs").toString(), "--print-every", "3");
        assertThat(b3.status).as(b3.err).isZero();

        // The same log, split over three invocations.
        List<String> joined = new ArrayList<>(logLines(b1.out));
        joined.addAll(logLines(b2.out));
        joined.addAll(logLines(b3.out));
        assertThat(joined).isEqualTo(logLines(a.out)).hasSize(6 + 5); // iterations 1, 4, ..., 16 and epochs 0..4

        Map<String, NpyArray> x = Npz.read(whole);
        Map<String, NpyArray> y = Npz.read(parts);
        assertThat(y.keySet()).isEqualTo(x.keySet());
        assertThat(x.keySet()).contains("W1", "b1", "W2", "b2", "W3", "b3", "best_W1", "optim_W1_m", "optim_W1_v",
                "optim_W1_t", "optim_W1_learning_rate", "rng_key", "rng_pos", "loss_history", "solver_iteration");
        assertSameArrays(x, y);
        assertThat(x.get("solver_iteration").longs()).containsExactly(16);
        assertThat(x.get("optim_W1_t").longs()).containsExactly(16);
    }

    @Test
    void batchnormRunningStatisticsTravelWithTheCheckpoint() throws Exception {
        Path whole = tmp.resolve("bn-whole.npz");
        MainTest.Result a = run(trainArgs(whole, "--normalization", "batchnorm", "--epochs", "2", "--update-rule", "sgd_momentum"));
        assertThat(a.status).as(a.err).isZero();
        Path parts = tmp.resolve("bn-parts.npz");
        assertThat(run(trainArgs(parts, "--normalization", "batchnorm", "--epochs", "2", "--update-rule", "sgd_momentum",
                "--stop-after-epochs", "1")).status).isZero();
        MainTest.Result b = run(trainArgs(parts, "--resume", "--epochs", "2"));
        assertThat(b.status).as(b.err).isZero();
        Map<String, NpyArray> x = Npz.read(whole);
        Map<String, NpyArray> y = Npz.read(parts);
        assertThat(x.keySet()).contains("gamma1", "beta2", "running_mean1", "running_var2", "optim_W1_velocity")
                .isEqualTo(y.keySet());
        assertSameArrays(x, y);
        // The inference part reads the checkpoint as a model file: last and best parameters.
        dev.vecnn.infer.InferenceModel last = dev.vecnn.infer.InferenceModel.load(whole);
        assertThat(last.normalization()).isEqualTo(dev.vecnn.layers.Normalization.BATCHNORM);
        assertThat(last.layerDims()).containsExactly(3072, 16, 12, 10);
        assertThat(dev.vecnn.infer.InferenceModel.load(whole, null, "best_").layerDims()).containsExactly(3072, 16, 12, 10);
    }

    @Test
    void counterMasksResumeBitIdenticallyToo() throws Exception {
        Path whole = tmp.resolve("ctr-whole.npz");
        assertThat(run(trainArgs(whole, "--masks", "counter", "--epochs", "2")).status).isZero();
        Path parts = tmp.resolve("ctr-parts.npz");
        assertThat(run(trainArgs(parts, "--masks", "counter", "--epochs", "2", "--stop-after-epochs", "1")).status).isZero();
        MainTest.Result b = run(trainArgs(parts, "--resume", "--epochs", "2"));
        assertThat(b.status).as(b.err).isZero();
        assertSameArrays(Npz.read(whole), Npz.read(parts));
    }

    @Test
    void resumingAFinishedRunSaysSoAndWhereItsResultsAreAndMakesNoNewFolder() throws Exception {
        Path out = tmp.resolve("finished-runs");
        Path done = tmp.resolve("finished.npz");
        MainTest.Result a = run(trainArgs(done, "--epochs", "2", "--out", out.toString()));
        assertThat(a.status).as(a.err).isZero();
        List<Path> before;
        try (var s = Files.list(out)) {
            before = s.toList();
        }
        assertThat(before).hasSize(1);
        MainTest.Result b = run(trainArgs(done, "--resume", "--epochs", "2", "--out", out.toString()));
        assertThat(b.status).as(b.err).isZero();
        assertThat(b.out.strip().lines().count()).as(b.out).isEqualTo(1);
        assertThat(b.out).startsWith("the run in " + done + " already finished (epoch 2 of 2, best val acc ")
                .contains("its results: " + before.get(0)).contains("add --epochs 3");
        try (var s = Files.list(out)) {
            assertThat(s.toList()).isEqualTo(before);
        }
    }

    @Test
    void aDivergedRunWritesItsHistoriesSoFarAndSaysWhichIterationDiverged() throws Exception {
        Path out = tmp.resolve("diverged-runs");
        MainTest.Result r = run(trainArgs(null, "--update-rule", "sgd", "--lr", "1e6", "--weight-scale", "10", "--keep-p", "1", "--dtype", "float32",
                "--out", out.toString()));
        assertThat(r.status).as(r.err).isEqualTo(1);
        assertThat(r.err.strip().lines().count()).as(r.err).isEqualTo(1);
        assertThat(r.err).startsWith("vecnn train: diverged: the loss was ").contains(" at iteration ")
                .contains("try a smaller --lr").doesNotContain("Exception");
        List<Path> dirs;
        try (var s = Files.list(out)) {
            dirs = s.toList();
        }
        assertThat(dirs).hasSize(1);
        Path dir = dirs.get(0);
        assertThat(r.err).contains("are in " + dir);
        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) dev.vecnn.io.Json.parse(Files.readString(dir.resolve("summary.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> diverged = (Map<String, Object>) summary.get("diverged");
        int iteration = ((Number) diverged.get("iteration")).intValue();
        assertThat(iteration).isBetween(1, 16);
        assertThat(r.err).contains(" at iteration " + iteration + " of 16 ");
        List<String> csv = Files.readAllLines(dir.resolve(Reports.HISTORY_CSV));
        assertThat(csv.size()).isGreaterThan(1);
        assertThat(Files.exists(dir.resolve(Reports.LOSS_PNG))).isTrue();
    }

    @Test
    void aCorruptCheckpointEndsInOneLineAndIsLeftAsItWas() throws Exception {
        Path good = tmp.resolve("good.npz");
        assertThat(run(trainArgs(good, "--epochs", "1")).status).isZero();
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = tmp.resolve("truncated.npz");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        MainTest.Result r = run(trainArgs(truncated, "--resume"));
        assertOneLineError(r, 1, "truncated.npz");
        assertThat(Files.size(truncated)).isEqualTo(bytes.length / 2);

        Path garbage = tmp.resolve("garbage.npz");
        Files.writeString(garbage, "not a checkpoint");
        assertOneLineError(run(trainArgs(garbage, "--resume")), 1, "garbage.npz: not an .npz file");
        assertThat(Files.readString(garbage)).isEqualTo("not a checkpoint");

        // A good checkpoint is never overwritten by a new run by accident.
        MainTest.Result again = run(trainArgs(good));
        assertOneLineError(again, 2, "checkpoint " + good + " already exists: add --resume");
        assertThat(Files.readAllBytes(good)).isEqualTo(bytes);

        // Resuming with a different net is refused, and the checkpoint stays.
        MainTest.Result other = run(trainArgs(good, "--resume", "--hidden", "8"));
        assertOneLineError(other, 2, "hidden_dims [8] (checkpoint: [16, 12])");
        assertThat(Files.readAllBytes(good)).isEqualTo(bytes);
    }

    @Test
    void badValuesEndInOneLineWithStatusTwo() {
        assertOneLineError(run(trainArgs(null, "--keep-p", "0")), 2, "--keep-p must be in (0, 1] (the dropout KEEP probability; 1 keeps every unit), got 0");
        assertOneLineError(run(trainArgs(null, "--keep-p", "1.5")), 2, "--keep-p must be in (0, 1] (the dropout KEEP probability; 1 keeps every unit), got 1.5");
        assertOneLineError(run(trainArgs(null, "--epochs", "-3")), 2, "--epochs must be in [0, 1000000], got -3");
        assertOneLineError(run(trainArgs(null, "--update-rule", "lbfgs")), 2, "--update-rule must be one of");
        assertOneLineError(run(trainArgs(null, "--bogus")), 2, "unknown option --bogus");
        assertOneLineError(run(trainArgs(null, "--resume")), 2, "--resume needs --checkpoint FILE");
        assertOneLineError(run(trainArgs(tmp.resolve("absent.npz"), "--resume")), 2, "absent.npz does not exist");
    }

    @Test
    void missingDataNamesWhereItLookedTheAddressAndTheDataOption() {
        Path nowhere = tmp.resolve("no-such-folder");
        MainTest.Result r = run("train", "--data", nowhere.toString(), "--no-download", "--progress", "plain");
        assertOneLineError(r, 1, nowhere.toString());
        assertThat(r.err).contains("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz").contains("--data");
    }

    /** Same names, and every array the same type, shape and bits (reports the first difference only). */
    private static void assertSameArrays(Map<String, NpyArray> expected, Map<String, NpyArray> actual) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        for (String k : expected.keySet()) {
            String e = content(expected.get(k));
            String a = content(actual.get(k));
            if (!e.equals(a)) {
                int i = 0;
                while (i < Math.min(e.length(), a.length()) && e.charAt(i) == a.charAt(i)) {
                    i++;
                }
                throw new AssertionError("array '" + k + "' differs from character " + i + ": expected ..."
                        + e.substring(Math.max(0, i - 20), Math.min(e.length(), i + 40)) + "... but was ..."
                        + a.substring(Math.max(0, i - 20), Math.min(a.length(), i + 40)) + "...");
            }
        }
    }

    /** An array's type, shape and elements as one comparable string. */
    private static String content(NpyArray a) {
        String values;
        switch (a.type()) {
            case FLOAT32: values = Arrays.toString(a.floats()); break;
            case FLOAT64: values = Arrays.toString(a.doubles()); break;
            case INT64: values = Arrays.toString(a.longs()); break;
            case INT32: values = Arrays.toString(a.ints()); break;
            case UINT8: values = Arrays.toString(a.unsignedBytes()); break;
            default: values = Arrays.toString(a.booleans());
        }
        return a.type() + Arrays.toString(a.shape()) + values;
    }
}
