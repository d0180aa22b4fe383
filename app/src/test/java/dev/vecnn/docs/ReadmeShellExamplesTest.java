package dev.vecnn.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vecnn.cli.Main;
import dev.vecnn.cli.SweepOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell example of the README (its plain ``` blocks) runs as written, on a small synthetic
 * CIFAR-10 instead of the real one: {@code --data} is pointed at it, relative paths at a temporary
 * folder, and the run sizes the synthetic data cannot hold are made smaller (the flags added are
 * listed in {@link #SMALLER}). {@code ./vecnn} commands run in this JVM through {@link Main#run};
 * {@code vecnn sweep}'s command line is read by the Spark-free {@link SweepOptions} (its run needs
 * the spark/ build); {@code python3} lines run in the temporary folder when numpy is there;
 * {@code mvn test} is this test suite. Any other line fails the test: a new example must be run
 * here too.
 */
class ReadmeShellExamplesTest {
    /** Per command: flags that shrink a run to the synthetic data (600 training images). */
    private static final Map<String, List<String>> SMALLER = Map.of(
            "experiment", List.of("--split-train", "500", "--num-val", "100", "--epochs", "2", "--print-every", "1000"),
            "train", List.of("--num-train", "500", "--num-val", "100", "--print-every", "1000"));

    @TempDir
    Path tmp;

    /** A fenced block is a shell example when its first line starts with one of these. */
    private static final List<String> COMMANDS = List.of("./vecnn ", "mvn ", "python3 ");

    /**
     * The lines of the shell examples, continuations joined: the fenced blocks without a language
     * (```java blocks are not shell) whose first line is a command (others are text, e.g. a diagram).
     */
    static List<String> commands(String markdown) {
        List<String> lines = new ArrayList<>();
        boolean inBlock = false;
        boolean shell = false;
        boolean first = false;
        StringBuilder pending = new StringBuilder();
        for (String line : markdown.split("\\n")) {
            if (line.startsWith("```")) {
                shell = !inBlock && line.strip().equals("```");
                inBlock = !inBlock;
                first = true;
                continue;
            }
            if (!inBlock || !shell || line.isBlank()) {
                continue;
            }
            if (first) {
                first = false;
                if (COMMANDS.stream().noneMatch(line::startsWith)) {
                    shell = false; // text in a plain block
                    continue;
                }
            }
            String t = line.strip();
            if (t.endsWith("\\")) {
                pending.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            lines.add((pending + t).strip());
            pending.setLength(0);
        }
        return lines;
    }

    @Test
    void everyShellExampleRuns() throws Exception {
        Path data = TinyCifar.write(tmp.resolve("cifar"), 120, 20);
        List<String> lines = commands(Files.readString(RepoFiles.path("README.md"), StandardCharsets.UTF_8));
        assertThat(lines).as("the README's shell examples").hasSizeGreaterThanOrEqualTo(5);
        int ran = 0;
        for (String line : lines) {
            if (line.equals("mvn test")) {
                continue; // this suite
            }
            if (line.startsWith("python3 ")) {
                if (!hasNumpy()) {
                    continue; // no numpy here: the np.load check cannot run
                }
                ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", line).directory(tmp.toFile()).redirectErrorStream(true);
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as("%s\n%s", line, out).isZero();
                ran++;
                continue;
            }
            assertThat(line).as("a README shell example this test knows how to run").startsWith("./vecnn ");
            List<String> args = new ArrayList<>(Arrays.asList(line.substring("./vecnn ".length()).split("\\s+")));
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--data")) {
                    args.set(i + 1, data.toString());
                } else if (a.startsWith("runs/")) {
                    args.set(i, tmp.resolve(a).toString());
                }
            }
            String command = args.get(0);
            if (command.equals("sweep")) {
                SweepOptions o = SweepOptions.parse(args.subList(1, args.size()).toArray(new String[0]));
                assertThat(o.trials()).as(line).isPositive();
                ran++;
                continue;
            }
            for (List<String> more = SMALLER.getOrDefault(command, List.of()); !more.isEmpty(); more = more.subList(2, more.size())) {
                int at = args.indexOf(more.get(0));
                if (at >= 0) {
                    args.set(at + 1, more.get(1));
                } else if (!line.contains("--resume")) { // a resumed run takes its sizes from the checkpoint
                    args.add(more.get(0));
                    args.add(more.get(1));
                }
            }
            if (!line.contains("--resume") && !args.contains("--out")) {
                args.add("--out");
                args.add(tmp.resolve("runs").toString());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(status).as("%s\nran as: %s\nstderr: %s", line, args, err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as(line).contains("run folder: ");
            ran++;
        }
        assertThat(ran).isGreaterThanOrEqualTo(4);
    }

    private static boolean hasNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
