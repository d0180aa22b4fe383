package dev.vecnn.bench;

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
 * The full load test: THREADS threads × PER_THREAD predictions each on one shared model of the
 * seed net's shape (3072 → 500 → 10, float32), at batch 1 and batch 100. Every score is compared
 * bit for bit with the same example's scores computed single-threaded beforehand (the threads
 * walk a pool of distinct examples from different starting points). Prints throughput
 * (predictions/s) and the bit-identity result; exits 1 on any mismatch.
 *
 * <pre>
 * mvn -q -f bench/pom.xml package
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.vecnn.bench.InferenceLoad [threads] [perThread]
 * </pre>
 */
public final class InferenceLoad {
    private static final int POOL = 1000;

    private InferenceLoad() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int perThread = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
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
        for (int batch : new int[] {1, 100}) {
            for (int round = 0; round < 2; round++) { // round 0 warms up the JIT
                int per = round == 0 ? Math.min(perThread, 1000) : perThread;
                long[] mismatches = new long[1];
                double seconds = run(model, pool, expected, threads, per, batch, mismatches);
                if (round == 1) {
                    long total = (long) threads * (per / batch) * batch;
                    System.out.printf("batch %3d: %d threads x %d predictions: %.2f s, %.0f predictions/s, "
                            + "bit-identical to single-threaded: %s%n", batch, threads, per, seconds,
                            total / seconds, mismatches[0] == 0 ? "yes" : "NO (" + mismatches[0] + " scores differ)");
                }
                allOk &= mismatches[0] == 0;
            }
        }
        System.exit(allOk ? 0 : 1);
    }

    private static double run(InferenceModel model, float[] pool, float[] expected, int threads,
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
                    long bad = 0;
                    start.await();
                    for (int c = 0; c < calls; c++) {
                        int first = (thread * 131 + c * 17) % POOL;
                        model.scores(pool, first * in, batch, scores, 0);
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
