package dev.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bar is driven by a fake clock: no test here reads the real one. */
class ProgressBarTest {
    private final AtomicLong now = new AtomicLong();
    private final ByteArrayOutputStream termBytes = new ByteArrayOutputStream();
    private final PrintStream term = new PrintStream(termBytes, true, StandardCharsets.UTF_8);

    @Test
    void showsIterationLossRateAndEta() {
        ProgressBar bar = new ProgressBar(term, now::get);
        bar.start("1.00 dropout", 125);
        bar.update(0, Double.NaN); // the trainer positions the bar
        now.set(1_000_000_000L); // the first step: JIT compilation and the first accuracy check
        bar.update(1, 2.4);
        assertThat(bar.render()).endsWith("  - it/s  ETA -:--"); // no rate from one slow step
        now.set(3_000_000_000L); // then 2 s for 24 iterations -> 12 it/s, 100 left -> 8.3 s
        bar.update(25, 2.302585);
        assertThat(bar.render()).isEqualTo("1.00 dropout [======>                     ]  25/125  loss 2.3026  12.0 it/s  ETA 0:08");
        now.set(10_000_000_000L);
        bar.update(125, 0.5);
        assertThat(bar.render()).contains("[============================] 125/125").endsWith("took 0:10");
    }

    /** Issue 21: the first frame said "1.0 it/s ETA 0:57" for a 3 s run (the first step's time extrapolated). */
    @Test
    void aResumedRunsRateCountsOnlyTheStepsOfThisRun() {
        ProgressBar bar = new ProgressBar(term, now::get);
        bar.start("run", 1000);
        bar.update(600, Double.NaN); // resumed at 600: a position, not 600 steps in no time
        now.set(500_000_000L);
        bar.update(601, 1.0);
        now.set(1_500_000_000L);
        bar.update(701, 1.0); // 100 steps in 1 s after the first
        assertThat(bar.render()).endsWith(" 701/1000  loss 1.0000  100.0 it/s  ETA 0:03");
    }

    @Test
    void redrawsAtMostEveryTenthOfASecondButAlwaysAtTheEnd() {
        ProgressBar bar = new ProgressBar(term, now::get);
        bar.start("x", 10);
        int drawsAfterStart = count(termBytes.toString(StandardCharsets.UTF_8), "\r");
        bar.update(1, 1.0);  // same instant as start: skipped
        bar.update(2, 1.0);
        assertThat(count(termBytes.toString(StandardCharsets.UTF_8), "\r")).isEqualTo(drawsAfterStart);
        now.addAndGet(150_000_000L);
        bar.update(3, 1.0);
        assertThat(count(termBytes.toString(StandardCharsets.UTF_8), "\r")).isEqualTo(drawsAfterStart + 1);
        bar.update(10, 1.0); // last step: drawn although only 0 ns passed
        assertThat(count(termBytes.toString(StandardCharsets.UTF_8), "\r")).isEqualTo(drawsAfterStart + 2);
    }

    @Test
    void logLinesAreWrittenAboveTheBarWhichIsRedrawnBeneath() {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar(term, now::get);
        PrintStream log = bar.lineStream(out);
        bar.start("run", 4);
        termBytes.reset();
        log.print("(Iteration 1 / 4) ");
        assertThat(outBytes.size()).isZero(); // held until the line is complete
        log.println("loss: 2.302585");
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).isEqualTo("(Iteration 1 / 4) loss: 2.302585" + System.lineSeparator());
        String t = termBytes.toString(StandardCharsets.UTF_8);
        assertThat(t).startsWith("\r\033[K"); // bar erased first
        assertThat(t.substring(4)).startsWith("\r\033[Krun ["); // then drawn again
        bar.finish();
        assertThat(termBytes.toString(StandardCharsets.UTF_8)).endsWith("\n");
    }

    @Test
    void clockTimeFormatsMinutesAndHours() {
        assertThat(ProgressBar.clockTime(0.4)).isEqualTo("0:00");
        assertThat(ProgressBar.clockTime(61)).isEqualTo("1:01");
        assertThat(ProgressBar.clockTime(3725)).isEqualTo("1:02:05");
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
