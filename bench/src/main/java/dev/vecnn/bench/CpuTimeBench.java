package dev.vecnn.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.vecnn.kernels.Parallel;
import dev.vecnn.kernels.DropoutMasks;
import dev.vecnn.random.NumpyRandom;
import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * Wall time AND process CPU time of the random kernels, for machines shared with other work
 * (where JMH's wall-clock scores mostly measure the queue for a core). CPU time per element is
 * what the work costs; on an idle machine wall time with T threads approaches CPU time / T.
 * bench/dropout_numpy.py prints the same two figures for numpy.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.vecnn.bench.CpuTimeBench</pre>
 */
public final class CpuTimeBench {
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static final int INNER = 5;

    private CpuTimeBench() {}

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        NumpyRandom rng = new NumpyRandom(231);
        double[] d = new double[10_000_000];
        report("NumpyRandom.rand(10^7)", d.length, reps, () -> rng.rand(d, 0, d.length), "M doubles/s");
        report("NumpyRandom.randn(10^7)", d.length, reps, () -> rng.randn(d, 0, d.length), "M doubles/s");

        int n = 4096 * 4096;
        float[] x = new float[n];
        float[] dout = new float[n];
        float[] out = new float[n];
        float[] dx = new float[n];
        long[] bits = new long[DropoutMasks.bitsLength(n)];
        Random r = new Random(1);
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
            dout[i] = (float) r.nextGaussian();
        }
        long[] step = {0};
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            report("dropout 4096x4096 float fwd+bwd, bitmask, threads=" + threads, n, reps, () -> {
                step[0]++;
                DropoutMasks.forward(231, 0, step[0], 0.5, n, x, 0, out, 0, bits);
                DropoutMasks.backward(0.5, n, bits, dout, 0, dx, 0);
            }, "ns/element");
            report("dropout 4096x4096 float fwd+bwd, regenerate, threads=" + threads, n, reps, () -> {
                step[0]++;
                DropoutMasks.forward(231, 0, step[0], 0.5, n, x, 0, out, 0, null);
                DropoutMasks.backward(231, 0, step[0], 0.5, n, dout, 0, dx, 0);
            }, "ns/element");
            report("dropout 4096x4096 float backward from bitmask, threads=" + threads, n, reps,
                    () -> DropoutMasks.backward(0.5, n, bits, dout, 0, dx, 0), "ns/element");
        }
    }

    /**
     * Runs {@code body} reps times (each timing covers {@link #INNER} calls, because the process
     * CPU clock ticks in 10 ms steps) and prints the best wall and CPU time per element.
     */
    private static void report(String name, int elements, int reps, Runnable body, String unit) {
        double bestWall = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long c0 = OS.getProcessCpuTime();
            long w0 = System.nanoTime();
            for (int k = 0; k < INNER; k++) {
                body.run();
            }
            long w1 = System.nanoTime();
            long c1 = OS.getProcessCpuTime();
            bestWall = Math.min(bestWall, (w1 - w0) / (double) INNER);
            bestCpu = Math.min(bestCpu, (c1 - c0) / (double) INNER);
        }
        if (unit.startsWith("M")) {
            System.out.printf("%-62s wall %7.1f %s   cpu %7.1f %s%n", name,
                    elements / (bestWall / 1e3), unit, elements / (bestCpu / 1e3), unit);
        } else {
            System.out.printf("%-62s wall %7.3f %s   cpu %7.3f %s%n", name,
                    bestWall / elements, unit, bestCpu / elements, unit);
        }
    }
}
