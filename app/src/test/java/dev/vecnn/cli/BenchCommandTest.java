package dev.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code vecnn bench} as a user meets it: help pages, and one line with status 2 for a wrong command line. */
class BenchCommandTest {
    private String out;
    private String err;

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return status;
    }

    @Test
    void helpListsTheOptionsAndTheLadder() {
        assertThat(run("bench", "--help")).isZero();
        assertThat(out).contains("usage: vecnn bench [options]", "--quick", "--json FILE", "--png FILE", "--threads N",
                "--no-python", "vecnn bench ladder");
        assertThat(err).isEmpty();
    }

    @Test
    void ladderHelp() {
        assertThat(run("bench", "ladder", "--help")).isZero();
        assertThat(out).contains("usage: vecnn bench ladder [options]", "--size N", "(default: 1024)");
    }

    @Test
    void benchIsListedInTheMainHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out).contains("bench ");
    }

    @Test
    void unknownFlagIsOneLineAndStatusTwo() {
        assertThat(run("bench", "--quik")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("vecnn bench: unknown option --quik, did you mean --quick? (try: vecnn bench --help)");
        assertThat(out).isEmpty();
    }

    @Test
    void badLadderSizeIsOneLineAndStatusTwo() {
        assertThat(run("bench", "ladder", "--size", "0")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("vecnn bench: --size must be in [1, 8192], got 0");
        assertThat(run("bench", "ladder", "--size", "big")).isEqualTo(2);
        assertThat(err.strip()).isEqualTo("vecnn bench: --size expects an integer, got 'big'");
    }

    @Test
    void positionalWordIsRefused() {
        assertThat(run("bench", "lader")).isEqualTo(2);
        assertThat(err.strip()).startsWith("vecnn bench: unexpected argument 'lader'");
    }
}
