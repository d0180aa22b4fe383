package dev.vecnn.bench;

import dev.vecnn.bench.oldgemm.OldSimdGemm;
import dev.vecnn.kernels.Gemm;
import dev.vecnn.kernels.GemmKernel;
import dev.vecnn.kernels.Parallel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Before/after ratio of the float GEMM on a loaded machine: alternates the frozen previous GEMM
 * ({@link OldSimdGemm}) and the current one ({@link Gemm}) in one JVM, {@code reps} rounds of
 * {@code calls} calls each, and prints the best and the median GFLOP/s of each and their ratios.
 * One thread: GFLOP per CPU-second of the calling thread; more threads: wall clock.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.vecnn.bench.GemmOldNew \
 *     NN_100x3072x500 10 [threads=1] [reps=20]</pre>
 */
public final class GemmOldNew {
    private GemmOldNew() {}

    public static void main(String[] args) {
        String shape = args[0];
        int calls = Integer.parseInt(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        boolean transA = shape.charAt(0) == 'T', transB = shape.charAt(1) == 'T';
        String[] d = shape.split("_")[1].split("x");
        int m = Integer.parseInt(d[0]), k = Integer.parseInt(d[1]), n = Integer.parseInt(d[2]);
        int lda = transA ? m : k, ldb = transB ? k : n;
        Parallel.setThreads(threads);
        Random r = new Random(42);
        float[] a = new float[m * k], b = new float[k * n], cOld = new float[m * n], cNew = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
        GemmKernel old = new OldSimdGemm();
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        boolean cpu = threads == 1;
        List<Double> gOld = new ArrayList<>(), gNew = new ArrayList<>();
        double flops = 2.0 * m * n * k * calls;
        for (int rep = 0; rep < reps; rep++) {
            long t0 = cpu ? bean.getCurrentThreadCpuTime() : System.nanoTime();
            for (int i = 0; i < calls; i++) old.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, cOld, 0, n);
            long t1 = cpu ? bean.getCurrentThreadCpuTime() : System.nanoTime();
            for (int i = 0; i < calls; i++) Gemm.sgemm(transA, transB, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, cNew, 0, n);
            long t2 = cpu ? bean.getCurrentThreadCpuTime() : System.nanoTime();
            if (rep >= 2) { // first rounds: JIT warm-up
                gOld.add(flops / (t1 - t0));
                gNew.add(flops / (t2 - t1));
            }
        }
        Collections.sort(gOld);
        Collections.sort(gNew);
        double bestOld = gOld.get(gOld.size() - 1), bestNew = gNew.get(gNew.size() - 1);
        double medOld = gOld.get(gOld.size() / 2), medNew = gNew.get(gNew.size() / 2);
        System.out.printf("%-18s %d thr  best old %5.1f new %5.1f ratio %.2f | median old %5.1f new %5.1f ratio %.2f%n",
                shape, threads, bestOld, bestNew, bestNew / bestOld, medOld, medNew, medNew / medOld);
    }
}
