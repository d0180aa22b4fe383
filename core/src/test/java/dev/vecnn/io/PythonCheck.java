package dev.vecnn.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs python3 + numpy for cross-checks; tests skip politely when they are not installed. */
public final class PythonCheck {
    private static Boolean available;

    private PythonCheck() {}

    public static synchronized void assumeNumpy() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
                available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                available = false;
            }
        }
        assumeTrue(available, "python3 with numpy is not installed: numpy cross-check skipped");
    }

    /** Runs {@code python3 args...}; fails the test with python's output if it exits non-zero. */
    public static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("python3");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("python3 " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }
}
