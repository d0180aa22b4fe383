package dev.vecnn.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The side-by-side scripts' ISA switch: bench/isa.sh sets the JVM flag (JDK_JAVA_OPTIONS) and
 * numpy's OpenBLAS kernel together, and bench/isa_switch.py gives the Python scripts the same
 * --isa flag. Runs the real scripts with bash (and python3 when present).
 */
class IsaSwitchTest {
    /** The checkout's bench/ folder, from the module's folder or the root. */
    static Path bench() {
        for (String dir : new String[] {"bench", "../bench"}) {
            Path p = Path.of(dir, "isa.sh");
            if (Files.isRegularFile(p)) {
                return p.getParent().toAbsolutePath();
            }
        }
        throw new AssertionError("bench/isa.sh not found from " + Path.of("").toAbsolutePath());
    }

    private record Run(int status, String out) {}

    private static Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        for (String name : new String[] {"VECNN_ISA", "JDK_JAVA_OPTIONS", "OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "NPY_DISABLE_CPU_FEATURES"}) {
            pb.environment().remove(name);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static boolean cpuHas(String flag) throws IOException {
        Path info = Path.of("/proc/cpuinfo");
        return Files.isReadable(info) && Files.readString(info).matches("(?s).*\\bflags\\s*:[^\\n]*\\b" + flag + "\\b.*");
    }

    @Test
    void avx2PairsUseAvx2WithHaswellAndDropsTheL2Size() throws Exception {
        assumeTrue(cpuHas("avx2") && cpuHas("fma"), "the CPU has no AVX2");
        Run r = run(Map.of("OPENBLAS_L2_SIZE", "512", "JDK_JAVA_OPTIONS", "-Xmx1g"), "bash", bench().resolve("isa.sh").toString(), "avx2", "env");
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("\nJDK_JAVA_OPTIONS=-Xmx1g -XX:UseAVX=2\n").contains("\nOPENBLAS_CORETYPE=Haswell\n")
                .contains("\nVECNN_ISA=avx2\n").doesNotContain("OPENBLAS_L2_SIZE=")
                .contains("\nNPY_DISABLE_CPU_FEATURES=X86_V4 AVX512F AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL AVX512_SPR\n");
    }

    @Test
    void nativeRemovesEveryIsaOverride() throws Exception {
        Run r = run(Map.of("OPENBLAS_CORETYPE", "Haswell", "OPENBLAS_L2_SIZE", "512", "JDK_JAVA_OPTIONS", "-XX:UseAVX=2 -Xmx1g",
                        "NPY_DISABLE_CPU_FEATURES", "X86_V4"),
                "bash", bench().resolve("isa.sh").toString(), "native", "env");
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("\nJDK_JAVA_OPTIONS=-Xmx1g\n").contains("\nVECNN_ISA=native\n")
                .doesNotContain("OPENBLAS_CORETYPE=").doesNotContain("OPENBLAS_L2_SIZE=").doesNotContain("UseAVX")
                .doesNotContain("NPY_DISABLE_CPU_FEATURES=");
    }

    @Test
    void anUnknownIsaIsAnErrorNamingIt() throws Exception {
        Run r = run(Map.of(), "bash", bench().resolve("isa.sh").toString(), "avx512", "env");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out().strip()).isEqualTo("bench/isa.sh: --isa must be native, avx2 or avx, got 'avx512'");
    }

    @Test
    void pythonScriptsTakeTheFlagAndRerunUnderIsaSh(@TempDir Path tmp) throws Exception {
        assumeTrue(cpuHas("avx2") && cpuHas("fma"), "the CPU has no AVX2");
        Run which = run(Map.of(), "bash", "-c", "command -v python3");
        assumeTrue(which.status() == 0, "no python3");
        Path script = tmp.resolve("probe.py");
        Files.writeString(script, "import os, sys\nsys.path.insert(0, " + pyString(bench().toString()) + ")\nimport isa_switch\n"
                + "args = sys.argv[1:]\nisa = isa_switch.take(args, __file__)\n"
                + "print(isa, args, os.environ.get('OPENBLAS_CORETYPE'), os.environ.get('JDK_JAVA_OPTIONS'))\n");
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), "5", "--isa", "avx2", "--norm", "none"));
        Run r = run(Map.of("OPENBLAS_CORETYPE", "SkylakeX"), cmd.toArray(String[]::new));
        assertThat(r.out().strip()).as(r.out()).isEqualTo("avx2 ['5', '--norm', 'none'] Haswell -XX:UseAVX=2");
        // no flag: native (the machine's own), whatever the environment said
        Run plain = run(Map.of("OPENBLAS_CORETYPE", "Haswell"), "python3", script.toString(), "--isa=native");
        assertThat(plain.out().strip()).as(plain.out()).isEqualTo("native [] None None");
    }

    /** On a CPU with AVX-512, numpy under isa.sh avx2 must not run its AVX-512 loops (numpy 2 names them X86_V4). */
    @Test
    void avx2KeepsNumpysOwnLoopsOffAvx512() throws Exception {
        assumeTrue(cpuHas("avx512f") && cpuHas("avx2"), "the CPU has no AVX-512: numpy cannot pick it anyway");
        String probe = "import numpy\n"
                + "try:\n    from numpy._core._multiarray_umath import __cpu_features__ as f\n"
                + "except ImportError:\n    f = {}\n"
                + "print(f.get('X86_V4'))\n";
        Run own = run(Map.of(), "python3", "-c", probe);
        assumeTrue(own.status() == 0 && own.out().strip().equals("True"), "no numpy 2 here that uses AVX-512: " + own.out());
        Run avx2 = run(Map.of(), "bash", bench().resolve("isa.sh").toString(), "avx2", "python3", "-c", probe);
        assertThat(avx2.out().strip()).as(avx2.out()).isEqualTo("False");
        Run back = run(Map.of("NPY_DISABLE_CPU_FEATURES", "X86_V4"), "bash", bench().resolve("isa.sh").toString(), "native",
                "python3", "-c", probe);
        assertThat(back.out().strip()).as("native lifts an outer avx2's setting: " + back.out()).isEqualTo("True");
    }

    private static String pyString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
