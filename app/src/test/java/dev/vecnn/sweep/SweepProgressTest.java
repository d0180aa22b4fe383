package dev.vecnn.sweep;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SweepProgressTest {
    @Test
    void linesShowTrialsBestAndAnEtaFromThisRunsTrials() {
        long[] now = {0};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SearchSpace s = SearchSpace.of(Map.of(), null);
        SweepProgress p = new SweepProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), () -> now[0], false, 10, 2);
        TrialResult a = new TrialResult(s.trial(dev.vecnn.train.TrainSpec.NOTEBOOK, 0, 5), new double[0], new double[0], new double[0], 0.25, false, 1, null);
        now[0] = 30_000_000_000L;
        p.trialDone(a, a);
        now[0] = 60_000_000_000L;
        TrialResult b = new TrialResult(s.trial(dev.vecnn.train.TrainSpec.NOTEBOOK, 0, 3), new double[0], new double[0], new double[0], 0.125, false, 1, null);
        p.trialDone(b, a);
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        // 2 done before; 1 in 30 s, 7 left: ETA 3:30. Then 2 in 60 s, 6 left: 3:00.
        assertThat(lines[0]).isEqualTo("sweep 3/10 trials  best val 0.2500 (trial 5)  trial 5: 0.2500  0:30 elapsed  ETA 3:30");
        assertThat(lines[1]).isEqualTo("sweep 4/10 trials  best val 0.2500 (trial 5)  trial 3: 0.1250  1:00 elapsed  ETA 3:00");
        assertThat(SweepProgress.clock(3725)).isEqualTo("1:02:05");
    }
}
