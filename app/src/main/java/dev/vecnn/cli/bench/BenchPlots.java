package dev.vecnn.cli.bench;

import dev.vecnn.io.AtomicFiles;
import dev.vecnn.plot.Plot;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The bench's two figures, in {@link Plot}'s style (white, light grid, matplotlib colours,
 * headless Java2D, written through {@link AtomicFiles}): the roofline (arithmetic intensity
 * against GFLOP/s, both axes logarithmic, the FMA peak and the triad bandwidth as ceilings, one
 * point per kernel) and the ladder (GFLOP/s per rung, logarithmic bars).
 */
public final class BenchPlots {
    private static final int W = 1000;
    private static final int H = 640;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private BenchPlots() {}

    /** One point of the roofline. */
    public record Point(String label, double intensity, double gflops, int colour) {}

    public static void roofline(String title, double peakGflops, double bandwidthGbps, List<Point> points, Path file) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(img);
        double xmin = 0.05, xmax = 500;
        double ymin = Math.max(0.01, Math.min(minOf(points) / 2, peakGflops / 1e3));
        double ymax = peakGflops * 2;
        Axes ax = new Axes(xmin, xmax, ymin, ymax);
        ax.frame(g, title, "arithmetic intensity (flop per byte of compulsory memory traffic)", "GFLOP/s");
        // ceilings: bandwidth slope up to the ridge, then the flat peak
        double ridge = peakGflops / bandwidthGbps;
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2.2f));
        g.draw(new Line2D.Double(ax.x(xmin), ax.y(xmin * bandwidthGbps), ax.x(ridge), ax.y(peakGflops)));
        g.draw(new Line2D.Double(ax.x(ridge), ax.y(peakGflops), ax.x(xmax), ax.y(peakGflops)));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics ceilingFont = g.getFontMetrics();
        List<Rectangle2D> placed = new java.util.ArrayList<>(); // what point labels must not cover
        String peakText = String.format(Locale.ROOT, "FMA peak %.0f GFLOP/s", peakGflops);
        double peakX = ax.x(ridge) + 8, peakY = ax.y(peakGflops) - 8;
        g.drawString(peakText, (float) peakX, (float) peakY);
        placed.add(new Rectangle2D.Double(peakX, peakY - ceilingFont.getAscent(), ceilingFont.stringWidth(peakText), ceilingFont.getHeight()));
        AffineTransform saved = g.getTransform();
        double angle = Math.atan2(ax.y(xmin * 10 * bandwidthGbps) - ax.y(xmin * bandwidthGbps), ax.x(xmin * 10) - ax.x(xmin));
        String triadText = String.format(Locale.ROOT, "triad %.1f GB/s", bandwidthGbps);
        double triadX = ax.x(xmin * 2), triadY = ax.y(xmin * 2 * bandwidthGbps) - 8;
        g.rotate(angle, triadX, triadY);
        g.drawString(triadText, (float) triadX, (float) triadY);
        g.setTransform(saved);
        // the slanted label's bounding box, so no point label is written over it
        double triadW = ceilingFont.stringWidth(triadText);
        double endX = triadX + triadW * Math.cos(angle), endY = triadY + triadW * Math.sin(angle);
        placed.add(new Rectangle2D.Double(Math.min(triadX, endX), Math.min(triadY, endY) - ceilingFont.getAscent(),
                Math.abs(endX - triadX), Math.abs(endY - triadY) + ceilingFont.getHeight()));
        FontMetrics fm = g.getFontMetrics();
        for (Point p : points) {
            if (!(p.gflops() > 0) || !(p.intensity() > 0)) {
                continue;
            }
            double px = ax.x(Math.max(xmin, Math.min(xmax, p.intensity())));
            double py = ax.y(p.gflops());
            g.setColor(Plot.COLORS[p.colour() % Plot.COLORS.length]);
            g.fill(new Ellipse2D.Double(px - 5, py - 5, 10, 10));
            // label right of the point (left of it near the right edge); when it would cover a label
            // already placed, the nearest free line above or below, joined to its point by a thin line
            double w = fm.stringWidth(p.label());
            boolean onLeft = px + w + 12 > W - RIGHT;
            double lx = onLeft ? px - 8 - w : px + 8;
            double y0 = py + 4 - fm.getAscent();
            Rectangle2D box = new Rectangle2D.Double(lx, y0, w, fm.getHeight());
            for (int step = 1; step <= 40 && placed.stream().anyMatch(box::intersects); step++) {
                int lines = (step + 1) / 2 * (step % 2 == 1 ? 1 : -1); // +1, -1, +2, -2, ...
                box.setRect(lx, y0 + lines * fm.getHeight(), w, fm.getHeight());
            }
            placed.add(box);
            g.setColor(Color.GRAY);
            if (box.getY() != y0) {
                g.setStroke(new BasicStroke(0.8f));
                g.draw(new Line2D.Double(px, py, onLeft ? box.getMaxX() + 2 : box.getX() - 2, box.getCenterY()));
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(p.label(), (float) box.getX(), (float) (box.getY() + fm.getAscent()));
        }
        legend(g, fm, new String[] {"vecnn GEMM", "numpy / torch GEMM", "element-wise (1 thread)", "training step"});
        write(img, g, file);
    }

    /** Colour legend in the lower right corner, one row per series colour. */
    private static void legend(Graphics2D g, FontMetrics fm, String[] labels) {
        int width = 0;
        for (String l : labels) {
            width = Math.max(width, fm.stringWidth(l));
        }
        int bx = W - RIGHT - width - 40, by = H - BOTTOM - labels.length * fm.getHeight() - 16;
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRoundRect(bx, by, width + 30, labels.length * fm.getHeight() + 10, 8, 8);
        g.setColor(new Color(0xcccccc));
        g.drawRoundRect(bx, by, width + 30, labels.length * fm.getHeight() + 10, 8, 8);
        for (int i = 0; i < labels.length; i++) {
            int cy = by + 5 + i * fm.getHeight() + fm.getHeight() / 2;
            g.setColor(Plot.COLORS[i]);
            g.fill(new Ellipse2D.Double(bx + 8, cy - 4, 8, 8));
            g.setColor(Color.BLACK);
            g.drawString(labels[i], bx + 22, cy + fm.getAscent() / 2f - 2);
        }
    }

    public static void ladder(String title, List<Row> rows, Path file) throws IOException {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(img);
        double ymin = Double.POSITIVE_INFINITY, ymax = 0;
        for (Row r : rows) {
            ymin = Math.min(ymin, r.gflops());
            ymax = Math.max(ymax, r.gflops());
        }
        Axes ax = new Axes(0, rows.size(), ymin / 3, ymax * 3);
        ax.logX = false;
        ax.frame(g, title, "", "GFLOP/s (log scale)");
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            double x0 = ax.x(i + 0.15), x1 = ax.x(i + 0.85);
            double y = ax.y(r.gflops());
            g.setColor(Plot.COLORS[i % Plot.COLORS.length]);
            g.fill(new Rectangle2D.Double(x0, y, x1 - x0, ax.y(ax.ymin) - y));
            g.setColor(Color.BLACK);
            String v = r.gflops() >= 10 ? String.format(Locale.ROOT, "%.0f", r.gflops()) : String.format(Locale.ROOT, "%.2f", r.gflops());
            g.drawString(v, (float) ((x0 + x1) / 2 - fm.stringWidth(v) / 2.0), (float) y - 5);
            String[] words = r.name().split(" ", 2);
            String[] lines = wrap(words.length > 1 ? words[1] : words[0], 16);
            float ly = (float) ax.y(ax.ymin) + 18;
            g.drawString(words[0], (float) ((x0 + x1) / 2 - fm.stringWidth(words[0]) / 2.0), ly);
            for (String line : lines) {
                ly += fm.getHeight();
                g.drawString(line, (float) ((x0 + x1) / 2 - fm.stringWidth(line) / 2.0), ly);
            }
        }
        write(img, g, file);
    }

    private static String[] wrap(String s, int width) {
        StringBuilder out = new StringBuilder();
        int col = 0;
        for (String w : s.split(" ")) {
            if (col > 0 && col + 1 + w.length() > width) {
                out.append('\n');
                col = 0;
            } else if (col > 0) {
                out.append(' ');
                col++;
            }
            out.append(w);
            col += w.length();
        }
        return out.toString().split("\n");
    }

    private static double minOf(List<Point> points) {
        double m = Double.POSITIVE_INFINITY;
        for (Point p : points) {
            if (p.gflops() > 0) {
                m = Math.min(m, p.gflops());
            }
        }
        return Double.isFinite(m) ? m : 1;
    }

    private static Graphics2D start(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        return g;
    }

    private static void write(BufferedImage img, Graphics2D g, Path file) throws IOException {
        g.dispose();
        AtomicFiles.write(file, out -> dev.vecnn.plot.Png.write(img, out));
    }

    /** Log (or linear x) axes in the plot area; grid lines at powers of ten. */
    private static final class Axes {
        final double xmin, xmax, ymin, ymax;
        boolean logX = true;
        final int left = LEFT, top = TOP, w = W - LEFT - RIGHT, h = H - TOP - BOTTOM;

        Axes(double xmin, double xmax, double ymin, double ymax) {
            this.xmin = xmin;
            this.xmax = xmax;
            this.ymin = ymin;
            this.ymax = ymax;
        }

        double x(double v) {
            return logX ? left + (Math.log10(v) - Math.log10(xmin)) / (Math.log10(xmax) - Math.log10(xmin)) * w
                    : left + (v - xmin) / (xmax - xmin) * w;
        }

        double y(double v) {
            return top + h - (Math.log10(v) - Math.log10(ymin)) / (Math.log10(ymax) - Math.log10(ymin)) * h;
        }

        void frame(Graphics2D g, String title, String xLabel, String yLabel) {
            Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
            g.setFont(base);
            FontMetrics fm = g.getFontMetrics();
            g.setStroke(new BasicStroke(1f));
            for (int e = (int) Math.floor(Math.log10(ymin)); e <= Math.ceil(Math.log10(ymax)); e++) {
                double v = Math.pow(10, e);
                if (v < ymin || v > ymax) {
                    continue;
                }
                g.setColor(new Color(0xe6e6e6));
                g.draw(new Line2D.Double(left, y(v), left + w, y(v)));
                g.setColor(Color.BLACK);
                String s = tick(v);
                g.drawString(s, left - 8 - fm.stringWidth(s), (float) (y(v) + fm.getAscent() / 2.0 - 2));
            }
            if (logX) {
                for (int e = (int) Math.floor(Math.log10(xmin)); e <= Math.ceil(Math.log10(xmax)); e++) {
                    double v = Math.pow(10, e);
                    if (v < xmin || v > xmax) {
                        continue;
                    }
                    g.setColor(new Color(0xe6e6e6));
                    g.draw(new Line2D.Double(x(v), top, x(v), top + h));
                    g.setColor(Color.BLACK);
                    String s = tick(v);
                    g.drawString(s, (float) (x(v) - fm.stringWidth(s) / 2.0), top + h + 7 + fm.getAscent());
                }
            }
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1.2f));
            g.drawRect(left, top, w, h);
            Font titleFont = base.deriveFont(17f);
            g.setFont(titleFont);
            g.drawString(title, left + (w - g.getFontMetrics().stringWidth(title)) / 2f, top - 16);
            g.setFont(base);
            g.drawString(xLabel, left + (w - fm.stringWidth(xLabel)) / 2f, top + h + 48);
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            g.drawString(yLabel, -(top + (h + fm.stringWidth(yLabel)) / 2f), 24f);
            g.setTransform(saved);
        }

        private static String tick(double v) {
            return v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
        }
    }
}
