package dev.vecnn.bench;

import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Parallel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * Single-thread GEMM speed per CPU-second of the calling thread (not per wall-clock second), for
 * a shared, overloaded machine where wall-clock figures mostly measure the other tenants.
 * {@code bench/gemm_numpy.py --cpu-time FILE} prints the same figure for numpy (OpenBLAS on one
 * thread) next to it. Output lines: {@code cpu <dtype> <shape> <GFLOP per CPU-second>}.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.vecnn.bench.GemmCpuTime [seconds [dtype [shape]]]</pre>
 * (a dtype and a shape time that one only: {@code bench/gemm_alternating.py} alternates each shape with numpy)
 */
public final class GemmCpuTime {
    private static final String[] SHAPES = {
        "NN_100x3072x500", "TN_3072x100x500", "NT_100x500x3072", "NN_100x500x10", "NN_500x3072x500",
        "NN_1000x3072x500", "NN_1024x1024x1024"};

    private GemmCpuTime() {}

    /** Milliseconds the JIT has compiled so far (0 when the JVM does not say). */
    private static long jitMillis() {
        java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        String onlyDtype = args.length > 1 ? args[1] : null;
        String onlyShape = args.length > 2 ? args[2] : null;
        if (onlyDtype != null && !onlyDtype.equals("float32") && !onlyDtype.equals("float64")) {
            throw new IllegalArgumentException("dtype: expected float32 or float64, got " + onlyDtype);
        }
        if (onlyShape != null && !java.util.Arrays.asList(SHAPES).contains(onlyShape)) {
            throw new IllegalArgumentException("shape: expected one of " + String.join(", ", SHAPES) + ", got " + onlyShape);
        }
        Parallel.setThreads(1);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        for (String dtype : new String[] {"float32", "float64"}) {
            if (onlyDtype != null && !onlyDtype.equals(dtype)) continue;
            for (String shape : SHAPES) {
                if (onlyShape != null && !onlyShape.equals(shape)) continue;
                String[] parts = shape.split("_");
                boolean transA = parts[0].charAt(0) == 'T';
                boolean transB = parts[0].charAt(1) == 'T';
                String[] dims = parts[1].split("x");
                int m = Integer.parseInt(dims[0]), k = Integer.parseInt(dims[1]), n = Integer.parseInt(dims[2]);
                int lda = transA ? m : k, ldb = transB ? k : n;
                Random r = new Random(42);
                float[] af = new float[m * k], bf = new float[k * n], cf = new float[m * n];
                double[] ad = new double[m * k], bd = new double[k * n], cd = new double[m * n];
                for (int i = 0; i < af.length; i++) ad[i] = af[i] = (float) r.nextGaussian();
                for (int i = 0; i < bf.length; i++) bd[i] = bf[i] = (float) r.nextGaussian();
                boolean single = dtype.equals("float32");
                // the thread clock is a system call (about 1.3 us in a VM, Zen 5): read it about
                // every 10 MFLOP, not after every call of a 1-MFLOP product (NN_100x500x10: ~9%)
                int callsPerClockRead = (int) Math.max(1, 1e7 / (2.0 * m * n * k));
                double best = 0;
                for (int round = 0; round < 3; round++) { // round 0 is warm-up (JIT)
                    long cpu0 = bean.getCurrentThreadCpuTime();
                    long calls = 0;
                    // the warm-up also runs until the JIT has finished no compile for 1 s (at most
                    // 10 s): a fresh JVM timing one small shape alone was still in uncompiled
                    // kernels after 1 s (float64 NN_100x500x10 at 512 bits: 0.2 GFLOP/s; a quiet 0.3 s
                    // still ended one warm-up during the long C2 compile of its kernel: 3.7)
                    long jitMs = jitMillis(), quietSince = System.nanoTime();
                    while (bean.getCurrentThreadCpuTime() - cpu0 < seconds * 1e9 / 2
                            || (round == 0 && System.nanoTime() - quietSince < 1_000_000_000L
                                && bean.getCurrentThreadCpuTime() - cpu0 < 10e9)) {
                        if (round == 0 && jitMillis() != jitMs) {
                            jitMs = jitMillis();
                            quietSince = System.nanoTime();
                        }
                        for (int c = 0; c < callsPerClockRead; c++) {
                            if (single) {
                                Gemm.sgemm(transA, transB, m, n, k, 1f, af, 0, lda, bf, 0, ldb, 0f, cf, 0, n);
                            } else {
                                Gemm.dgemm(transA, transB, m, n, k, 1, ad, 0, lda, bd, 0, ldb, 0, cd, 0, n);
                            }
                        }
                        calls += callsPerClockRead;
                    }
                    double cpuSeconds = (bean.getCurrentThreadCpuTime() - cpu0) / 1e9;
                    if (round > 0) best = Math.max(best, 2.0 * m * n * k * calls / cpuSeconds / 1e9);
                }
                System.out.printf("cpu %s %s %.2f%n", dtype, shape, best);
            }
        }
    }
}
