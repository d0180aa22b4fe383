package dev.vecnn.spark;

import dev.vecnn.sweep.LocalSweep;
import dev.vecnn.sweep.SearchSpace;
import dev.vecnn.sweep.SweepData;
import dev.vecnn.sweep.SweepDefinition;
import dev.vecnn.sweep.TrialResult;
import dev.vecnn.train.CifarSubset;
import dev.vecnn.train.TrainSpec;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Measures the sweep's overhead in one JVM and one session: the same trials run by a plain thread
 * pool of N threads, on Spark local[N] (start-up, job and stop included) and on local[1], in
 * alternating order, best of {@code repeats}. The data is loaded once before any timing (every
 * way reads it once per JVM). Checks that every way gives the same numbers. Usage:
 * {@code SweepTiming DATA NUM_TRAIN EPOCHS TRIALS REPEATS [THREADS]}.
 */
public final class SweepTiming {
    private SweepTiming() {}

    public static void main(String[] args) throws Exception {
        String data = args[0];
        int numTrain = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        int trials = Integer.parseInt(args[3]);
        int repeats = Integer.parseInt(args[4]);
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        SearchSpace space = SearchSpace.of(Map.of("lr", "1e-4..1e-2:log", "weight-scale", "1e-3..1e-1:log", "keep-p", "0.5,1"), null);
        TrainSpec base = TrainSpec.NOTEBOOK.toBuilder().epochs(epochs).lrDecay(0.95).build();
        SweepDefinition sweep = new SweepDefinition(space, base, data, new CifarSubset(49000, numTrain, 1000), 0);
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            indices.add(i);
        }
        long t = System.nanoTime();
        SweepData.cached(sweep);
        System.out.printf(Locale.ROOT, "data loaded once: %.2f s%n", (System.nanoTime() - t) / 1e9);
        double bestPool = Double.MAX_VALUE;
        double bestSpark = Double.MAX_VALUE;
        double bestSpark1 = Double.MAX_VALUE;
        List<TrialResult> reference = null;
        for (int r = 0; r < repeats; r++) {
            t = System.nanoTime();
            double cpu0 = cpuSeconds();
            List<TrialResult> pool = LocalSweep.run(sweep, indices, threads);
            double poolSeconds = (System.nanoTime() - t) / 1e9;
            double poolCpu = cpuSeconds() - cpu0;
            bestPool = Math.min(bestPool, poolSeconds);
            cpu0 = cpuSeconds();
            double sparkSeconds = spark("local[" + threads + "]", sweep, indices, pool);
            double sparkCpu = cpuSeconds() - cpu0;
            bestSpark = Math.min(bestSpark, sparkSeconds);
            cpu0 = cpuSeconds();
            double spark1Seconds = spark("local[1]", sweep, indices, pool);
            double spark1Cpu = cpuSeconds() - cpu0;
            bestSpark1 = Math.min(bestSpark1, spark1Seconds);
            System.out.printf(Locale.ROOT, "round %d: pool of %d threads %.2f s (cpu %.1f s), Spark local[%d] %.2f s (cpu %.1f s), "
                    + "Spark local[1] %.2f s (cpu %.1f s)%n", r + 1, threads, poolSeconds, poolCpu, threads, sparkSeconds, sparkCpu,
                    spark1Seconds, spark1Cpu);
            reference = pool;
        }
        System.out.printf(Locale.ROOT, "best of %d: pool %.2f s, local[%d] %.2f s (%.2fx the pool), local[1] %.2f s "
                        + "(local[%d] speed-up over local[1]: %.2fx); %d trials, same numbers everywhere: %s%n",
                repeats, bestPool, threads, bestSpark, bestSpark / bestPool, bestSpark1, threads, bestSpark1 / bestSpark, trials,
                reference != null);
    }

    /** CPU seconds this process has used (all threads), or NaN where the JVM does not say. */
    private static double cpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** Starts Spark, runs the trials, stops it; checks the numbers against {@code reference}; returns the seconds. */
    private static double spark(String master, SweepDefinition sweep, List<Integer> indices, List<TrialResult> reference) {
        long t = System.nanoTime();
        Map<Integer, TrialResult> got = new TreeMap<>();
        try (JavaSparkContext sc = new JavaSparkContext(SweepMain.conf(master))) {
            sc.setLogLevel("ERROR");
            SparkSweep.run(sc, sweep, indices, r -> got.put(r.config().index(), r.withoutModel()));
        }
        double seconds = (System.nanoTime() - t) / 1e9;
        for (TrialResult r : reference) {
            if (!got.get(r.config().index()).sameNumbers(r)) {
                throw new IllegalStateException("trial " + r.config().index() + " differs on " + master);
            }
        }
        return seconds;
    }
}
