package dev.vecnn.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The same trials without Spark: a plain pool of {@code threads} threads in this JVM, each trial
 * on one thread. The yardstick for the Spark sweep's overhead and the reference its tests
 * compare against (with one thread it is a plain loop).
 */
public final class LocalSweep {
    private LocalSweep() {}

    /** Runs trials {@code indices} of {@code sweep}; results in the order of {@code indices}. */
    public static List<TrialResult> run(SweepDefinition sweep, List<Integer> indices, int threads) throws Exception {
        SweepData data = SweepData.cached(sweep);
        if (threads == 1) {
            List<TrialResult> out = new ArrayList<>();
            for (int i : indices) {
                out.add(sweep.trial(i).train(data, null));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<TrialResult>> futures = new ArrayList<>();
            for (int i : indices) {
                futures.add(pool.submit(() -> sweep.trial(i).train(data, null)));
            }
            List<TrialResult> out = new ArrayList<>();
            for (Future<TrialResult> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
