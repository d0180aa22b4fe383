package dev.vecnn.plot;

import dev.vecnn.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Line and marker charts drawn with Java2D and written as PNG (headless; no dependencies): a
 * figure is a column of panels, each with a title, axis labels, "nice" ticks, a light grid and a
 * legend, in matplotlib's default colours — enough to redraw the notebook's figures.
 */
public final class Plot {

    /** matplotlib's default colour cycle (tab10). */
    public static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf),
    };

    /** One data series: y against x, drawn as markers ('o'), a line, or both. */
    public static final class Series {
        final String label;
        final double[] x;
        final double[] y;
        final boolean markers;
        final boolean line;

        public Series(String label, double[] x, double[] y, boolean markers, boolean line) {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + label + "': x has " + x.length
                        + " values, y has " + y.length);
            }
            this.label = label;
            this.x = x;
            this.y = y;
            this.markers = markers;
            this.line = line;
        }

        /** y against 0, 1, 2, ... (what plt.plot(y) does). */
        public static Series indexed(String label, double[] y, boolean markers, boolean line) {
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            return new Series(label, x, y, markers, line);
        }
    }

    /** One panel: title, axis labels, series, optional log-scaled y axis. */
    public static final class Panel {
        final String title;
        final String xLabel;
        final String yLabel;
        final List<Series> series = new ArrayList<>();
        /** Legend in the upper right corner instead of matplotlib's 'lower right'. */
        boolean legendUpperRight;

        public Panel(String title, String xLabel, String yLabel) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
        }

        public Panel legendUpperRight() {
            legendUpperRight = true;
            return this;
        }

        public Panel add(Series s) {
            series.add(s);
            return this;
        }
    }

    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 44;
    private static final int BOTTOM = 60;

    private Plot() {}

    /** Draws the panels one above the other into an image {@code width} x ({@code panelHeight} x panels). */
    public static BufferedImage render(List<Panel> panels, int width, int panelHeight) {
        BufferedImage img = new BufferedImage(width, panelHeight * panels.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            for (int i = 0; i < panels.size(); i++) {
                drawPanel(g, panels.get(i), 0, i * panelHeight, width, panelHeight);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Renders and writes a PNG to {@code file} (through a temporary file and a rename). */
    public static void writePng(List<Panel> panels, int width, int panelHeight, Path file) throws IOException {
        BufferedImage img = render(panels, width, panelHeight);
        AtomicFiles.write(file, out -> Png.write(img, out));
    }

    private static void drawPanel(Graphics2D g, Panel p, int x0, int y0, int w, int h) {
        int left = x0 + LEFT;
        int top = y0 + TOP;
        int plotW = w - LEFT - RIGHT;
        int plotH = h - TOP - BOTTOM;

        double[] xr = range(p, true);
        double[] yr = range(p, false);
        double[] xt = ticks(xr[0], xr[1]);
        double[] yt = ticks(yr[0], yr[1]);
        // Axis limits: the data range with a 5% margin (as matplotlib), widened to whole ticks
        // only when the data is flat.
        double xmin = xr[0] - 0.05 * (xr[1] - xr[0]);
        double xmax = xr[1] + 0.05 * (xr[1] - xr[0]);
        double ymin = yr[0] - 0.05 * (yr[1] - yr[0]);
        double ymax = yr[1] + 0.05 * (yr[1] - yr[0]);

        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        Font titleFont = base.deriveFont(Font.PLAIN, 17f);
        g.setFont(base);
        FontMetrics fm = g.getFontMetrics();

        // grid and ticks
        g.setStroke(new BasicStroke(1f));
        for (double t : xt) {
            if (t < xmin || t > xmax) {
                continue;
            }
            double px = left + (t - xmin) / (xmax - xmin) * plotW;
            g.setColor(new Color(0xe6e6e6));
            g.draw(new Line2D.Double(px, top, px, top + plotH));
            g.setColor(Color.BLACK);
            g.draw(new Line2D.Double(px, top + plotH, px, top + plotH + 5));
            String s = label(t, xt);
            g.drawString(s, (float) (px - fm.stringWidth(s) / 2.0), top + plotH + 7 + fm.getAscent());
        }
        for (double t : yt) {
            if (t < ymin || t > ymax) {
                continue;
            }
            double py = top + plotH - (t - ymin) / (ymax - ymin) * plotH;
            g.setColor(new Color(0xe6e6e6));
            g.draw(new Line2D.Double(left, py, left + plotW, py));
            g.setColor(Color.BLACK);
            g.draw(new Line2D.Double(left - 5, py, left, py));
            String s = label(t, yt);
            g.drawString(s, left - 8 - fm.stringWidth(s), (float) (py + fm.getAscent() / 2.0 - 2));
        }

        // series
        java.awt.Shape oldClip = g.getClip();
        g.setClip(left, top, plotW + 1, plotH + 1);
        for (int si = 0; si < p.series.size(); si++) {
            Series s = p.series.get(si);
            g.setColor(COLORS[si % COLORS.length]);
            if (s.line) {
                g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                Path2D.Double path = new Path2D.Double();
                boolean started = false;
                for (int i = 0; i < s.x.length; i++) {
                    if (!Double.isFinite(s.y[i])) {
                        started = false;
                        continue;
                    }
                    double px = left + (s.x[i] - xmin) / (xmax - xmin) * plotW;
                    double py = top + plotH - (s.y[i] - ymin) / (ymax - ymin) * plotH;
                    if (started) {
                        path.lineTo(px, py);
                    } else {
                        path.moveTo(px, py);
                        started = true;
                    }
                }
                g.draw(path);
            }
            if (s.markers) {
                double r = s.x.length > 200 ? 2.0 : s.x.length > 60 ? 3.0 : 4.0;
                for (int i = 0; i < s.x.length; i++) {
                    if (!Double.isFinite(s.y[i])) {
                        continue;
                    }
                    double px = left + (s.x[i] - xmin) / (xmax - xmin) * plotW;
                    double py = top + plotH - (s.y[i] - ymin) / (ymax - ymin) * plotH;
                    g.fill(new Ellipse2D.Double(px - r, py - r, 2 * r, 2 * r));
                }
            }
        }
        g.setClip(oldClip);

        // frame, title, axis labels
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.2f));
        g.drawRect(left, top, plotW, plotH);
        g.setFont(titleFont);
        FontMetrics tfm = g.getFontMetrics();
        g.drawString(p.title, left + (plotW - tfm.stringWidth(p.title)) / 2f, top - 12);
        g.setFont(base);
        g.drawString(p.xLabel, left + (plotW - fm.stringWidth(p.xLabel)) / 2f, top + plotH + 44);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(p.yLabel, -(top + (plotH + fm.stringWidth(p.yLabel)) / 2f), (float) (x0 + 24));
        g.setTransform(saved);

        drawLegend(g, p, left, top, plotW, plotH);
    }

    /** Legend in the lower right corner, all entries on one row (matplotlib's ncol = #series). */
    private static void drawLegend(Graphics2D g, Panel p, int left, int top, int plotW, int plotH) {
        if (p.series.isEmpty()) {
            return;
        }
        FontMetrics fm = g.getFontMetrics();
        int sample = 26;
        int gap = 16;
        int pad = 8;
        int width = pad;
        for (Series s : p.series) {
            width += sample + 6 + fm.stringWidth(s.label) + gap;
        }
        width = width - gap + pad;
        int height = fm.getHeight() + 2 * pad - 4;
        int bx = left + plotW - width - 10;
        int by = p.legendUpperRight ? top + 10 : top + plotH - height - 10;
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRoundRect(bx, by, width, height, 8, 8);
        g.setColor(new Color(0xcccccc));
        g.setStroke(new BasicStroke(1f));
        g.drawRoundRect(bx, by, width, height, 8, 8);
        int x = bx + pad;
        int cy = by + height / 2;
        for (int si = 0; si < p.series.size(); si++) {
            Series s = p.series.get(si);
            g.setColor(COLORS[si % COLORS.length]);
            if (s.line) {
                g.setStroke(new BasicStroke(1.6f));
                g.draw(new Line2D.Double(x, cy, x + sample, cy));
            }
            if (s.markers) {
                g.fill(new Ellipse2D.Double(x + sample / 2.0 - 4, cy - 4, 8, 8));
            }
            g.setColor(Color.BLACK);
            g.drawString(s.label, x + sample + 6, cy + fm.getAscent() / 2f - 2);
            x += sample + 6 + fm.stringWidth(s.label) + gap;
        }
    }

    /** [min, max] of the finite x (or y) values of all series; a flat range is widened. */
    private static double[] range(Panel p, boolean xAxis) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : p.series) {
            for (int i = 0; i < s.x.length; i++) {
                double v = xAxis ? s.x[i] : s.y[i];
                if (Double.isFinite(v) && Double.isFinite(xAxis ? s.y[i] : s.x[i])) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            return new double[] {0, 1};
        }
        if (min == max) {
            double d = min == 0 ? 1 : Math.abs(min) * 0.1;
            return new double[] {min - d, max + d};
        }
        return new double[] {min, max};
    }

    /** Tick positions at 1, 2, 2.5 or 5 times a power of ten, about six across [lo, hi]. */
    static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / 6;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            step = m * mag;
            if (step >= raw) {
                break;
            }
        }
        double first = Math.ceil((lo - 0.05 * (hi - lo)) / step) * step;
        List<Double> out = new ArrayList<>();
        for (double t = first; t <= hi + 0.05 * (hi - lo) + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        double[] a = new double[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    /** Tick label with as many decimals as the tick spacing needs. */
    private static String label(double t, double[] all) {
        double step = all.length > 1 ? all[1] - all[0] : 1;
        int decimals = 0;
        while (decimals < 6 && Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-6) {
            decimals++;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", t);
    }
}
