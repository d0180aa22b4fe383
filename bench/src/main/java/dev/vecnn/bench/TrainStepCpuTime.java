package dev.vecnn.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.vecnn.kernels.Parallel;
import java.lang.management.ManagementFactory;

/**
 * {@link TrainStepBench}'s step (3072-500-10, batch 100, keep 0.25, numpy masks, Adam, float32)
 * timed per CPU-second of the whole process as well as by the wall clock, for a machine shared
 * with other work, where wall-clock figures mostly measure the queue for a core. The same
 * figure for numpy and PyTorch: the "CPU ms per step" of {@code bench/train_step_numpy.py} and
 * {@code bench/train_step_torch.py}.
 *
 * <p>Rounds of about one CPU-second each; the JIT's first seconds are skipped (the kernels run as
 * Java fallbacks until C2 has compiled them), the best round is reported.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.vecnn.bench.TrainStepCpuTime [threads] [rounds]</pre>
 */
public final class TrainStepCpuTime {
    private TrainStepCpuTime() {}

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 14;
        Parallel.setThreads(threads);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        TrainStepBench b = new TrainStepBench();
        b.masks = "NUMPY";
        b.normalization = "NONE";
        b.setup();
        double bestCpu = Double.MAX_VALUE, bestWall = Double.MAX_VALUE;
        for (int r = 0; r < rounds; r++) {
            long c0 = os.getProcessCpuTime(), w0 = System.nanoTime();
            int steps = 0;
            while (os.getProcessCpuTime() - c0 < 1e9) {
                b.step();
                steps++;
            }
            double cpu = (os.getProcessCpuTime() - c0) / 1e6 / steps, wall = (System.nanoTime() - w0) / 1e6 / steps;
            if (r >= rounds / 2) { // the second half: compiled code
                bestCpu = Math.min(bestCpu, cpu);
                bestWall = Math.min(bestWall, wall);
            }
        }
        System.out.printf("vecnn train step (3072-500-10, batch 100, keep 0.25, adam, %d threads): best round %.2f ms wall; CPU %.2f ms per step%n",
                threads, bestWall, bestCpu);
    }
}
