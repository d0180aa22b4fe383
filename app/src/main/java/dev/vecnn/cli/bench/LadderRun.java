package dev.vecnn.cli.bench;

import dev.vecnn.ladder.Ladder;
import dev.vecnn.ladder.Rung;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * {@code vecnn bench ladder}: every rung of the GEMM ladder ({@link Ladder}) on one square
 * product of the size asked for, float32. Each rung's C is first checked against rung 1's (the
 * naive loop, the reference): inputs are in [-1, 1], so two orders of summation differ by at
 * most about {@code 2 n eps}. Then it is timed with the {@link Harness}: up to 6 s of warm-up
 * (rung 6 needed 4-5 calls at 1024 before C2's code settled), then 3 samples (the slow rungs take
 * seconds per call at 1024).
 */
public final class LadderRun {
    /** Three samples after up to 6 s of warm-up: the first rungs need seconds per call at 1024. */
    static final Harness.Budget BUDGET = new Harness.Budget(0.2, 3, 1.0, 6.0);

    private LadderRun() {}

    /** Rows in rung order (group "ladder", name = the rung's name). */
    public static List<Row> run(int size, Suite.Sink sink) {
        SplittableRandom r = new SplittableRandom(42);
        float[] a = new float[size * size];
        float[] b = new float[size * size];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
            b[i] = (float) (r.nextDouble() * 2 - 1);
        }
        float[] reference = null;
        double bound = 2.0 * size * 0x1p-23;
        List<Row> rows = new ArrayList<>();
        double flops = 2.0 * size * size * size;
        for (Rung rung : Ladder.rungs()) {
            float[] c = new float[size * size];
            sink.step("check " + rung.name());
            rung.multiply(size, size, size, a, 0, size, b, 0, size, c, 0, size);
            if (reference == null) {
                reference = c.clone();
            } else {
                for (int i = 0; i < c.length; i++) {
                    if (!(Math.abs(c[i] - reference[i]) <= bound)) {
                        throw new IllegalStateException("ladder rung '" + rung.name() + "': C[" + i / size + "][" + i % size
                                + "] = " + c[i] + ", the naive loop gives " + reference[i]);
                    }
                }
            }
            sink.step(rung.name());
            Harness.Timing t = Harness.measure(() -> {
                rung.multiply(size, size, size, a, 0, size, b, 0, size, c, 0, size);
                return c[0];
            }, BUDGET);
            Row row = Row.of("ladder", rung.name(), "ladder", "float32", rung.name().startsWith("7") || rung.name().startsWith("8")
                    ? dev.vecnn.kernels.Parallel.threads() : 1, flops, 12.0 * size * size, t);
            rows.add(row);
            sink.add(row);
        }
        return rows;
    }

    /** The ladder table: GFLOP/s, speed-up over the previous rung and over rung 1. */
    public static String table(int size, List<Row> rows, int threads) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "GEMM ladder: C = A*B, %dx%dx%d float32; %s%n", size, size, size, Report.machine(threads)));
        sb.append(String.format(Locale.ROOT, "%-28s %4s %10s %9s %9s %11s%n", "rung", "thr", "GFLOP/s", "x prev", "x rung 1", "time/call"));
        double first = Double.NaN;
        double prev = Double.NaN;
        for (Row r : rows) {
            double g = r.gflops();
            if (Double.isNaN(first)) {
                first = g;
            }
            sb.append(String.format(Locale.ROOT, "%-28s %3dt %10.2f %9s %9s %11s%n", r.name(), r.threads(), g,
                    Double.isNaN(prev) ? "" : String.format(Locale.ROOT, "%.2fx", g / prev),
                    String.format(Locale.ROOT, "%.1fx", g / first), seconds(r.median())));
            prev = g;
        }
        String skipped = Ladder.skipped();
        if (skipped != null) {
            sb.append("note: ").append(skipped).append('\n');
        }
        return sb.toString();
    }

    static String seconds(double s) {
        return s >= 1 ? String.format(Locale.ROOT, "%.2f s", s) : String.format(Locale.ROOT, "%.1f ms", s * 1e3);
    }
}
