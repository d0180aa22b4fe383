package dev.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command as a separate JVM (and the {@code vecnn} launcher script), for what only a real
 * process shows: the JVM's log format, the launcher's stream plumbing, Ctrl-C.
 */
class CommandLineProcessTest {
    @TempDir
    Path tmp;

    private static final boolean UNIX = File.separatorChar == '/' && Files.isExecutable(Path.of("/bin/bash"));

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String[] run(List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Path out = Files.createTempFile("vecnn-out", ".txt");
        Path err = Files.createTempFile("vecnn-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String[] {Integer.toString(p.exitValue()), Files.readString(out), Files.readString(err)};
    }

    /** stderr without the JVM's own warning about incubator modules. */
    private static List<String> vecnnLines(String err) {
        List<String> lines = new ArrayList<>();
        for (String l : err.split("\\R")) {
            if (!l.isBlank() && !l.startsWith("WARNING: Using incubator modules")) lines.add(l);
        }
        return lines;
    }

    @Test
    void withoutTheVectorModuleTheNoticeIsOneLineUnderJavaDashJarsDefaultLogFormat() throws Exception {
        String[] r = run(java("dev.vecnn.cli.Main", "info"));
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(vecnnLines(r[2])).containsExactly(
                "INFO: vecnn: scalar kernels; add the JVM flag --add-modules jdk.incubator.vector to use the SIMD kernels");
    }

    @Test
    void helpPrintsTheHelpOnly() throws Exception {
        String[] r = run(java("--add-modules", "jdk.incubator.vector", "dev.vecnn.cli.Main", "experiment", "--help"));
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).startsWith("usage: vecnn experiment");
        assertThat(vecnnLines(r[2])).isEmpty();
    }

    @Test
    void ctrlCEndsTheLineSaysWhereTheRunStoppedAndHowToResumeAndExits130() throws Exception {
        assumeTrue(UNIX);
        Path data = TinyCifar.write(tmp.resolve("tiny"), 12, 7);
        Path checkpoint = tmp.resolve("run.npz");
        ProcessBuilder pb = new ProcessBuilder(java("dev.vecnn.cli.Main", "train", "--data", data.toString(), "--no-download",
                "--num-train", "40", "--num-val", "10", "--hidden", "8", "--batch-size", "10", "--epochs", "100000",
                "--print-every", "1", "--progress", "plain", "--threads", "1", "--checkpoint", checkpoint.toString(),
                "--out", tmp.resolve("runs").toString()));
        Path err = tmp.resolve("err.txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        int epochs = 0;
        while ((line = out.readLine()) != null && epochs < 2) { // two checkpoints written
            if (line.startsWith("(Epoch ")) epochs++;
        }
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        while (out.readLine() != null) { /* drain */ }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(130);
        List<String> lines = vecnnLines(Files.readString(err));
        assertThat(lines).hasSize(2); // the kernel line, then ours
        assertThat(lines.get(1)).matches("vecnn train: stopped during epoch \\d+ of 100000 \\(iteration \\d+ of 400000\\); "
                + "continue from its last checkpoint with: vecnn train --checkpoint .*run\\.npz --resume");
    }

    /**
     * The launcher and what it looks at in a copy of the project, in {@code home}: the poms and the
     * source folders (dated 1970) and an empty app/target/vecnn.jar (dated now), so it does not
     * rebuild.
     */
    private static void standInProject(Path home) throws Exception {
        Files.createDirectories(home);
        for (String old : List.of("pom.xml", "core/pom.xml", "app/pom.xml", "core/src/main/", "app/src/main/")) {
            Path path = home.resolve(old);
            Files.createDirectories(old.endsWith("/") ? path : path.getParent());
            if (!old.endsWith("/")) Files.writeString(path, "");
            Files.setLastModifiedTime(path, FileTime.fromMillis(0));
        }
        Files.createDirectories(home.resolve("app/target"));
        Files.writeString(home.resolve("app/target/vecnn.jar"), "");
        Files.copy(Path.of(System.getProperty("vecnn.repoRoot", ".."), "vecnn"), home.resolve("vecnn"));
    }

    /**
     * A copy of the project whose jar is up to date and whose {@code java} (JAVA_HOME) is a stand-in
     * that does what the JVM and Main do: the incubator warning on the JVM's stderr, then
     * alternating lines on stdout and on the stderr the launcher hands over (-Dvecnn.stderr).
     */
    private ProcessBuilder launcherWithStandInJava() throws Exception {
        Path home = tmp.resolve("project");
        // sources older than the jar, so the launcher does not rebuild
        standInProject(home);
        Path jdk = tmp.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("bin/java"), String.join("\n",
                "#!/bin/bash",
                "echo 'WARNING: Using incubator modules: jdk.incubator.vector' >&2",
                "err=/dev/stderr",
                "for a in \"$@\"; do case \"$a\" in -Dvecnn.stderr=*) err=\"${a#-Dvecnn.stderr=}\";; esac; done",
                "exec 4>>\"$err\"",
                "for i in $(seq 1 300); do echo \"out $i\"; echo \"err $i\" >&4; done",
                "exit 7", ""));
        jdk.resolve("bin/java").toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", home.resolve("vecnn").toString(), "info");
        pb.environment().put("JAVA_HOME", jdk.toString());
        return pb;
    }

