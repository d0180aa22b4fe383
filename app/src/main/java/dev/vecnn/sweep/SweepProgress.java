package dev.vecnn.sweep;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The driver's progress line: trials done of the total, the best validation accuracy so far and
 * its trial, elapsed time and ETA (from the trials finished in this run: a resumed sweep does not
 * count the old ones as fast). On a terminal the line is redrawn in place; otherwise one line per
 * finished trial. The clock is passed in so tests can drive it.
 */
public final class SweepProgress {
    private final PrintStream out;
    private final LongSupplier clock;
    private final boolean redraw;
    private final int total;
    private final int alreadyDone;
    private final long start;
    private int done;
    private boolean drawn;

    public SweepProgress(PrintStream out, LongSupplier clock, boolean redraw, int total, int alreadyDone) {
        this.out = out;
        this.clock = clock;
        this.redraw = redraw;
        this.total = total;
        this.alreadyDone = alreadyDone;
        this.done = alreadyDone;
        this.start = clock.getAsLong();
    }

    /** One more trial finished; {@code best} is the best so far (null: none yet). */
    public synchronized void trialDone(TrialResult finished, TrialResult best) {
        done++;
        String line = line(finished, best);
        if (redraw) {
            out.print("\r" + line + "\033[K");
            drawn = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the redrawn line (a newline), if any. */
    public synchronized void finish() {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }

    synchronized String line(TrialResult finished, TrialResult best) {
        double elapsed = (clock.getAsLong() - start) / 1e9;
        int thisRun = done - alreadyDone;
        double eta = thisRun == 0 ? Double.NaN : elapsed / thisRun * (total - done);
        String last = finished == null ? "" : String.format(Locale.ROOT, "  trial %d: %s", finished.config().index(),
                finished.diverged() ? "diverged" : String.format(Locale.ROOT, "%.4f", finished.bestValAcc()));
        String bestText = best == null ? "-" : String.format(Locale.ROOT, "%.4f (trial %d)", best.bestValAcc(), best.config().index());
        return String.format(Locale.ROOT, "sweep %d/%d trials  best val %s%s  %s elapsed  ETA %s", done, total, bestText, last,
                clock(elapsed), Double.isNaN(eta) ? "-" : clock(eta));
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
