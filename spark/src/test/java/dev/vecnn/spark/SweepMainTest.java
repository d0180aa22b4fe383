package dev.vecnn.spark;

import dev.vecnn.sweep.SweepFolder;
import dev.vecnn.sweep.SweepReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The command end to end: help, bad options (one line, exit 2, no Spark started), a sweep and its resume. */
class SweepMainTest {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        outBytes.reset();
        errBytes.reset();
        return SweepMain.run(args, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpAndBadSearchSpaces() throws Exception {
        assertThat(run("--help")).isZero();
        assertThat(out()).startsWith("usage: vecnn sweep").contains("--master");
        String[][] bad = {{"--lr", "1e-2..1e-4"}, {"--keep-p", "1.5"}, {"--norm", "groupnorm"}, {"--search", "grid", "--lr", "1e-4..1e-2:log"},
            {"--lr", "1e-4..1e-2:log10"}, {"--hidden", "100x"}};
        for (String[] args : bad) {
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err()).startsWith("vecnn sweep: ").endsWith("\n");
            assertThat(err().lines().count()).as(err()).isEqualTo(1);
            assertThat(out()).isEmpty();
        }
        // Embedded Spark reads the driver's files: missing data is one line before Spark starts.
        assertThat(run("--data", "/nonexistent/cifar", "--trials", "2")).isEqualTo(2);
        assertThat(err()).startsWith("vecnn sweep: --data /nonexistent/cifar: no CIFAR-10 there");
        assertThat(err().lines().count()).isEqualTo(1);
    }

    /**
     * Issue 21: --master bogus://x and local[0] gave Spark's ERROR log and a stack trace; a bad label
     * in the data failed every task (59 lines of logs), then advised running the command again.
     */
    @Test
    void badMastersAndBadDataAreOneLineBeforeSparkStarts(@TempDir Path dir) throws Exception {
        Path data = SyntheticCifar.write(dir.resolve("data"), 20, 3);
        for (String master : new String[] {"bogus://x", "local[0]"}) {
            assertThat(run("--data", data.toString(), "--master", master)).isEqualTo(2);
            assertThat(err()).startsWith("vecnn sweep: --master: expected local, local[*], local[N]")
                    .contains("got '" + master + "'");
            assertThat(err().lines().count()).as(err()).isEqualTo(1);
        }
        Path batch = data.resolve("cifar-10-batches-bin").resolve("data_batch_4.bin");
        byte[] bytes = Files.readAllBytes(batch);
        bytes[3 * 3073] = 10;
        Files.write(batch, bytes);
        Path out = dir.resolve("sweep");
        Exception e = org.assertj.core.api.Assertions.catchException(() -> run("--data", data.toString(), "--trials", "2",
                "--epochs", "1", "--num-train", "20", "--batch-size", "10", "--split-train", "40", "--num-val", "10", "--out", out.toString()));
        assertThat(e).as(err()).isInstanceOf(dev.vecnn.io.DataException.class);
        assertThat(SweepMain.describe(e)).isEqualTo(batch + ": record 3 (byte offset 9219) has label 10, expected 0..9");
        assertThat(out).doesNotExist(); // refused before the sweep folder, and before Spark
        assertThat(SweepMain.describe(new org.apache.spark.SparkException("Job aborted due to stage failure: ...\n\tat x",
                new java.io.UncheckedIOException("cannot write into runs/s: No space left on device", new java.io.IOException()))))
                .isEqualTo("cannot write into runs/s: No space left on device");
    }

    @Test
    void anInterruptedSweepResumesSkippingTheTrialsItHas(@TempDir Path dir) throws Exception {
        Path data = SyntheticCifar.write(dir.resolve("data"), 20, 3);
        Path out = dir.resolve("sweep");
        String[] common = {"--data", data.toString(), "--split-train", "80", "--num-train", "60", "--num-val", "20", "--epochs", "1",
            "--batch-size", "20", "--hidden", "8", "--lr", "1e-3..1e-2:log", "--master", "local[2]", "--out", out.toString(),
            "--progress", "plain", "--seed", "5"};
        assertThat(run(concat(common, "--trials", "3"))).as(err()).isZero();
        assertThat(out()).contains("3 trials (random search, seed 5)").contains("best: trial ");
        List<byte[]> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(Files.readAllBytes(trialFile(out, i)));
        }
        assertThat(err()).contains("sweep 3/3 trials");

        // The same sweep with more trials: the three are kept, only two run.
        assertThat(run(concat(common, "--trials", "5"))).as(err()).isZero();
        assertThat(out()).contains("3 already in").contains("2 to run");
        assertThat(err()).contains("sweep 4/5 trials").contains("sweep 5/5 trials").doesNotContain("sweep 3/5");
        for (int i = 0; i < 3; i++) {
            assertThat(Files.readAllBytes(trialFile(out, i))).as("trial " + i + " untouched").isEqualTo(first.get(i));
        }
        try (Stream<Path> files = Files.list(out.resolve("trials"))) {
            assertThat(files.count()).isEqualTo(5);
        }
        assertThat(Files.readAllLines(out.resolve(SweepReport.CSV))).hasSize(6);
        assertThat(out.resolve(SweepReport.PLOT)).isNotEmptyFile();
        assertThat(out.resolve(SweepFolder.BEST_MODEL)).isNotEmptyFile();

        // Nothing left to do: no Spark, the table again.
        assertThat(run(concat(common, "--trials", "5"))).isZero();
        assertThat(out()).contains("5 already in").contains("0 to run").contains("rank");

        // Another sweep into the same folder is refused in one line.
        String[] other = concat(common, "--trials", "5");
        other[java.util.Arrays.asList(other).indexOf("--seed") + 1] = "6";
        assertThat(run(other)).isEqualTo(2);
        assertThat(err()).contains("holds a different sweep").contains("seed 5 there vs 6");
        assertThat(err().lines().count()).isEqualTo(1);
    }

    private static Path trialFile(Path out, int i) {
        return out.resolve("trials").resolve(String.format("trial-%06d.json", i));
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
