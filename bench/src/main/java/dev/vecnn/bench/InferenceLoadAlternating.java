package dev.vecnn.bench;

import dev.vecnn.infer.BatchingModel;
import dev.vecnn.infer.InferenceModel;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.kernels.VectorSupport;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/**
 * {@link InferenceLoad}'s batching ÷ direct ratio at batch 1, measured in short alternating windows
 * in one JVM: THREADS callers × PER_WINDOW predictions through the batching front
 * ({@code batching(64, 0)}), then the same directly, WINDOWS times (after one warm-up pair). On a
 * shared machine the load drifts within seconds; a ratio of two neighbouring windows is steadier
 * than one of two phases 5 s apart. Prints every pair (wall rate and rate per process CPU-second)
 * and the median, lowest and highest ratio; every score is compared bit for bit with
 * single-threaded results (exit 1 on a mismatch).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.vecnn.bench.InferenceLoadAlternating [threads] [perWindow] [windows]
 * </pre>
 */
public final class InferenceLoadAlternating {
    private InferenceLoadAlternating() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int perWindow = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        int windows = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        InferenceModel model = InferenceNets.seedShape(231);
        int in = InferenceNets.INPUT;
        int classes = InferenceNets.CLASSES;
        int examples = InferenceLoad.POOL + 100;
        float[] pool = InferenceNets.gaussian(new Random(1), examples * in, 1f);
        float[] expected = new float[examples * classes];
        for (int e = 0; e < examples; e++) {
            model.scores(pool, e * in, 1, expected, e * classes);
        }
        System.out.printf("kernels: %s, library threads: %d, cores: %d, %d callers x %d predictions per window%n",
                VectorSupport.describe(), Parallel.threads(), Runtime.getRuntime().availableProcessors(), threads,
                perWindow);
        int cores = Runtime.getRuntime().availableProcessors();
        double[] wallRatios = new double[windows];
        double[] cpuRatios = new double[windows];
        long bad = 0;
        try (BatchingModel batching = model.batching(64, Duration.ZERO)) {
            for (int w = -1; w < windows; w++) { // window -1 warms up
                double[] wall = new double[2];
                double[] perCpu = new double[2];
                double[] idle = new double[2];
                long batchesBefore = batching.batches();
                for (int form = 0; form < 2; form++) {
                    long[] mismatches = new long[1];
                    long cpu0 = InferenceLoad.processCpuNanos();
                    long[] stat0 = machineTicks();
                    double seconds = InferenceLoad.run(model, form == 0 ? batching : null, pool, expected, threads,
                            perWindow, 1, mismatches);
                    double cpu = (InferenceLoad.processCpuNanos() - cpu0) / 1e9;
                    long[] stat1 = machineTicks();
                    idle[form] = stat1[1] > stat0[1] ? (stat1[0] - stat0[0]) * (double) cores / (stat1[1] - stat0[1]) : 0;
                    long total = (long) threads * perWindow;
                    wall[form] = total / seconds;
                    perCpu[form] = total / cpu;
                    bad += mismatches[0];
                }
                if (w >= 0) {
                    wallRatios[w] = wall[0] / wall[1];
                    cpuRatios[w] = perCpu[0] / perCpu[1];
                    System.out.printf("window %d: batching %.0f /s (%.0f per CPU-s, %.1f rows per pass, %.2f CPUs "
                            + "used, %.2f idle), direct %.0f /s (%.0f, %.2f used, %.2f idle), ratio %.2f (%.2f)%n", w,
                            wall[0], perCpu[0], (double) threads * perWindow / (batching.batches() - batchesBefore),
                            wall[0] / perCpu[0], idle[0], wall[1], perCpu[1], wall[1] / perCpu[1], idle[1],
                            wallRatios[w], cpuRatios[w]);
                }
            }
        }
        Arrays.sort(wallRatios);
        Arrays.sort(cpuRatios);
        System.out.printf("batching / direct, wall: median %.2f, range %.2f - %.2f; per CPU-second: median %.2f, "
                + "range %.2f - %.2f; bit-identical to single-threaded: %s%n", median(wallRatios), wallRatios[0],
                wallRatios[windows - 1], median(cpuRatios), cpuRatios[0], cpuRatios[windows - 1],
                bad == 0 ? "yes" : "NO (" + bad + " scores differ)");
        System.exit(bad == 0 ? 0 : 1);
    }

    /**
     * The machine's idle ticks (idle + iowait) and all ticks, summed over CPUs, from /proc/stat
     * (zeros where there is none): the idle share says whether the cores went unused or other
     * processes had them.
     */
    private static long[] machineTicks() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long all = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                all += Long.parseLong(f[i]);
            }
            return new long[] {Long.parseLong(f[4]) + Long.parseLong(f[5]), all};
        } catch (java.io.IOException | RuntimeException e) {
            return new long[2];
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
