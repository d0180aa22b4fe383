package dev.vecnn.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every side-by-side script in bench/ parses: {@code bash -n} for the shell scripts, Python's
 * compiler for the Python ones. The tests run few of them end to end (they need numpy, PyTorch or
 * minutes), so a quoting slip would otherwise show only when a user runs the script (one did:
 * an apostrophe inside {@code ${VAR:-...}} within double quotes, which bash 5.2 reads as an
 * unterminated quote).
 */
class BenchScriptsParseTest {
    private static List<Path> scripts(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(IsaSwitchTest.bench())) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0 ? "" : "exit " + p.exitValue() + ": " + out.strip();
    }

    @Test
    void everyShellScriptParses() throws Exception {
        List<Path> shell = scripts(".sh");
        assertThat(shell).as("bench/*.sh").hasSizeGreaterThan(3);
        List<String> failures = new ArrayList<>();
        for (Path script : shell) {
            String failure = run(List.of("bash", "-n", script.toString()));
            if (!failure.isEmpty()) failures.add(script.getFileName() + ": " + failure);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyPythonScriptCompiles() throws Exception {
        assumeTrue(run(List.of("bash", "-c", "command -v python3")).isEmpty(), "no python3");
        List<Path> python = scripts(".py");
        assertThat(python).as("bench/*.py").hasSizeGreaterThan(3);
        List<String> failures = new ArrayList<>();
        for (Path script : python) {
            // compile() only: no bytecode written into the checkout, nothing imported
            String check = "import sys\nsrc = open(sys.argv[1], encoding='utf-8').read()\ncompile(src, sys.argv[1], 'exec')\n";
            String failure = run(List.of("python3", "-c", check, script.toString()));
            if (!failure.isEmpty()) failures.add(script.getFileName() + ": " + failure);
        }
        assertThat(failures).isEmpty();
    }
}
