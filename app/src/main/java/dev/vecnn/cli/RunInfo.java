package dev.vecnn.cli;

import dev.vecnn.kernels.Parallel;
import dev.vecnn.kernels.VectorSupport;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The parts of a JSON summary that describe the machine: kernels, threads, JDK, JVM start-up. */
final class RunInfo {
    private RunInfo() {}

    static Map<String, Object> kernels() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", VectorSupport.describe());
        m.put("simd", VectorSupport.simdEnabled());
        m.put("vector_bits", VectorSupport.vectorBits());
        m.put("float_lanes", VectorSupport.floatLanes());
        m.put("double_lanes", VectorSupport.doubleLanes());
        m.put("threads", Parallel.threads());
        return m;
    }

    static Map<String, Object> jdk() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", Runtime.version().toString());
        m.put("vm", System.getProperty("java.vm.name"));
        m.put("vendor", System.getProperty("java.vendor"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        return m;
    }

    /** Seconds from the JVM's start (not its process's: see below) to now, or NaN when the JVM does not say. */
    static double secondsSinceJvmStart() {
        // The JVM's own start, not the process's: the launcher script exec's java in its own
        // process, so the process started before any Maven build the script ran first.
        long startMillis = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        return startMillis <= 0 ? Double.NaN
                : Duration.between(Instant.ofEpochMilli(startMillis), Instant.now()).toNanos() / 1e9;
    }

    /**
     * CPU time of the whole process (all threads) in seconds, or NaN where the JVM does not say:
     * on a busy machine a fairer measure of work than wall time.
     */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            long ns = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
            return ns < 0 ? Double.NaN : ns / 1e9;
        }
        return Double.NaN;
    }

    /** A keep probability as Python prints the notebook's list [1, 0.25]: "1", "0.25". */
    static String pythonNumber(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return dev.vecnn.solver.PyFormat.repr(d);
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.2f s", s);
    }
}
