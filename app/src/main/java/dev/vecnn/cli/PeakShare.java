package dev.vecnn.cli;

import dev.vecnn.cli.bench.PeakProbe;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.FutureTask;

/**
 * A run's rate as a share of one core's FMA peak, for {@code vecnn experiment}'s timing line and
 * summary.json: the peak {@link PeakProbe} measured after the runs, or why there is none (exactly
 * one of {@code peak} and {@code problem} is null).
 */
record PeakShare(PeakProbe.Peak peak, String problem) {
    /** Starts measuring the peak (float64 when {@code doubles}) on a daemon thread; {@link FutureTask#get} waits for it. */
    static FutureTask<PeakShare> startProbe(boolean doubles) {
        FutureTask<PeakShare> probe = new FutureTask<>(() -> measure(doubles));
        Thread thread = new Thread(probe, "vecnn-peak");
        thread.setDaemon(true);
        thread.start();
        return probe;
    }

    /** The peak, or the reason there is none: skipped by {@code -Dvecnn.peakProbe=false}, or the probe's failure. */
    static PeakShare measure(boolean doubles) {
        if ("false".equals(System.getProperty("vecnn.peakProbe"))) {
            return new PeakShare(null, "skipped (-Dvecnn.peakProbe=false)");
        }
        try {
            return new PeakShare(PeakProbe.measure(doubles), null);
        } catch (RuntimeException e) {
            return new PeakShare(null, "the probe failed: " + e.getMessage());
        }
    }

    /** Whether the probe was switched off or had no rate to compare with (not a failure worth a line on standard error). */
    boolean skipped() {
        return peak == null && problem.startsWith("skipped");
    }

    /**
     * This, if its peak can be one: a run cannot do more arithmetic per CPU-second than one core's
     * peak, so a probe that read less than the run's own {@code gflopPerCpuSecond} timed its loop
     * uncompiled (or badly disturbed) and its figure is dropped, saying so.
     */
    PeakShare plausible(double gflopPerCpuSecond) {
        if (peak != null && !Double.isFinite(gflopPerCpuSecond)) {
            // a tiny run: the process's CPU clock advanced by nothing measurable, so no rate to share
            return new PeakShare(null, "skipped: the run's CPU time was too short to give a rate");
        }
        if (peak == null || peak.gflopPerCpuSecond() >= gflopPerCpuSecond) return this;
        return new PeakShare(null, String.format(Locale.ROOT, "the probe read %.1f GFLOP/s per core, less than the "
                + "run's own %.1f GFLOP per CPU-second, so it did not time its loop compiled; no share is reported",
                peak.gflopPerCpuSecond(), gflopPerCpuSecond));
    }

    /** ", 58% of one core's FMA peak (112 GFLOP/s)" for the timing line; empty without a peak. */
    String text(double gflopPerCpuSecond) {
        if (peak == null) return "";
        return String.format(Locale.ROOT, ", %.0f%% of one core's FMA peak (%.0f GFLOP/s)",
                100 * gflopPerCpuSecond / peak.gflopPerCpuSecond(), peak.gflopPerCpuSecond());
    }

    /** summary.json's fields for it: {@code fma_peak_one_core} and {@code peak_share}, or why not measured. */
    Map<String, Object> toMap(double gflopPerCpuSecond) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (peak == null) {
            m.put("peak_share", "not measured: " + problem + " (`vecnn bench` measures the peak)");
            return m;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("gflop_per_cpu_second", peak.gflopPerCpuSecond());
        p.put("precision", peak.precision());
        p.put("lanes", peak.lanes());
        p.put("measured", "after the runs, on one thread, by its CPU clock: the register-only FMA loop of `vecnn bench` "
                + "(12 independent multiply-add chains, no memory access), best of ten 2 ms batches once compiled");
        p.put("probe_seconds", peak.wallSeconds());
        m.put("fma_peak_one_core", p);
        m.put("peak_share", gflopPerCpuSecond / peak.gflopPerCpuSecond());
        m.put("peak_share_note", "gflop_per_cpu_second over one core's FMA peak: the share of the arithmetic the cores "
                + "could have done that the matrix products used (packing, memory, the other layers and the JIT take the rest)");
        return m;
    }
}
