package dev.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command as a user meets it, through {@link Main#run}: exit status, stdout, stderr. */
class MainTest {
    /** Exit status and both streams of one invocation. */
    static final class Result {
        final int status;
        final String out;
        final String err;

        Result(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Result(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** One line on stderr, no stack trace. */
    static void assertOneLineError(Result r, int status, String containing) {
        assertThat(r.status).as("exit status; stderr: %s", r.err).isEqualTo(status);
        assertThat(r.err).contains(containing).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.err.strip().lines().count()).as("stderr lines: %s", r.err).isEqualTo(1);
    }

    @Test
    void withHelpItListsTheCommands() {
        for (Result r : new Result[] {run("--help"), run("help")}) {
            assertThat(r.status).isZero();
            assertThat(r.out).startsWith("usage: vecnn <command>").contains("  info ").contains("  bench ")
                    .contains("  sweep ");
            assertThat(r.err).isEmpty();
        }
    }

    @Test
    void versionPrintsTheJarsImplementationVersion() {
        Result r = run("--version");
        assertThat(r.status).isZero();
        assertThat(r.err).isEmpty();
        // the test classes do not come from the jar: no manifest version
        assertThat(r.out).isEqualTo(Main.version(Main.class.getPackage().getImplementationVersion()) + System.lineSeparator());
        assertThat(Main.version("0.1.0")).isEqualTo("vecnn 0.1.0");
        assertThat(Main.version(null)).isEqualTo("vecnn (version unknown: not run from its jar)");
    }

    @Test
    void withoutACommandItPrintsTheUsageOnStderrWithStatusTwo() {
        Result r = run();
        assertThat(r.status).isEqualTo(2);
        assertThat(r.out).isEmpty();
        assertThat(r.err).startsWith("usage: vecnn <command>").contains("  info ");
    }

    @Test
    void sweepFromTheJarPointsToTheLauncherThatRunsItOnSpark() {
        Result r = run("sweep", "--trials", "3");
        assertOneLineError(r, 2, "vecnn: 'sweep' runs on Apache Spark from the spark/ module, not from this jar: use ./vecnn sweep");
        assertThat(r.out).isEmpty();
    }

    @Test
    void unknownCommandIsOneLineAndStatusTwo() {
        Result r = run("experimnet");
        assertOneLineError(r, 2, "vecnn: unknown command 'experimnet', did you mean 'experiment'?");
        assertThat(r.out).isEmpty();
    }

    @Test
    void unknownCommandListsSweepAndSuggestsIt() {
        Result r = run("swep");
        assertOneLineError(r, 2, "vecnn: unknown command 'swep', did you mean 'sweep'?");
        assertThat(r.err).contains("commands: experiment, notebook, train, predict, info, bench, export, sweep;");
    }

    @Test
    void unknownFlagIsOneLineAndStatusTwo() {
        assertOneLineError(run("info", "--fast"), 2, "vecnn info: unknown option --fast (try: vecnn info --help)");
    }

    @Test
    void everyCommandHasHelp() {
        for (String name : Main.commands().keySet()) {
            Result r = run(name, "--help");
            assertThat(r.status).as(name).isZero();
            assertThat(r.out).as(name).startsWith("usage: vecnn " + name + " [options]");
            if (!name.equals("bench") && !name.equals("export") && !name.equals("predict")) { // they read no data set
                assertThat(r.out).as(name).contains("--data PATH");
            }
        }
    }

    @Test
    void infoReportsKernelsThreadsJdkAndPassesItsSelfCheck() {
        Result r = run("info", "--threads", "1");
        assertThat(r.status).as(r.err).isZero();
        assertThat(r.out).contains("vecnn kernels : ").contains("threads       : 1 ").contains("JDK           : "
                + Runtime.version()).contains("self-check    : ok");
        // the ISA in force (UseAVX and the register budget) and the tile it gives
        assertThat(r.out).contains("ISA           : " + dev.vecnn.kernels.Isa.describe() + "\n")
                .contains("GEMM tile     : " + dev.vecnn.cli.bench.Report.tile() + "\n");
    }

    @Test
    void describeTurnsAnyThrowableIntoOneLine() {
        assertThat(Main.describe(new IllegalArgumentException("keepProb must be in (0, 1], got 0"))).isEqualTo("keepProb must be in (0, 1], got 0");
        assertThat(Main.describe(new RuntimeException(new java.io.IOException("disk full")))).isEqualTo("disk full");
        assertThat(Main.describe(new IllegalStateException(null, new java.io.IOException("disk\nfull")))).isEqualTo("disk; full");
        // a bug: its kind in words, never an exception's class name (issue 21: no "Exception" reaches a user)
        assertThat(Main.describe(new NullPointerException())).isEqualTo("internal error (null pointer); this is a bug in vecnn:"
                + " please report it with the output of the same command run with VECNN_DEBUG=1");
        assertThat(Main.describe(new ArrayIndexOutOfBoundsException("Index 5 out of bounds for length 5")))
                .startsWith("internal error (array index out of bounds: Index 5 out of bounds for length 5); this is a bug");
        assertThat(Main.describe(new java.nio.file.DirectoryNotEmptyException("/tmp/x")))
                .isEqualTo("/tmp/x: is a folder (not empty), not a file");
        assertThat(Main.describe(new java.nio.file.FileSystemException("/tmp/a.npz", null, "cannot write: No space left on device")))
                .isEqualTo("/tmp/a.npz: cannot write: No space left on device");
    }
}
