package dev.vecnn.bench;

import dev.vecnn.data.Cifar10;
import dev.vecnn.data.CifarSplits;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * One-shot benchmark of {@code Cifar10.load} with the default options (49000 / 1000 / 1000,
 * float32, mean subtracted): from the {@code .tar.gz} and from the extracted folder, best of N
 * runs each (wall time, and CPU time of the whole process: steadier on a shared machine), with the heap's peak use (sum of the heap pools' peaks after a GC before each run).
 * Not JMH: a load is one long operation, timed directly.
 *
 * <pre>
 * java -Xmx2g -cp bench/target/benchmarks.jar dev.vecnn.bench.CifarLoadBench ARCHIVE.tar.gz EXTRACTED_DIR [repeats]
 * </pre>
 */
public final class CifarLoadBench {
    private CifarLoadBench() {}

    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[0]);
        Path folder = Path.of(args[1]);
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        run("tar.gz", archive, repeats);
        run("folder", folder, repeats);
    }

    private static void run(String label, Path data, int repeats) throws Exception {
        double best = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        double first = 0;
        long peak = 0;
        for (int i = 0; i < repeats; i++) {
            System.gc();
            long base = heapUsed();
            resetPeaks();
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            CifarSplits s = Cifar10.load(data);
            double seconds = (System.nanoTime() - start) / 1e9;
            bestCpu = Math.min(bestCpu, (processCpuNanos() - cpuStart) / 1e9);
            if (s.train().count() != 49000) {
                throw new AssertionError("unexpected train count " + s.train().count());
            }
            if (i == 0) {
                first = seconds;
            }
            best = Math.min(best, seconds);
            peak = Math.max(peak, heapPeak() - base);
        }
        System.out.printf("vecnn  %-6s  first %.3f s  best %.3f s  (of %d)  best CPU %.3f s  peak heap above baseline %d MB%n",
                label, first, best, repeats, bestCpu, peak >> 20);
    }

    /** CPU time of the whole process (all threads, including GC), or 0 if not available. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                used += p.getUsage().getUsed();
            }
        }
        return used;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
