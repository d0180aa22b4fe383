package dev.vecnn.bench;

import dev.vecnn.infer.BatchingModel;
import dev.vecnn.infer.InferenceModel;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.kernels.VectorSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The full load test: 1 and THREADS calling threads × PER_THREAD predictions each on one shared
 * model of the seed net's shape (3072 → 500 → 10, float32): direct calls at batch 1 and batch
 * 100, and batch-1 calls through a batching front ({@code model.batching(MAX_BATCH, delay)}, which
 * gathers concurrent calls into one forward pass). Every score is compared bit for bit with the
 * same example's scores computed single-threaded beforehand (the threads walk a pool of distinct
 * examples from different starting points). Prints throughput (predictions/s, wall clock; and per
 * second of the process's CPU time, which on a shared machine says what idle cores would give)
 * and the bit-identity result; exits 1 on any mismatch.
 *
 * <pre>
 * mvn -q -f bench/pom.xml package
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.vecnn.bench.InferenceLoad [threads] [perThread] [delayMicros]
 * </pre>
 */
public final class InferenceLoad {
    static final int POOL = 1000;
    private static final int MAX_BATCH = 64;

    private InferenceLoad() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int perThread = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        java.time.Duration delay = java.time.Duration.ofNanos(1000L * (args.length > 2 ? Long.parseLong(args[2]) : 0));
        InferenceModel model = InferenceNets.seedShape(231);
        int in = InferenceNets.INPUT;
        int classes = InferenceNets.CLASSES;
        int maxBatch = 100;
        float[] pool = InferenceNets.gaussian(new Random(1), (POOL + maxBatch) * in, 1f);
        System.out.printf("kernels: %s, library threads: %d, cores: %d, %s%n", VectorSupport.describe(),
                Parallel.threads(), Runtime.getRuntime().availableProcessors(), model);

        float[] expected = new float[(POOL + maxBatch) * classes];
        long t0 = System.nanoTime();
        for (int e = 0; e < POOL + maxBatch; e++) {
            model.scores(pool, e * in, 1, expected, e * classes);
        }
        double refSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("single-threaded reference: %d predictions, %.0f predictions/s%n",
                POOL + maxBatch, (POOL + maxBatch) / refSeconds);

        boolean allOk = true;
        try (BatchingModel batching = model.batching(MAX_BATCH, delay)) {
            for (int callers : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
                for (String form : new String[] {"direct 1", "batching 1", "direct 100"}) {
                    String mode = form.split(" ")[0];
                    int batch = Integer.parseInt(form.split(" ")[1]);
                    boolean front = mode.equals("batching");
                    {
                        for (int round = 0; round < 2; round++) { // round 0 warms up the JIT
                            int per = round == 0 ? Math.min(perThread, 1000) : perThread;
                            long[] mismatches = new long[1];
                            long before = batching.batches();
                            long cpu0 = processCpuNanos();
                            double seconds = run(model, front ? batching : null, pool, expected, callers, per, batch,
                                    mismatches);
                            if (round == 1) {
                                long total = (long) callers * (per / batch) * batch;
                                String rows = front ? String.format(" (%.1f rows per forward pass)",
                                        total / (double) (batching.batches() - before)) : "";
                                double cpu = (processCpuNanos() - cpu0) / 1e9;
                                System.out.printf("%-8s batch %3d: %d callers x %d predictions: %.2f s, %.0f "
                                        + "predictions/s (%.0f per process CPU-second)%s, bit-identical to "
                                        + "single-threaded: %s%n", mode, batch,
                                        callers, per, seconds, total / seconds, total / cpu, rows,
                                        mismatches[0] == 0 ? "yes" : "NO (" + mismatches[0] + " scores differ)");
                            }
                            allOk &= mismatches[0] == 0;
                        }
                    }
                }
            }
        }
        System.exit(allOk ? 0 : 1);
    }

    /** CPU time of the whole process (all threads), or 0 where the JVM does not report it. */
    static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean b ? b.getProcessCpuTime() : 0;
    }

    static double run(InferenceModel model, BatchingModel batching, float[] pool, float[] expected, int threads,
                              int perThread, int batch, long[] mismatches) throws Exception {
        int in = InferenceNets.INPUT;
        int classes = InferenceNets.CLASSES;
        int calls = perThread / batch;
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        ExecutorService exec = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(exec.submit(() -> {
                    float[] scores = new float[batch * classes];
                    float[] x = new float[in];
                    long bad = 0;
                    start.await();
                    for (int c = 0; c < calls; c++) {
                        int first = (thread * 131 + c * 17) % POOL;
                        if (batching != null) {
                            System.arraycopy(pool, first * in, x, 0, in);
                            batching.scores(x, scores);
                        } else {
                            model.scores(pool, first * in, batch, scores, 0);
                        }
                        for (int i = 0; i < batch * classes; i++) {
                            if (Float.floatToRawIntBits(scores[i])
                                    != Float.floatToRawIntBits(expected[first * classes + i])) {
                                bad++;
                            }
                        }
                    }
                    return bad;
                }));
            }
            start.await();
            long t0 = System.nanoTime();
            long bad = 0;
            for (Future<Long> f : results) {
                bad += f.get();
            }
            mismatches[0] = bad;
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            exec.shutdownNow();
        }
    }
}
