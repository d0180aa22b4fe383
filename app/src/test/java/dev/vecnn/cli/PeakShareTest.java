package dev.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PeakShareTest {
    /**
     * A peak below the run's own rate per CPU-second cannot be one core's peak (the probe timed its
     * loop uncompiled: seen once, 3 GFLOP/s against the run's 64.6): no share above 100% is
     * reported, and summary.json says why.
     */
    @Test
    void aPeakBelowTheRunsOwnRateIsDroppedAndSummaryJsonSaysWhy() {
        PeakShare low = new PeakShare(new dev.vecnn.cli.bench.PeakProbe.Peak(3.0, "float32", 8, 0.4), null);
        PeakShare checked = low.plausible(64.6);
        assertThat(checked.peak()).isNull();
        assertThat(checked.skipped()).isFalse();
        assertThat(checked.problem()).contains("3.0 GFLOP/s per core").contains("64.6 GFLOP per CPU-second");
        assertThat(checked.text(64.6)).isEmpty();
        assertThat(ExperimentCommand.arithmetic(394.7, 6.11, 3.10, checked).get("peak_share"))
                .isEqualTo("not measured: " + checked.problem() + " (`vecnn bench` measures the peak)");

        PeakShare real = new PeakShare(new dev.vecnn.cli.bench.PeakProbe.Peak(115.0, "float32", 8, 0.2), null);
        assertThat(real.plausible(64.6)).isSameAs(real);
        assertThat(real.text(64.6)).isEqualTo(", 56% of one core's FMA peak (115 GFLOP/s)");
        assertThat((double) ExperimentCommand.arithmetic(394.7, 6.11, 3.10, real).get("peak_share"))
                .isEqualTo(394.7 / 6.11 / 115.0);
    }

    /** A run too short for the process's CPU clock has no rate: no share, and no line on standard error. */
    @Test
    void aRunWithoutAMeasurableRateGetsNoShareAndNoComplaint() {
        PeakShare measured = new PeakShare(new dev.vecnn.cli.bench.PeakProbe.Peak(220.0, "float32", 16, 0.2), null);
        PeakShare checked = measured.plausible(Double.POSITIVE_INFINITY);
        assertThat(checked.peak()).isNull();
        assertThat(checked.skipped()).isTrue();
        assertThat(checked.text(Double.POSITIVE_INFINITY)).isEmpty();
    }

    @Test
    void switchedOffByThePropertyIsSkippedNotAFailure() {
        String before = System.getProperty("vecnn.peakProbe");
        System.setProperty("vecnn.peakProbe", "false");
        try {
            PeakShare off = PeakShare.measure(false);
            assertThat(off.peak()).isNull();
            assertThat(off.skipped()).isTrue();
            assertThat(off.toMap(50.0).get("peak_share")).asString().startsWith("not measured: skipped");
        } finally {
            if (before == null) System.clearProperty("vecnn.peakProbe");
            else System.setProperty("vecnn.peakProbe", before);
        }
    }
}