    /**
     * Issue 21 (hand trial): SIGTERM to the whole process group (as `timeout` and service managers
     * send it) killed the launcher's stderr filter too, and the JVM's last line, where the run
     * stopped and how to resume it, was lost. The filter ignores TERM and ends with the JVM.
     */
    @Test
    void aSigtermToTheProcessGroupKeepsTheJvmsLastLine() throws Exception {
        assumeTrue(UNIX && Files.isExecutable(Path.of("/usr/bin/perl")) && Files.isExecutable(Path.of("/usr/bin/setsid")));
        Path home = tmp.resolve("term-project");
        standInProject(home);
        Path jdk = tmp.resolve("term-jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("bin/java"), String.join("\n",
                "#!/bin/bash",
                "trap 'sleep 0.3; echo \"vecnn train: stopped; continue with: ...\" >&2; exit 143' TERM",
                "sleep 0.5", // as a JVM takes its time to start: the launcher's filter is set up by then
                "echo ready",
                "while :; do sleep 0.05; done", ""));
        jdk.resolve("bin/java").toFile().setExecutable(true);
        Path err = tmp.resolve("term-err.txt"); // a regular file: the JVM's stderr goes through the filter
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/setsid", "/bin/bash", home.resolve("vecnn").toString(), "info");
        pb.environment().put("JAVA_HOME", jdk.toString());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("ready");
        new ProcessBuilder("kill", "-TERM", "--", "-" + p.pid()).start().waitFor(); // the launcher's whole group
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 50 && !Files.readString(err).contains("stopped"); i++) Thread.sleep(100); // the filter flushes last
        assertThat(Files.readString(err)).contains("vecnn train: stopped; continue with: ...");
    }

    @Test
    void theLauncherKeepsVecnnsStdoutAndStderrInOrderAndDropsOnlyTheIncubatorWarning() throws Exception {
        assumeTrue(UNIX && Files.isExecutable(Path.of("/usr/bin/perl")));
        Process p = launcherWithStandInJava().redirectErrorStream(true).start();
        String merged = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 300; i++) expected.append("out ").append(i).append('\n').append("err ").append(i).append('\n');
        assertThat(merged).isEqualTo(expected.toString());
        assertThat(p.exitValue()).isEqualTo(7);
    }

    /**
     * A copy of the project (jar up to date) and a stand-in JDK of version {@code version} (its
     * {@code release} file) whose {@code java} prints its arguments, one per line, and, like JDK
     * 25, writes the AOT cache named by {@code -XX:AOTCacheOutput} (here a few bytes).
     */
    private Path[] projectWithStandInJdk(String version) throws Exception {
        Path home = tmp.resolve("aot-project");
        standInProject(home);
        Files.setLastModifiedTime(home.resolve("app/target/vecnn.jar"), FileTime.fromMillis(1_000_000_000_000L));
        Path jdk = tmp.resolve("jdk-" + version);
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"stand-in\"\nJAVA_VERSION=\"" + version + "\"\n");
        Files.writeString(jdk.resolve("bin/java"), String.join("\n",
                "#!/bin/bash",
                "for a in \"$@\"; do echo \"$a\"; case \"$a\" in -XX:AOTCacheOutput=*) echo cache > \"${a#*=}\";; esac; done",
                ""));
        jdk.resolve("bin/java").toFile().setExecutable(true);
        return new Path[] {home, jdk};
    }

    /** Runs the launcher of {@code project[0]} with JAVA_HOME {@code project[1]}; returns the arguments java got. */
    private static List<String> launcherArgs(Path[] project, String aotSetting) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", project[0].resolve("vecnn").toString(), "info");
        pb.environment().put("JAVA_HOME", project[1].toString());
        pb.environment().remove("VECNN_JAVA_OPTS");
        if (aotSetting != null) pb.environment().put("VECNN_AOT", aotSetting);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return List.of(out.split("\n"));
    }

    private static List<String> aotFlags(List<String> args) {
        List<String> flags = new ArrayList<>();
        for (String a : args) if (a.startsWith("-XX:AOT") || a.startsWith("-Xlog:aot") || a.startsWith("-Xlog:cds")) flags.add(a);
        return flags;
    }

    /** Issue 21: a non-ASCII --data under LANG=C: the launcher gives the JVM a UTF-8 locale when the system has C.UTF-8. */
    @Test
    void underLangCTheLauncherGivesTheJvmAUtf8Locale() throws Exception {
        assumeTrue(UNIX && Files.isExecutable(Path.of("/usr/bin/perl")) && Files.isExecutable(Path.of("/usr/bin/locale")));
        Process probe = new ProcessBuilder("/bin/bash", "-c", "LC_ALL=C.UTF-8 locale charmap 2>/dev/null").start();
        String charmap = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        probe.waitFor();
        assumeTrue(charmap.equals("UTF-8"), "this system has no C.UTF-8 locale");
        Path[] project = projectWithStandInJdk("17.0.2");
        Files.writeString(project[1].resolve("bin/java"), "#!/bin/bash\necho \"LC_ALL=$LC_ALL\"\n");
        for (String lang : new String[] {"C", "POSIX"}) {
            ProcessBuilder pb = new ProcessBuilder("/bin/bash", project[0].resolve("vecnn").toString(), "info");
            pb.environment().put("JAVA_HOME", project[1].toString());
            pb.environment().put("LANG", lang);
            pb.environment().put("LC_ALL", lang);
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out).as(lang).contains("LC_ALL=C.UTF-8");
        }
        ProcessBuilder utf8 = new ProcessBuilder("/bin/bash", project[0].resolve("vecnn").toString(), "info");
        utf8.environment().put("JAVA_HOME", project[1].toString());
        utf8.environment().put("LC_ALL", "C.UTF-8");
        utf8.redirectErrorStream(true);
        Process p = utf8.start();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("LC_ALL=C.UTF-8");
        p.waitFor(60, TimeUnit.SECONDS);
    }

    @Test
    void onJdk17TheLauncherPassesNoAotFlags() throws Exception {
        assumeTrue(UNIX && Files.isExecutable(Path.of("/usr/bin/perl")));
        Path[] project = projectWithStandInJdk("17.0.2");
        List<String> args = launcherArgs(project, "1");
        assertThat(args).contains("--add-modules", "jdk.incubator.vector", "-jar", "info");
        assertThat(aotFlags(args)).isEmpty();
        try (var files = Files.list(project[0].resolve("app/target"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("vecnn.jar");
        }
    }

    @Test
    void onJdk25WithVecnnAotTheFirstRunRecordsTheNextUsesTheCacheAndARebuiltJarDiscardsIt() throws Exception {
        assumeTrue(UNIX && Files.isExecutable(Path.of("/usr/bin/perl")));
        Path[] project = projectWithStandInJdk("25.0.1");
        Path cache = project[0].resolve("app/target/vecnn-jdk-25.0.1.aot");
        // first run: records into a file of its own (named by the launcher's pid, which java keeps)
        List<String> first = aotFlags(launcherArgs(project, "1"));
        assertThat(first).hasSize(3);
        assertThat(first.subList(0, 2)).containsExactly("-Xlog:aot=off", "-Xlog:cds=off");
        assertThat(first.get(2)).startsWith("-XX:AOTCacheOutput=" + cache + ".");
        Path recorded = Path.of(first.get(2).substring("-XX:AOTCacheOutput=".length()));
        assertThat(recorded).exists();
        // second run: the recording process has ended, so its file becomes the cache
        List<String> second = aotFlags(launcherArgs(project, "1"));
        assertThat(second).containsExactly("-Xlog:aot=off", "-Xlog:cds=off", "-XX:AOTCache=" + cache);
        assertThat(recorded).doesNotExist();
        assertThat(cache).exists();
        // the jar rebuilt (newer than the cache): the cache is deleted and a new one recorded
        Files.setLastModifiedTime(project[0].resolve("app/target/vecnn.jar"),
                FileTime.fromMillis(Files.getLastModifiedTime(cache).toMillis() + 60_000));
        List<String> third = aotFlags(launcherArgs(project, "1"));
        assertThat(third.get(2)).startsWith("-XX:AOTCacheOutput=" + cache + ".");
        assertThat(cache).doesNotExist();
        // VECNN_AOT unset (the default) or 0: no cache flags at all
        assertThat(aotFlags(launcherArgs(project, null))).isEmpty();
        assertThat(aotFlags(launcherArgs(project, "0"))).isEmpty();
    }

    /** A recording left by a process that died before writing anything (or a stray config) is removed, not used. */
    @Test
    void anEmptyOrOrphanedRecordingIsDeleted() throws Exception {
        assumeTrue(UNIX && Files.isExecutable(Path.of("/usr/bin/perl")));
        Path[] project = projectWithStandInJdk("25");
        Path cache = project[0].resolve("app/target/vecnn-jdk-25.aot");
        // pid 2^22 + 1 is above Linux's pid_max, so no process has it
        Path empty = Files.writeString(project[0].resolve("app/target/vecnn-jdk-25.aot.4194305"), "");
        Path config = Files.writeString(project[0].resolve("app/target/vecnn-jdk-25.aot.4194305.config"), "x");
        List<String> flags = aotFlags(launcherArgs(project, "1"));
        assertThat(flags.get(2)).startsWith("-XX:AOTCacheOutput=" + cache + ".");
        assertThat(empty).doesNotExist();
        assertThat(config).doesNotExist();
        assertThat(cache).doesNotExist();
    }

    /** {@code vecnn ... > log 2>&1}: every line of both streams reaches the file (none overwritten). */
    @Test
    void bothStreamsRedirectedToOneFileLoseNoLine() throws Exception {
        assumeTrue(UNIX && Files.isExecutable(Path.of("/usr/bin/perl")));
        Path log = tmp.resolve("log.txt");
        Process p = launcherWithStandInJava().redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // the launcher exits with java; the stderr filter (which drops the incubator warning) may
        // still be writing its last lines for a moment
        java.util.List<String> lines = Files.readAllLines(log);
        for (int tries = 0; lines.size() < 600 && tries < 500; tries++) { // at most about 10 s
            Thread.sleep(20);
            lines = Files.readAllLines(log);
        }
        java.util.List<String> expected = new java.util.ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            expected.add("out " + i);
            expected.add("err " + i);
        }
        assertThat(lines).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * The launcher may build the jar before it exec's java in its own process: the time before the
     * JVM started (here a sleep in the same process) is not part of {@code jvm_start_to_main}.
     */
    private static final int SLEEP = 8;

    @Test
    void jvmStartToMainLeavesOutWhatTheProcessDidBeforeJavaStarted() throws Exception {
        assumeTrue(UNIX);
        Path data = TinyCifar.write(tmp.resolve("tiny"), 12, 7);
        Path runs = tmp.resolve("runs");
        StringBuilder javaCmd = new StringBuilder();
        for (String a : java("--add-modules", "jdk.incubator.vector", "dev.vecnn.cli.Main", "train", "--data", data.toString(),
                "--no-download", "--num-train", "40", "--num-val", "10", "--hidden", "8", "--batch-size", "10",
                "--epochs", "1", "--progress", "plain", "--out", runs.toString())) {
            javaCmd.append(' ').append(TrainCommand.shellWord(a));
        }
        // Not a speed bound: a field that counted the sleep before exec would be at least SLEEP
        // seconds, while the JVM's own start to main stays well under it even on a loaded machine
        // (it was 2.5 s here with 20 processes on 2 cores).
        String[] r = run(List.of("/bin/bash", "-c", "sleep " + SLEEP + "; exec" + javaCmd));
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        Path dir;
        try (var s = Files.list(runs)) {
            dir = s.findFirst().orElseThrow();
        }
        @SuppressWarnings("unchecked")
        var summary = (java.util.Map<String, Object>) dev.vecnn.io.Json.parse(Files.readString(dir.resolve("summary.json")));
        @SuppressWarnings("unchecked")
        var timing = (java.util.Map<String, Object>) summary.get("timing_seconds");
        assertThat(((Number) timing.get("jvm_start_to_main")).doubleValue()).isBetween(0.0, (double) SLEEP);
    }
}
