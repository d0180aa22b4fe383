package dev.vecnn.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vecnn.kernels.internal.FmaLoop;
import org.junit.jupiter.api.Test;

class PeakProbeTest {
    /** The probe measures the loop the bench measures, at its lanes, in the precision asked for. */
    @Test
    void measuresTheBenchsFmaLoopInThePrecisionAskedFor() {
        FmaLoop loop = Machine.fmaLoop();
        PeakProbe.Peak f = PeakProbe.measure(false);
        PeakProbe.Peak d = PeakProbe.measure(true);
        assertThat(f.precision()).isEqualTo("float32");
        assertThat(f.lanes()).isEqualTo(loop.floatLanes());
        assertThat(d.precision()).isEqualTo("float64");
        assertThat(d.lanes()).isEqualTo(loop.doubleLanes());
        assertThat(f.gflopPerCpuSecond()).isPositive().isFinite();
        assertThat(d.gflopPerCpuSecond()).isPositive().isFinite();
        assertThat(f.wallSeconds()).isPositive();
    }
}
