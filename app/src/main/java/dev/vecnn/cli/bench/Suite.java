package dev.vecnn.cli.bench;

import dev.vecnn.kernels.Parallel;
import dev.vecnn.kernels.VectorSupport;
import dev.vecnn.kernels.internal.FmaLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code vecnn bench} measures, in order: the machine's ceilings (the Java FMA loop,
 * the C probe {@code bench/fma_probe.c} at the same vector width, the triad), GEMM, the
 * element-wise kernels, a training step (SIMD here, scalar in a child JVM), then numpy and
 * PyTorch. Each kernel is checked against its scalar twin before it is timed.
 */
public final class Suite {
    /** Where the suite reports: what it is doing now, and each finished row. */
    public interface Sink {
        void step(String what);

        void add(Row row);
    }

    /** The results of one run. */
    public record Result(List<Row> rows, List<String> notes, int threads, boolean quick) {}

    private Suite() {}

    /** Runs the whole suite with {@code threads} for the multi-threaded rows. */
    public static Result run(boolean quick, boolean python, int threads, Sink sink) throws Exception {
        Harness.Budget budget = quick ? Harness.Budget.QUICK : Harness.Budget.FULL;
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Sink collect = new Sink() {
            public void step(String what) {
                sink.step(what);
            }

            public void add(Row row) {
                rows.add(row);
                sink.add(row);
            }
        };
        if (!VectorSupport.simdEnabled()) {
            notes.add("SIMD rows skipped: the scalar kernels are in use (" + VectorSupport.describe()
                    + "; start the JVM with --add-modules " + VectorSupport.MODULE + ")");
        }
        int before = Parallel.threads();
        try {
            FmaLoop loop = Machine.fmaLoop();
            collect.step("peak FMA: check against the scalar twin");
            Machine.check(loop);
            collect.step("peak FMA throughput");
            Machine.peak(loop, threads, budget).forEach(collect::add);
            if (VectorSupport.simdEnabled()) {
                int bits = VectorSupport.vectorBits();
                collect.step("C FMA probe, " + bits + "-bit (bench/fma_probe.c)");
                FmaProbe.Result probe = FmaProbe.run(bits);
                for (FmaProbe.Peak p : probe.peaks()) {
                    collect.add(new Row("machine", "C FMA probe (" + p.bits() + "-bit)", "c", p.dtype(), 1, p.gflops() * 1e9, 0, 1, 1));
                }
                if (probe.note() != null) {
                    notes.add(probe.note());
                }
            } else {
                notes.add("C FMA probe: not run (the scalar kernels are in use: no vector width to compare)");
            }
            collect.step("memory bandwidth (STREAM triad)");
            Machine.triad(threads, quick, budget).forEach(collect::add);
            int[] counts = threads == 1 ? new int[] {1} : new int[] {1, threads};
            for (String shape : GemmCases.SHAPES) {
                for (boolean dbl : new boolean[] {false, true}) {
                    GemmCases.measure(new GemmCases.Problem(shape, dbl), counts, quick, budget, collect);
                }
            }
            Parallel.setThreads(1);
            ElementwiseCases.measure(budget, collect);
            Parallel.setThreads(threads);
            collect.step("training step");
            collect.add(TrainStepCase.measure(budget, threads));
            collect.step("training step, scalar twin (child JVM with -Dvecnn.simd=false)");
            if (VectorSupport.simdEnabled()) {
                String[] why = new String[1];
                Row scalarStep = TrainStepCase.measureScalarInChild(quick, threads, why);
                if (scalarStep != null) {
                    collect.add(scalarStep);
                } else {
                    notes.add("scalar training step skipped: " + why[0]);
                }
            }
            if (python) {
                collect.step("numpy / PyTorch (python3)");
                PythonSide.measure(GemmCases.SHAPES, threads, quick, notes).forEach(collect::add);
            } else {
                notes.add("numpy/PyTorch: not run (--no-python)");
            }
        } finally {
            Parallel.setThreads(before);
        }
        return new Result(rows, notes, threads, quick);
    }
}
