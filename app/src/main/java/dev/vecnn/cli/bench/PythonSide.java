package dev.vecnn.cli.bench;

import dev.vecnn.io.Json;
import dev.vecnn.kernels.Isa;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * numpy and PyTorch at the same GEMM shapes, when a {@code python3} with them is on the PATH:
 * runs the script shipped in the jar ({@code python_side.py}) and reads one JSON line per
 * measurement. Anything missing (python3, numpy, torch) becomes a note, never a failure.
 */
final class PythonSide {
    private PythonSide() {}

    /**
     * The environment that puts numpy on the JVM's instruction set (bench/isa.sh does the same
     * for the side-by-side scripts): {@code UseAVX=2} gives OpenBLAS's Haswell (AVX2) kernels and
     * numpy's own loops without their AVX-512 versions ({@code NPY_DISABLE_CPU_FEATURES}),
     * {@code UseAVX=1} OpenBLAS's Sandybridge (AVX) kernels and numpy's loops without AVX2 and
     * AVX-512; at {@code UseAVX=3} or unknown, both pick by cpuid (the variables removed).
     * {@code OPENBLAS_L2_SIZE} is always removed. A null value means: remove the variable.
     */
    static Map<String, String> numpyEnvironment(int useAvx) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("OPENBLAS_CORETYPE", useAvx == 2 ? "Haswell" : useAvx == 1 ? "Sandybridge" : null);
        env.put("OPENBLAS_L2_SIZE", null);
        env.put("NPY_DISABLE_CPU_FEATURES", useAvx == 2 ? NUMPY_AVX512 : useAvx == 1 ? "X86_V3 AVX2 FMA3 F16C " + NUMPY_AVX512 : null);
        return env;
    }

    /** numpy's names for its AVX-512 loops (numpy 2: X86_V4, ...; numpy 1: AVX512F, AVX512_SKX, ...), as in bench/isa.sh. */
    static final String NUMPY_AVX512 = "X86_V4 AVX512F AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL AVX512_SPR";

    /** E.g. "OPENBLAS_CORETYPE=Haswell, OPENBLAS_L2_SIZE unset, NPY_DISABLE_CPU_FEATURES=X86_V4 ...". */
    static String describe(Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        env.forEach((name, value) -> sb.append(sb.length() > 0 ? ", " : "").append(name).append(value == null ? " unset" : "=" + value));
        return sb.toString();
    }

    /** Rows for numpy/torch; reasons for what was skipped go to {@code notes}. */
    static List<Row> measure(List<String> shapes, int threads, boolean quick, List<String> notes) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        Path script = Files.createTempFile("vecnn-bench-", ".py");
        try {
            try (InputStream in = PythonSide.class.getResourceAsStream("python_side.py")) {
                if (in == null) {
                    notes.add("numpy/PyTorch: skipped (python_side.py missing from the jar)");
                    return rows;
                }
                Files.write(script, in.readAllBytes());
            }
            List<String> cmd = new ArrayList<>(List.of("python3", script.toString(), quick ? "0.3" : "1.0", String.valueOf(threads)));
            cmd.addAll(shapes);
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
            Map<String, String> isa = numpyEnvironment(Isa.useAvx());
            isa.forEach((name, value) -> {
                if (value == null) builder.environment().remove(name); else builder.environment().put(name, value);
            });
            Process p;
            try {
                p = builder.start();
                notes.add("numpy/PyTorch run with " + describe(isa) + " (paired with the JVM's " + Isa.describe() + ")");
            } catch (IOException e) {
                notes.add("numpy/PyTorch: skipped (no python3 on the PATH)");
                return rows;
            }
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.startsWith("{")) {
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> o = (Map<String, Object>) Json.parse(line);
                    String lib = (String) o.get("lib");
                    if (o.containsKey("skipped")) {
                        notes.add(lib + ": skipped (" + o.get("skipped") + ")");
                        continue;
                    }
                    GemmCases.Problem shape = new GemmCases.Problem((String) o.get("shape"), "float64".equals(o.get("dtype")), false);
                    rows.add(new Row(lib, shape.shape, lib, (String) o.get("dtype"), ((Number) o.get("threads")).intValue(),
                            shape.flops(), shape.bytes(), ((Number) o.get("median_s")).doubleValue(),
                            ((Number) o.get("best_s")).doubleValue()));
                }
            } finally {
                if (!p.waitFor(quick ? 90 : 300, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    notes.add("numpy/PyTorch: stopped after the time limit");
                }
            }
            if (p.exitValue() != 0 && rows.isEmpty()) {
                notes.add("numpy/PyTorch: skipped (python3 exited with status " + p.exitValue() + ")");
            }
        } finally {
            Files.deleteIfExists(script);
        }
        return rows;
    }
}
