package dev.vecnn.cli.bench;

import dev.vecnn.io.Json;
import dev.vecnn.kernels.GemmShape;
import dev.vecnn.kernels.Isa;
import dev.vecnn.kernels.VectorSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bench's results as a table for people and as JSON for later comparison. */
public final class Report {
    private Report() {}

    /** "AMD EPYC 9R45 ..." from /proc/cpuinfo, else the OS's architecture name. */
    public static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (Exception e) {
            // not Linux, or not readable
        }
        return System.getProperty("os.arch");
    }

    /** One line naming the machine: CPU, vector width, cores, JDK. */
    public static String machine(int threads) {
        return cpu() + ", " + (VectorSupport.simdEnabled() ? VectorSupport.vectorBits() + "-bit SIMD ("
                + VectorSupport.floatLanes() + " float / " + VectorSupport.doubleLanes() + " double lanes)" : "scalar kernels")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + threads + " threads, JDK " + Runtime.version();
    }

    /** {@link GemmShape#describe()} without the ISA it ends with (printed on its own). */
    public static String tile() {
        return GemmShape.describe().replace("; " + Isa.describe(), "");
    }

    /** The 1-minute load average (other processes competing for the cores), negative when unknown. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * The Java FMA loop's peak GFLOP/s for {@code dtype} on {@code threads} threads, NaN when not
     * measured. A ceiling is what the hardware allows, so it is the best sample, not the median
     * (on a shared machine the median of a register-only loop is the share of the core it got).
     */
    static double peak(List<Row> rows, String dtype, int threads) {
        for (Row r : rows) {
            if (r.group().equals("machine") && r.name().startsWith("peak") && r.dtype().equals(dtype) && r.threads() == threads) {
                return r.flops() / r.best() / 1e9;
            }
        }
        return Double.NaN;
    }

    /** The C probe's GFLOP/s for {@code dtype} (one thread), NaN when it did not run. */
    static double probe(List<Row> rows, String dtype) {
        for (Row r : rows) {
            if (r.group().equals("machine") && r.impl().equals("c") && r.dtype().equals(dtype)) {
                return r.flops() / r.best() / 1e9;
            }
        }
        return Double.NaN;
    }

    /**
     * The arithmetic ceiling that "% peak" divides by: on one thread the higher of the Java FMA
     * loop and the C probe (two independent measures of one core; a figure above both is a
     * measuring bug); on {@code threads > 1}, {@code threads} times that, what that many cores can
     * do at most. The measured N-thread loop is not used: on a shared machine it measures the
     * share of the cores this run got, and a product measured in a quieter moment passed it.
     * NaN when nothing was measured.
     */
    public static double ceiling(List<Row> rows, String dtype, int threads) {
        double java = peak(rows, dtype, 1);
        double c = probe(rows, dtype);
        double one = Double.isNaN(java) ? c : Double.isNaN(c) ? java : Math.max(java, c);
        return threads <= 1 ? one : one * threads;
    }

    /**
     * One line per figure above 100% of its ceiling ({@link #ceiling}): GEMM, the training step and
     * numpy/PyTorch (on all cores when their thread count is the library's default). Such a figure
     * is a bug of the measurement (a wrong peak, wrong flop count or a timer that missed work), so
     * the run fails. Element-wise kernels are measured against the triad and may pass it in cache.
     */
    public static List<String> aboveCeiling(List<Row> rows) {
        List<String> lines = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (Row r : rows) {
            boolean arithmetic = r.group().equals("gemm") || r.group().equals("train") || r.group().equals("numpy")
                    || r.group().equals("torch");
            if (!arithmetic) {
                continue;
            }
            int threads = r.threads() > 0 ? r.threads() : cores;
            double ceiling = ceiling(rows, r.dtype(), threads);
            if (r.gflops() > ceiling) {
                lines.add(String.format(Locale.ROOT, "%s %s %s %s %dt: %.1f GFLOP/s is %.0f%% of the peak (%.1f GFLOP/s on %d thread%s);"
                                + " a figure above the peak is a measuring bug", r.group(), r.name(), r.impl(), r.dtype(), r.threads(),
                        r.gflops(), 100 * r.gflops() / ceiling, ceiling, threads, threads == 1 ? "" : "s"));
            }
        }
        return lines;
    }

    /** Triad GB/s on {@code threads} threads (best sample, as {@link #peak}), NaN when not measured. */
    static double bandwidth(List<Row> rows, int threads) {
        for (Row r : rows) {
            if (r.group().equals("machine") && r.name().startsWith("STREAM") && r.threads() == threads) {
                return r.bytes() / r.best() / 1e9;
            }
        }
        return Double.NaN;
    }

    private static Row find(List<Row> rows, String group, String name, String impl, String dtype, int threads) {
        for (Row r : rows) {
            if (r.group().equals(group) && r.name().equals(name) && r.impl().equals(impl) && r.dtype().equals(dtype)
                    && (r.threads() == threads || threads < 0)) {
                return r;
            }
        }
        return null;
    }

    /** The table printed at the end of a run. */
    public static String table(Suite.Result result) {
        List<Row> rows = result.rows();
        StringBuilder sb = new StringBuilder();
        sb.append("vecnn bench").append(result.quick() ? " --quick" : "").append(": ").append(machine(result.threads())).append('\n');
        sb.append("ISA in force: ").append(Isa.describe()).append("; GEMM tile: ").append(tile()).append('\n');
        double load = loadAverage();
        if (load >= 0) {
            sb.append(String.format(Locale.ROOT, "Load average at the end: %.1f on %d cores%s%n", load,
                    Runtime.getRuntime().availableProcessors(), load > Runtime.getRuntime().availableProcessors()
                            ? " (busy: other processes shared the cores, figures are low and noisy)"
                            : " (this run's own threads count too)"));
        }
        sb.append("Median of timed batches after warm-up; GFLOP/s = 2mnk/time; 1-thread rows timed by the thread's CPU time, others by the wall clock.\n"
                + "% peak: of the one-core ceiling (best of the Java FMA loop and the C probe) times the threads;\n"
                + "element-wise kernels: % of the best one-thread triad (in-cache data can pass 100%).\n\n");
        sb.append("machine ceilings\n");
        for (Row r : rows) {
            if (r.group().equals("machine") && r.impl().equals("c")) {
                sb.append(String.format(Locale.ROOT, "  %-30s %-8s %-6s %2dt  %8.1f GFLOP/s (best of its samples)%n", r.name(), r.dtype(),
                        r.impl(), r.threads(), r.flops() / r.best() / 1e9));
            } else if (r.group().equals("machine")) {
                boolean bw = r.name().startsWith("STREAM");
                sb.append(String.format(Locale.ROOT, "  %-30s %-8s %-6s %2dt  %8.1f %s (best; median %.1f)%n", r.name(), r.dtype(), r.impl(),
                        r.threads(), bw ? bandwidth(rows, r.threads()) : r.flops() / r.best() / 1e9, bw ? "GB/s" : "GFLOP/s",
                        bw ? r.gbps() : r.gflops()));
            }
        }
        for (String dtype : new String[] {"float32", "float64"}) {
            double java = peak(rows, dtype, 1), c = probe(rows, dtype);
            if (Double.isFinite(java) && Double.isFinite(c)) {
                sb.append(String.format(Locale.ROOT, "  Java FMA loop / C probe, %s, 1 thread: %.2f%s%n", dtype, java / c,
                        Math.abs(java / c - 1) > 0.10 ? " (outside 10%: the Java loop does not reach the core's peak here)" : ""));
            }
        }
        sb.append(String.format(Locale.ROOT, "%nGEMM (GFLOP/s)                   dtype    thr     simd  %%peak   scalar  simd/scalar    numpy  vecnn/numpy    torch%n"));
        for (String shape : GemmCases.SHAPES) {
            for (String dtype : new String[] {"float32", "float64"}) {
                for (int t : result.threads() == 1 ? new int[] {1} : new int[] {1, result.threads()}) {
                    Row simd = find(rows, "gemm", shape, "simd", dtype, t);
                    Row scalar = find(rows, "gemm", shape, "scalar", dtype, t);
                    Row numpy = find(rows, "numpy", shape, "numpy", dtype, t);
                    if (numpy == null && t == result.threads()) {
                        numpy = find(rows, "numpy", shape, "numpy", dtype, 0);
                    }
                    Row torch = find(rows, "torch", shape, "torch", dtype, t);
                    if (simd == null && scalar == null) {
                        continue;
                    }
                    sb.append(String.format(Locale.ROOT, "  %-30s %-8s %2dt  %7s  %5s  %7s  %11s  %7s  %11s  %7s%n", shape, dtype, t,
                            num(simd == null ? Double.NaN : simd.gflops(), 1),
                            pct(simd == null ? Double.NaN : simd.gflops() / ceiling(rows, dtype, t)),
                            num(scalar == null ? Double.NaN : scalar.gflops(), 1),
                            ratio(simd, scalar), num(numpy == null ? Double.NaN : numpy.gflops(), 1), ratio(simd, numpy),
                            num(torch == null ? Double.NaN : torch.gflops(), 1)));
                }
            }
        }
        sb.append(String.format(Locale.ROOT, "%nelement-wise, float32, 1 thread     simd GB/s  %%triad  scalar GB/s  simd/scalar  simd GFLOP/s%n"));
        double bw1 = bandwidth(rows, 1);
        for (Row r : rows) {
            if (r.group().equals("elementwise") && r.impl().equals("simd") || r.group().equals("elementwise")
                    && r.impl().equals("scalar") && find(rows, "elementwise", r.name(), "simd", r.dtype(), 1) == null) {
                Row simd = r.impl().equals("simd") ? r : null;
                Row scalar = find(rows, "elementwise", r.name(), "scalar", r.dtype(), 1);
                sb.append(String.format(Locale.ROOT, "  %-34s %9s  %6s  %11s  %11s  %12s%n", r.name(),
                        num(simd == null ? Double.NaN : simd.gbps(), 1), pct(simd == null ? Double.NaN : simd.gbps() / bw1),
                        num(scalar == null ? Double.NaN : scalar.gbps(), 1), ratio(simd, scalar),
                        num(simd == null ? Double.NaN : simd.gflops(), 2)));
            }
        }
        Row stepSimd = find(rows, "train", "train step 100x3072->500->10", "simd", "float32", -1);
        Row stepScalar = find(rows, "train", "train step 100x3072->500->10", "scalar", "float32", -1);
        if (stepSimd != null || stepScalar != null) {
            Row any = stepSimd != null ? stepSimd : stepScalar;
            sb.append(String.format(Locale.ROOT, "%ntraining step (3072->500->10, batch 100, keep 0.25, Adam), float32, %dt%n", any.threads()));
            sb.append(String.format(Locale.ROOT, "  simd %s ms (%s GFLOP/s, %s of peak)   scalar %s ms   simd/scalar %s%n",
                    num(stepSimd == null ? Double.NaN : stepSimd.median() * 1e3, 2),
                    num(stepSimd == null ? Double.NaN : stepSimd.gflops(), 1),
                    pct(stepSimd == null ? Double.NaN : stepSimd.gflops() / ceiling(rows, "float32", any.threads())),
                    num(stepScalar == null ? Double.NaN : stepScalar.median() * 1e3, 2), ratio(stepSimd, stepScalar)));
        }
        for (String note : result.notes()) {
            sb.append("note: ").append(note).append('\n');
        }
        return sb.toString();
    }

    /** The JSON document written by {@code --json}. */
    public static String json(Suite.Result result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cpu", cpu());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("threads", result.threads());
        machine.put("kernels", VectorSupport.describe());
        machine.put("vector_bits", VectorSupport.vectorBits());
        machine.put("use_avx", Isa.useAvx() == Isa.UNKNOWN ? null : Isa.useAvx());
        machine.put("vector_registers", Isa.vectorRegisters());
        machine.put("isa", Isa.describe());
        machine.put("gemm_tile", GemmShape.describe());
        machine.put("float_lanes", VectorSupport.floatLanes());
        machine.put("double_lanes", VectorSupport.doubleLanes());
        machine.put("jdk", Runtime.version().toString());
        machine.put("quick", result.quick());
        machine.put("load_average_1min", loadAverage() >= 0 ? loadAverage() : null);
        doc.put("machine", machine);
        List<Object> rows = new ArrayList<>();
        for (Row r : result.rows()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("group", r.group());
            o.put("name", r.name());
            o.put("impl", r.impl());
            o.put("dtype", r.dtype());
            o.put("threads", r.threads());
            o.put("flops", r.flops());
            o.put("bytes", r.bytes());
            o.put("median_s", r.median());
            o.put("best_s", r.best());
            o.put("gflops", r.gflops());
            o.put("gbps", r.bytes() > 0 ? r.gbps() : null);
            rows.add(o);
        }
        doc.put("rows", rows);
        doc.put("notes", result.notes());
        return Json.write(doc) + "\n";
    }

    static String num(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "-";
    }

    static String pct(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.0f%%", 100 * fraction) : "-";
    }

    static String ratio(Row a, Row b) {
        return a == null || b == null ? "-" : String.format(Locale.ROOT, "%.2fx", b.median() / a.median());
    }
}
