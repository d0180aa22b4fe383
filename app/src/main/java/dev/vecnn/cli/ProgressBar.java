package dev.vecnn.cli;

import dev.vecnn.train.Progress;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A one-line progress bar for a terminal: {@code [=====>    ]  57/125  loss 2.134  12.3 it/s  ETA 0:03},
 * redrawn in place with a carriage return (at most every 100 ms). Text that must appear above
 * the bar (the notebook's log lines) goes through {@link #lineStream}: each complete line first
 * erases the bar, is printed, and the bar is drawn again beneath it. On a terminal the commands
 * give the bar and the log the same stream (stdout), so one writer orders both and a log line
 * never lands on the bar's line.
 *
 * <p>The clock is passed in ({@code System::nanoTime} in the command) so tests can drive it.
 */
final class ProgressBar implements Progress {
    private static final int WIDTH = 28;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream terminal;
    private final LongSupplier clock;
    private String label = "";
    private String unit = "it";
    private long total = 1;
    private long done;
    private double loss = Double.NaN;
    private long startNanos;
    /**
     * The rate is measured from the first completed step on ({@code markDone} steps at
     * {@code markNanos}; -1 before it), over the last {@link #WINDOW_NANOS} only: the first steps
     * carry the JIT's compilation (a run here went from 0.6 to 160 it/s in its first seconds), and
     * a rate that counted them promised a 5 s run would take a quarter of an hour.
     */
    private long markDone = -1;
    private long markNanos;
    private boolean positioned;
    /** (nanos, done) samples of the last {@link #WINDOW_NANOS}, oldest first. */
    private final java.util.ArrayDeque<long[]> samples = new java.util.ArrayDeque<>();
    /** Rate and ETA are shown once this much time has passed since the mark. */
    private static final long RATE_AFTER_NANOS = 1_000_000_000L;
    private static final long WINDOW_NANOS = 2_000_000_000L;
    private long lastDraw = Long.MIN_VALUE;
    private boolean visible;

    ProgressBar(PrintStream terminal, LongSupplier clock) {
        this.terminal = terminal;
        this.clock = clock;
    }

    /** Starts a new bar of {@code total} iterations. */
    @Override
    public synchronized void start(String label, long total) {
        start(label, total, "it");
    }

    /** Starts a new bar of {@code total} steps counted in {@code unit} (e.g. "it", "MiB"). */
    synchronized void start(String label, long total, String unit) {
        this.label = label;
        this.unit = unit;
        this.total = Math.max(1, total);
        this.done = 0;
        this.loss = Double.NaN;
        this.startNanos = clock.getAsLong();
        this.markDone = -1;
        this.positioned = false;
        this.samples.clear();
        this.lastDraw = Long.MIN_VALUE;
        draw();
    }

    /** Records that {@code done} steps are finished, the last with this loss (NaN: none). */
    @Override
    public synchronized void update(long done, double loss) {
        long now = clock.getAsLong();
        if (!positioned) {
            positioned = true; // the first call gives the position (0, or where a resumed run stands)
        } else if (markDone < 0 && done > this.done) { // the first step done from there
            markDone = done;
            markNanos = now;
            samples.clear();
            samples.add(new long[] {now, done});
        } else if (markDone >= 0 && (samples.isEmpty() || now - samples.peekLast()[0] >= 50_000_000L)) {
            samples.add(new long[] {now, done});
            while (samples.size() > 2 && now - samples.peekFirst()[0] > WINDOW_NANOS) {
                samples.pollFirst(); // keep one sample at least a window old
            }
        }
        this.done = done;
        this.loss = loss;
        if (done >= total || lastDraw == Long.MIN_VALUE || now - lastDraw >= REDRAW_NANOS) {
            draw();
        }
    }

    /** Moves the cursor past a visible bar (e.g. when the run failed or was stopped), so the next line starts fresh. */
    synchronized void endLine() {
        if (visible) {
            terminal.print('\n');
            terminal.flush();
            visible = false;
        }
    }

    /** Where the bar is: "1.00 dropout, iteration 57 of 125"; null before the first start. */
    synchronized String position() {
        return label.isEmpty() ? null : label + ", iteration " + done + " of " + total;
    }

    /** Draws the final state and moves to a fresh line. */
    @Override
    public synchronized void finish() {
        draw();
        terminal.print('\n');
        terminal.flush();
        visible = false;
    }

    synchronized boolean isVisible() {
        return visible;
    }

    /** The bar's current text (without the leading carriage return). */
    synchronized String render() {
        long now = clock.getAsLong();
        double frac = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(frac * WIDTH);
        StringBuilder bar = new StringBuilder(WIDTH + 2).append('[');
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '=' : (i == filled ? '>' : ' '));
        }
        bar.append(']');
        double seconds = (now - startNanos) / 1e9;
        long[] from = samples.isEmpty() ? null : samples.peekFirst();
        for (long[] sample : samples) { // the newest sample at least a window old, else the oldest
            if (now - sample[0] >= WINDOW_NANOS) {
                from = sample;
            }
        }
        boolean measured = markDone >= 0 && from != null && done > from[1] && now - markNanos >= RATE_AFTER_NANOS;
        double perSecond = measured ? (done - from[1]) / ((now - from[0]) / 1e9) : 0;
        String rate = measured ? String.format(Locale.ROOT, "%.1f %s/s", perSecond, unit) : "- " + unit + "/s";
        String eta = measured ? clockTime((total - done) / perSecond) : "-:--";
        String lossText = Double.isNaN(loss) ? "" : String.format(Locale.ROOT, "  loss %.4f", loss);
        int digits = Long.toString(total).length();
        return String.format(Locale.ROOT, "%s %s %" + digits + "d/%d%s  %s  %s %s", label, bar, done, total,
                lossText, rate, done >= total ? "took" : "ETA", done >= total ? clockTime(seconds) : eta);
    }

    /**
     * A stream for whole lines that must appear above the bar. Writes are buffered until a
     * newline; then the bar is erased, the line printed to {@code out}, and the bar redrawn.
     */
    PrintStream lineStream(PrintStream out) {
        Charset cs = Charset.defaultCharset();
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                line.write(b);
                if (b == '\n') {
                    emit();
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    write(b[i]);
                }
            }

            @Override
            public void flush() {
                out.flush();
            }

            private void emit() {
                synchronized (ProgressBar.this) {
                    boolean redraw = visible;
                    if (visible) {
                        terminal.print("\r\033[K");
                        terminal.flush();
                        visible = false;
                    }
                    out.print(line.toString(cs));
                    out.flush();
                    line.reset();
                    if (redraw) {
                        draw();
                    }
                }
            }
        }, true);
    }

    private void draw() {
        terminal.print("\r\033[K" + render());
        terminal.flush();
        visible = true;
        lastDraw = clock.getAsLong();
    }

    static String clockTime(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
