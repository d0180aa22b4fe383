package dev.vecnn.cli;

import static dev.vecnn.cli.MainTest.assertOneLineError;
import static dev.vecnn.cli.MainTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vecnn.kernels.Parallel;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vecnn experiment} end to end on a small synthetic CIFAR-10. */
class ExperimentCommandTest {
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void tinyData() throws Exception {
        data = TinyCifar.write(tmp.resolve("tiny"), 12, 11); // 60 training records
    }

    private static String[] args(String... more) {
        List<String> a = new ArrayList<>(List.of("experiment", "--data", data.toString(), "--no-download",
                "--split-train", "50", "--num-train", "40", "--num-val", "10", "--hidden", "20", "--epochs", "3",
                "--batch-size", "10", "--print-every", "2", "--out", tmp.resolve("runs").toString()));
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

    @Test
    void printsTheNotebooksLogAndTableAndWritesTheRunFolder() throws Exception {
        MainTest.Result r = run(args("--progress", "plain"));
        assertThat(r.status).as(r.err).isZero();
        // The notebook's cell: print(dropout), the Solver's log, print().
        assertThat(r.out).startsWith("1\n(Iteration 1 / 12) loss: ");
        assertThat(r.out).contains("\n(Epoch 0 / 3) train acc: ").contains("\n(Epoch 3 / 3) train acc: ")
                .contains("\n\n0.25\n(Iteration 1 / 12) loss: ");
        assertThat(r.out).containsPattern("\\(Iteration 3 / 12\\) loss: \\d+\\.\\d{6}\n");
        assertThat(r.out).containsPattern("\\(Epoch 1 / 3\\) train acc: 0\\.\\d{6}; val_acc: 0\\.\\d{6}\n");
        assertThat(r.out).contains("run           final train  final val  best train  best val  seconds\n1.00 dropout  ")
                .contains("\n0.25 dropout  ");
        assertThat(r.err).isEmpty(); // no progress bar when not asked and not on a terminal

        Matcher m = Pattern.compile("run folder: (\\S+)").matcher(r.out);
        assertThat(m.find()).isTrue();
        Path dir = Path.of(m.group(1));
        assertThat(dir.getParent()).isEqualTo(tmp.resolve("runs"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("accuracy.png", "loss.png", "history.csv", "summary.json");
        }
        BufferedImage fig = ImageIO.read(dir.resolve("accuracy.png").toFile());
        assertThat(fig.getHeight()).isGreaterThan(fig.getWidth() / 2); // two panels, one above the other
        String csv = Files.readString(dir.resolve("history.csv"));
        assertThat(csv).startsWith("run,keep_p,history,step,value\n");
        assertThat(csv.lines().filter(l -> l.startsWith("0.25 dropout,0.25,loss,"))).hasSize(12);
        assertThat(csv.lines().filter(l -> l.startsWith("1.00 dropout,1.0,val_acc,"))).hasSize(4);
        String json = Files.readString(dir.resolve("summary.json"));
        assertThat(json).contains("\"command\": \"vecnn experiment\"").contains("\"label\": \"0.25 dropout\"")
                .contains("\"final_train_acc\": ").contains("\"best_val_acc\": ").contains("\"data_load\": ")
                .contains("\"kernels\": {").contains("\"jdk\": {").contains("\"keep_p\": [1, 0.25]");
        // two nets 3072-20-10 of 12 steps (batch 10) and 4 checks of 40 + 10 rows (Arithmetic's rule):
        // 2 * 2 * (12*10*(2*61640 + 200) + 4*50*61640) flops
        assertThat(json).contains("\"arithmetic\": {\n    \"gflop\": 0.1085824,");
        Matcher line = java.util.regex.Pattern.compile("training\\+evaluation \\d+\\.\\d\\d s \\(CPU \\d+\\.\\d\\d s; "
                + "0\\.1 GFLOP, (\\S+) GFLOP per CPU-second(?:, (\\d+)% of one core's FMA peak \\((\\d+) GFLOP/s\\))?\\)").matcher(r.out);
        assertThat(line.find()).as("timing line in:%n%s", r.out).isTrue();
        if (line.group(1).equals("Infinity")) {
            // this tiny run can end before the process's CPU clock moves: no rate, so no share
            assertThat(line.group(2)).isNull();
            assertThat(json).contains("\"peak_share\": \"not measured: skipped");
            return;
        }
        // the share printed is the rate printed over the peak printed (each rounded as shown)
        assertThat(line.group(2)).as("the share of the peak in:%n%s", r.out).isNotNull();
        double rate = Double.parseDouble(line.group(1)), share = Double.parseDouble(line.group(2));
        double peak = Double.parseDouble(line.group(3));
        assertThat(peak).isPositive();
        // rounding: the rate to 0.05, the peak to 0.5 GFLOP/s, the share to 0.5 points
        double roundingOfTheQuotient = 100 * rate / peak * (0.05 / rate + 0.5 / peak);
        assertThat(share).isCloseTo(100 * rate / peak, org.assertj.core.data.Offset.offset(0.5 + roundingOfTheQuotient + 1e-9));
        // summary.json: the peak probe's figure and the share computed from the same numbers
        double jsonRate = jsonNumber(json, "gflop_per_cpu_second");
        double jsonPeak = jsonNumber(json.substring(json.indexOf("\"fma_peak_one_core\"")), "gflop_per_cpu_second");
        assertThat(jsonNumber(json, "peak_share")).isCloseTo(jsonRate / jsonPeak, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(json).contains("\"precision\": \"float32\"");
    }

    /** The first number after {@code "key": } in {@code json}. */
    private static double jsonNumber(String json, String key) {
        Matcher m = java.util.regex.Pattern.compile("\"" + key + "\": ([-0-9.eE+]+)").matcher(json);
        assertThat(m.find()).as("%s in%n%s", key, json).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theSameSeedGivesTheSameNumbersAndReseedingEachNetChangesTheSecond() {
        MainTest.Result a = run(args("--progress", "plain"));
        MainTest.Result b = run(args("--progress", "plain"));
        MainTest.Result c = run(args("--progress", "plain", "--reseed-each"));
        String first = a.out.substring(0, a.out.indexOf("\n0.25\n"));
        assertThat(logOf(b.out)).isEqualTo(logOf(a.out));
        assertThat(c.out).startsWith(first); // the first net does not care
        assertThat(logOf(c.out)).isNotEqualTo(logOf(a.out));
    }

    /**
     * Side by side (one net per thread, each starting from the random state the nets before it
     * leave) prints exactly what training one net after another prints.
     */
    @Test
    void netsSideBySideGiveTheSameNumbersAsOneAfterAnother() {
        int threads = Parallel.threads();
        try {
            for (String[] extra : new String[][] {{}, {"--reseed-each"}, {"--keep-p", "1,0.5,0.25"},
                    {"--keep-p", "0.5,1", "--masks", "counter"}}) {
                List<String> one = new ArrayList<>(List.of("--progress", "plain", "--threads", "1"));
                List<String> three = new ArrayList<>(List.of("--progress", "plain", "--threads", "3"));
                one.addAll(List.of(extra));
                three.addAll(List.of(extra));
                MainTest.Result inTurn = run(args(one.toArray(new String[0])));
                MainTest.Result sideBySide = run(args(three.toArray(new String[0])));
                assertThat(inTurn.status).as(inTurn.err).isZero();
                assertThat(sideBySide.status).as(sideBySide.err).isZero();
                assertThat(logOf(sideBySide.out)).as(String.join(" ", extra)).isEqualTo(logOf(inTurn.out));
                assertThat(tableOf(sideBySide.out)).isEqualTo(tableOf(inTurn.out));
            }
        } finally {
            Parallel.setThreads(threads);
        }
    }

    /** The result table without its seconds column. */
    private static String tableOf(String out) {
        StringBuilder sb = new StringBuilder();
        for (String line : out.substring(out.indexOf("\nrun ")).split("\n")) {
            if (line.contains(" dropout ")) sb.append(line, 0, line.lastIndexOf(' ')).append('\n');
        }
        return sb.toString();
    }

    @Test
    void withABarTheLogStillGoesToStdoutAndTheBarToStderr() {
        int threads = Parallel.threads();
        MainTest.Result r;
        try {
            r = run(args("--progress", "bar", "--threads", "2"));
        } finally {
            Parallel.setThreads(threads);
        }
        assertThat(r.status).as(r.err).isZero();
        assertThat(r.out).contains("(Iteration 1 / 12) loss: ").contains("(Epoch 3 / 3) train acc: ");
        // the two nets train side by side (2 threads): one bar for both, their iterations added up
        assertThat(r.err).contains("\r\033[K1.00 dropout + 0.25 dropout [").contains("24/24").contains("took ")
                .contains("loss ");
        assertThat(r.out).doesNotContain("\r");
    }

    @Test
    void badValuesEndInOneLineWithStatusTwo() {
        assertOneLineError(run(args("--keep-p", "1,0")), 2, "--keep-p must be in (0, 1] (the dropout KEEP probability; 1 keeps every unit), got 0");
        assertOneLineError(run(args("--keep-p", "1.5")), 2, "--keep-p must be in (0, 1] (the dropout KEEP probability; 1 keeps every unit), got 1.5");
        assertOneLineError(run(args("--epochs", "-1")), 2, "--epochs must be in [0, 1000000], got -1");
        assertOneLineError(run(args("--num-train", "60")), 2, "--num-train must be in [1, 50], got 60");
        assertOneLineError(run(args("--hidden", "0")), 2, "--hidden values must be >= 1, got 0");
        assertOneLineError(run(args("--seed", "-5")), 2, "--seed must be in [0, 4294967295]");
        assertOneLineError(run(args("--no-such-flag")), 2, "unknown option --no-such-flag");
        assertOneLineError(run(args("--keep-p", "0.25,0.25")), 2, "--keep-p lists 0.25 twice (as '0.25 dropout')");
        assertOneLineError(run(args("--keep-p", "1,,0.25")), 2, "--keep-p has an empty item in '1,,0.25'");
    }

    @Test
    void aSplitThatLeavesTooFewValidationImagesBlamesTheSplitWhenNumValWasNotGiven() {
        Path nowhere = tmp.resolve("nothing-here.tar.gz");
        assertOneLineError(run("experiment", "--data", nowhere.toString(), "--split-train", "49500"), 2,
                "--split-train 49500 leaves 500 validation images, fewer than --num-val's default 1000: "
                        + "pass --num-val 500 or less, or a smaller --split-train");
        // given explicitly, --num-val is the flag to blame
        assertOneLineError(run("experiment", "--data", nowhere.toString(), "--split-train", "49500", "--num-val", "800"),
                2, "--num-val must be in [1, 500], got 800");
    }

    @Test
    void missingDataIsOneLineNamingThePathTheAddressAndTheDataOption() {
        Path nowhere = tmp.resolve("nothing-here.tar.gz");
        MainTest.Result r = run("experiment", "--data", nowhere.toString(), "--no-download");
        assertOneLineError(r, 1, nowhere.toString());
        assertThat(r.err).contains("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz").contains("--data");
    }

    private static String logOf(String out) {
        return out.substring(0, out.indexOf("run ") < 0 ? out.length() : out.indexOf("\nrun "));
    }
}
