package dev.vecnn.cli.bench;

import dev.vecnn.kernels.VectorSupport;
import dev.vecnn.kernels.internal.FmaLoop;
import dev.vecnn.kernels.internal.ScalarFmaLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The machine's two ceilings for the roofline: peak multiply-add throughput (a register-only
 * FMA loop, {@link FmaLoop}, at the vector width in use, on one core and on all cores at once)
 * and memory bandwidth (STREAM's triad {@code a[i] = b[i] + s * c[i]} on arrays far larger than
 * any cache, bytes counted as STREAM does: 24 per element in double, no write-allocate).
 */
final class Machine {
    /** Triad length: 3 arrays of 16 Mi doubles = 384 MiB (quick: 8 Mi, 192 MiB), well past L3. */
    static int triadLength(boolean quick) {
        return quick ? 8 << 20 : 16 << 20;
    }

    private Machine() {}

    /** The SIMD loop when the Vector API is in use, else the scalar twin. */
    static FmaLoop fmaLoop() {
        FmaLoop simd = VectorSupport.simdOrNull(FmaLoop.class, "dev.vecnn.kernels.simd.SimdFmaLoop");
        return simd != null ? simd : new ScalarFmaLoop();
    }

    /**
     * Checks the loop against the exact result of its recurrence (every lane of every
     * accumulator runs the scalar twin's; see {@link FmaLoop}).
     */
    static void check(FmaLoop loop) {
        double f = FmaLoop.expected(1000, 0.5, loop.floatLanes());
        double d = FmaLoop.expected(1000, 0.5, loop.doubleLanes());
        double gotF = loop.floats(1000, 0.5f);
        double gotD = loop.doubles(1000, 0.5);
        if (gotF != f || gotD != d) {
            throw new IllegalStateException("peak FMA loop gives float " + gotF + " (exact: " + f + "), double " + gotD
                    + " (exact: " + d + ")");
        }
    }

    /** Peak GFLOP/s rows: float32 and float64, 1 thread and {@code threads}. */
    static List<Row> peak(FmaLoop loop, int threads, Harness.Budget budget) throws Exception {
        List<Row> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vecnn-bench-peak");
            t.setDaemon(true);
            return t;
        });
        try {
            // Short calls (about 0.1 ms of FMAs at 256 bits): C2 compiles the method itself after a few hundred
            // calls; with 2 000 000 steps a call took 10 ms and the first seconds ran the on-stack-replacement
            // compile, which boxes every vector of a loop entered from the interpreter.
            int steps = 1 << 16;
            for (boolean dbl : new boolean[] {false, true}) {
                int lanes = dbl ? loop.doubleLanes() : loop.floatLanes();
                for (int t : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
                    int count = t;
                    Harness.Timing timing = Harness.measure(() -> onAll(pool, count,
                            () -> dbl ? loop.doubles(steps, 0.5) : loop.floats(steps, 0.5f)), budget, Harness.clockFor(t));
                    double flops = 2.0 * FmaLoop.ACCUMULATORS * lanes * steps * t;
                    rows.add(Row.of("machine", "peak FMA (" + lanes + " lanes)", impl(loop), dbl ? "float64" : "float32",
                            t, flops, 0, timing));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return rows;
    }

    /** Triad bandwidth rows, 1 thread and {@code threads}. */
    static List<Row> triad(int threads, boolean quick, Harness.Budget budget) throws Exception {
        int n = triadLength(quick);
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        java.util.Arrays.fill(b, 1.0);
        java.util.Arrays.fill(c, 2.0);
        List<Row> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vecnn-bench-triad");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int t : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
                int count = t;
                Harness.Timing timing = Harness.measure(() -> onAll(pool, count, chunk -> {
                    int from = (int) ((long) n * chunk / count);
                    int to = (int) ((long) n * (chunk + 1) / count);
                    for (int i = from; i < to; i++) {
                        a[i] = b[i] + 3.0 * c[i];
                    }
                    return a[from];
                }), budget, Harness.clockFor(t));
                if (a[n - 1] != 7.0) {
                    throw new IllegalStateException("triad computed " + a[n - 1] + ", expected 7.0");
                }
                rows.add(Row.of("machine", "STREAM triad " + (n >> 20) + " Mi doubles", "java", "float64", t,
                        2.0 * n, 24.0 * n, timing));
            }
        } finally {
            pool.shutdownNow();
        }
        return rows;
    }

    static String impl(FmaLoop loop) {
        return loop instanceof ScalarFmaLoop ? "scalar" : "simd";
    }

    /** Runs {@code work} on {@code count} threads at once (the same work each); returns the sum. */
    private static double onAll(ExecutorService pool, int count, Callable<Double> work) {
        return onAll(pool, count, chunk -> work.call());
    }

    private interface Chunk {
        double run(int chunk) throws Exception;
    }

    private static double onAll(ExecutorService pool, int count, Chunk work) {
        try {
            if (count == 1) {
                return work.run(0);
            }
            List<Future<Double>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int chunk = i;
                futures.add(pool.submit(() -> work.run(chunk)));
            }
            double sum = 0;
            for (Future<Double> f : futures) {
                sum += f.get();
            }
            return sum;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
