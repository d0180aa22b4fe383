package dev.vecnn.bench;

import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.Parallel;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * One GEMM shape, single thread, timed round after round in one JVM: GFLOP per CPU-second of the
 * calling thread per round, with the JIT compilers' total time beside it. Shows whether the speed
 * a short benchmark sees (GemmCpuTime, a JMH fork) is the speed a long run keeps: on JDK 17 with
 * -XX:UseAVX=2 the m = 100 shapes fell to about half after some seconds of GEMM work and stayed
 * there (bench/README.md).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.vecnn.bench.GemmDrift [SHAPE] [ROUNDS] [SECONDS] [float64]</pre>
 * Defaults: NN_100x3072x500, 20 rounds of 1 CPU-second, float32. Output: {@code round <i> <GFLOP/cpu-s> jit <ms>}.
 */
public final class GemmDrift {
    private GemmDrift() {}

    public static void main(String[] args) {
        String shape = args.length > 0 ? args[0] : "NN_100x3072x500";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        boolean single = !(args.length > 3 && args[3].equals("float64"));
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
        Parallel.setThreads(1);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        System.out.printf("%s %s, 1 thread, JDK %s%n", shape, single ? "float32" : "float64", Runtime.version());
        for (int round = 0; round < rounds; round++) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            long calls = 0;
            while (threads.getCurrentThreadCpuTime() - cpu0 < seconds * 1e9) {
                if (single) {
                    Gemm.sgemm(transA, transB, m, n, k, 1f, af, 0, lda, bf, 0, ldb, 0f, cf, 0, n);
                } else {
                    Gemm.dgemm(transA, transB, m, n, k, 1, ad, 0, lda, bd, 0, ldb, 0, cd, 0, n);
                }
                calls++;
            }
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf("round %d %.2f jit %d%n", round, 2.0 * m * n * k * calls / cpuSeconds / 1e9, jit.getTotalCompilationTime());
        }
    }
}
