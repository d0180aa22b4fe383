package dev.vecnn.cli;

import dev.vecnn.cli.bench.BenchPlots;
import dev.vecnn.cli.bench.LadderRun;
import dev.vecnn.cli.bench.Report;
import dev.vecnn.cli.bench.Row;
import dev.vecnn.cli.bench.Suite;
import dev.vecnn.io.AtomicFiles;
import dev.vecnn.kernels.Parallel;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code vecnn bench}: what the Vector API buys on this machine (the machine's ceilings, GEMM,
 * the element-wise kernels and a training step, each SIMD against its scalar twin, numpy and
 * PyTorch beside them when installed), as a table, JSON and a roofline PNG. {@code vecnn bench
 * ladder}: the GEMM ladder's rungs at one size. The measuring is in {@code dev.vecnn.cli.bench}.
 */
final class BenchCommand implements Command {
    private static final String SUMMARY = "measure the kernels on this machine: peak, bandwidth, GEMM, element-wise, "
            + "a training step, SIMD vs scalar (and numpy); 'bench ladder': the GEMM ladder";

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "measure kernels here (SIMD vs scalar, numpy, roofline); 'bench ladder' for the GEMM ladder";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length > 0 && args[0].equals("ladder")) {
            return ladder(args, out, err);
        }
        Flags flags = new Flags(name(), SUMMARY + "\n\nAlso: vecnn bench ladder [--size N] (see vecnn bench ladder --help).")
                .flag("quick", "fewer and shorter samples (under 2 minutes on 2 cores)")
                .option("json", "FILE", null, "write every measurement as JSON")
                .option("png", "FILE", null, "write the roofline plot as PNG")
                .option("threads", "N", null, "threads for the multi-threaded rows (default: all cores)")
                .flag("no-python", "do not look for python3 with numpy / PyTorch")
                .parse(args, 0);
        if (flags.helpRequested()) {
            out.print(flags.help());
            return 0;
        }
        int threads = flags.given("threads") ? flags.integer("threads", 1, 1024) : Runtime.getRuntime().availableProcessors();
        Path json = flags.given("json") ? Path.of(flags.string("json")) : null;
        Path png = flags.given("png") ? Path.of(flags.string("png")) : null;
        Status status = new Status(err);
        Suite.Result result;
        try (StopNotice notice = new StopNotice(null, err, () -> status.stoppedLine("vecnn bench"))) {
            result = Suite.run(flags.isSet("quick"), !flags.isSet("no-python"), threads, status);
            status.clear();
        }
        out.print(Report.table(result));
        if (json != null) {
            AtomicFiles.writeString(json, Report.json(result));
            out.println("wrote " + json);
        }
        if (png != null) {
            roofline(result, png);
            out.println("wrote " + png);
        }
        List<String> above = Report.aboveCeiling(result.rows());
        for (String line : above) {
            err.println("vecnn bench: FAILED: " + line);
        }
        return above.isEmpty() ? 0 : 1;
    }

    private int ladder(String[] args, PrintStream out, PrintStream err) throws Exception {
        Flags flags = new Flags(name() + " ladder", "the GEMM ladder: C = A*B (N x N, float32) by each rung, from the naive "
                + "loop to the library's GEMM; GFLOP/s and speed-up over the previous rung (docs/gemm-tutorial.md)")
                .option("size", "N", "1024", "matrix size")
                .option("threads", "N", null, "threads for rungs 7 and 8 (default: all cores)")
                .option("json", "FILE", null, "write the rows as JSON")
                .option("png", "FILE", null, "write a bar chart of the rungs as PNG")
                .parse(args, 1);
        if (flags.helpRequested()) {
            out.print(flags.help());
            return 0;
        }
        int size = flags.integer("size", 1, 8192);
        int threads = flags.given("threads") ? flags.integer("threads", 1, 1024) : Runtime.getRuntime().availableProcessors();
        Path json = flags.given("json") ? Path.of(flags.string("json")) : null;
        Path png = flags.given("png") ? Path.of(flags.string("png")) : null;
        int before = Parallel.threads();
        Status status = new Status(err);
        List<Row> rows;
        try (StopNotice notice = new StopNotice(null, err, () -> status.stoppedLine("vecnn bench ladder"))) {
            Parallel.setThreads(threads);
            rows = LadderRun.run(size, status);
            status.clear();
        } finally {
            Parallel.setThreads(before);
        }
        out.print(LadderRun.table(size, rows, threads));
        if (json != null) {
            AtomicFiles.writeString(json, Report.json(new Suite.Result(rows, List.of(), threads, false)));
            out.println("wrote " + json);
        }
        if (png != null) {
            BenchPlots.ladder("GEMM ladder, " + size + "^3 float32: " + Report.cpu(), rows, png);
            out.println("wrote " + png);
        }
        return 0;
    }

    private static void roofline(Suite.Result result, Path png) throws java.io.IOException {
        List<Row> rows = result.rows();
        double peak = Report.ceiling(rows, "float32", result.threads()), bw = Double.NaN;
        for (Row r : rows) {
            if (r.group().equals("machine") && r.threads() == result.threads()) {
                if (r.name().startsWith("STREAM")) bw = r.bytes() / r.best() / 1e9;
            }
        }
        List<BenchPlots.Point> points = new ArrayList<>();
        for (Row r : rows) {
            boolean f32 = r.dtype().equals("float32");
            if (r.group().equals("gemm") && r.impl().equals("simd") && f32 && r.threads() == result.threads()) {
                points.add(new BenchPlots.Point(r.name().replace('_', ' '), r.intensity(), r.gflops(), 0));
            } else if ((r.group().equals("numpy") || r.group().equals("torch")) && f32
                    && (r.threads() == result.threads() || r.threads() == 0) && r.name().startsWith("NN_1024")) {
                points.add(new BenchPlots.Point(r.group() + " " + r.name().replace('_', ' '), r.intensity(), r.gflops(), 1));
            } else if (r.group().equals("elementwise") && r.impl().equals("simd")) {
                points.add(new BenchPlots.Point(r.name().replaceAll(" [0-9x]+$", "") + " (1t)", r.intensity(), r.gflops(), 2));
            } else if (r.group().equals("train") && r.impl().equals("simd")) {
                points.add(new BenchPlots.Point("training step", r.intensity(), r.gflops(), 3));
            }
        }
        BenchPlots.roofline("Roofline, float32, " + result.threads() + " threads: " + Report.cpu(), peak, bw, points, png);
    }

    /** Says on stderr what is being measured (one overwritten line on a terminal, nothing in a pipe). */
    private static final class Status implements Suite.Sink {
        private final PrintStream err;
        private final boolean live = Terminal.attached();
        private volatile String current = "starting";

        Status(PrintStream err) {
            this.err = err;
        }

        @Override
        public void step(String what) {
            current = what;
            if (live) {
                err.print("\r\033[K  measuring: " + what);
                err.flush();
            }
        }

        @Override
        public void add(Row row) {
            // rows are printed together at the end
        }

        void clear() {
            if (live) {
                err.print("\r\033[K");
                err.flush();
            }
        }

        String stoppedLine(String command) {
            return (live ? "\r\033[K" : "") + command + ": stopped while measuring " + current + "; nothing written";
        }
    }
}
