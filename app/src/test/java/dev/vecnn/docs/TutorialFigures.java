package dev.vecnn.docs;

import dev.vecnn.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the diagrams of docs/gemm-tutorial.md (Java2D, headless, matplotlib's colours):
 * <pre>
 *   java -Djava.awt.headless=true -cp app/target/classes:app/target/test-classes:core/target/classes \
 *       dev.vecnn.docs.TutorialFigures docs/img
 * </pre>
 * Each figure is a grid of cells (one cell = one float, or one block) with the cells a loop
 * touches coloured. {@code TutorialFiguresTest} checks that every figure the tutorial links
 * exists and is drawn by this class.
 */
public final class TutorialFigures {
    static final Color BLUE = new Color(0x1f77b4), ORANGE = new Color(0xff7f0e), GREEN = new Color(0x2ca02c),
            RED = new Color(0xd62728), PURPLE = new Color(0x9467bd), GRID = new Color(0xbbbbbb), LIGHT = new Color(0xeeeeee);
    static final String[] NAMES = {"ladder-access.png", "ladder-blocking.png", "ladder-packing.png",
        "ladder-register-tile.png", "ladder-threads.png"};

    private TutorialFigures() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/img");
        write(access(), dir.resolve(NAMES[0]));
        write(blocking(), dir.resolve(NAMES[1]));
        write(packing(), dir.resolve(NAMES[2]));
        write(registerTile(), dir.resolve(NAMES[3]));
        write(threads(), dir.resolve(NAMES[4]));
    }

    /** i-j-k reads a column of B (one float per cache line), i-k-j a row (whole lines). */
    static BufferedImage access() {
        BufferedImage img = canvas(900, 450);
        Graphics2D g = graphics(img);
        int cell = 18;
        for (int panel = 0; panel < 2; panel++) {
            int x0 = 40 + panel * 450, y0 = 80;
            title(g, panel == 0 ? "i-j-k: inner loop down a column of B" : "i-k-j: inner loop along a row of B and C", x0, 40);
            for (int r = 0; r < 16; r++) {
                for (int c = 0; c < 20; c++) {
                    boolean hit = panel == 0 ? c == 5 : r == 5;
                    boolean line = panel == 0 ? c / 16 == 0 : r == 5; // the cache lines pulled in
                    g.setColor(hit ? ORANGE : line && panel == 0 ? LIGHT : Color.WHITE);
                    g.fillRect(x0 + c * cell, y0 + r * cell, cell, cell);
                    g.setColor(GRID);
                    g.drawRect(x0 + c * cell, y0 + r * cell, cell, cell);
                }
            }
            g.setColor(BLUE);
            g.setStroke(new BasicStroke(2.5f));
            for (int r = 0; r < 16; r++) { // cache lines: 16 floats
                if (panel == 0 || r == 5) {
                    g.drawRect(x0, y0 + r * cell, 16 * cell, cell);
                }
            }
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            text(g, panel == 0 ? "16 cache lines (blue) for 16 floats used (orange)" : "1 cache line for 16 floats used", x0, y0 + 16 * cell + 30);
            text(g, panel == 0 ? "each row 4 KiB apart: a new page every step" : "stride 1: the prefetcher streams ahead", x0, y0 + 16 * cell + 52);
        }
        return img;
    }

    /** B cut into 256 x 256 blocks; the current one is in L2 while every row of A passes. */
    static BufferedImage blocking() {
        BufferedImage img = canvas(900, 440);
        Graphics2D g = graphics(img);
        title(g, "cache blocking: one 256 x 256 block of B (256 KiB) stays in L2", 40, 40);
        int x0 = 460, y0 = 80, cell = 70;
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                g.setColor(r == 1 && c == 2 ? GREEN : Color.WHITE);
                g.fillRect(x0 + c * cell, y0 + r * cell, cell, cell);
                g.setColor(Color.DARK_GRAY);
                g.drawRect(x0 + c * cell, y0 + r * cell, cell, cell);
            }
        }
        text(g, "B (1024 x 1024)", x0 + 80, y0 + 4 * cell + 24);
        int ax = 60;
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                g.setColor(c == 1 ? new Color(0xd6e9f8) : Color.WHITE);
                g.fillRect(ax + c * cell, y0 + r * cell, cell, cell);
                g.setColor(Color.DARK_GRAY);
                g.drawRect(ax + c * cell, y0 + r * cell, cell, cell);
            }
        }
        g.setColor(BLUE);
        for (int i = 0; i < 14; i++) {
            g.fillRect(ax + cell, y0 + 6 + i * 20, cell, 4);
        }
        g.setColor(Color.BLACK);
        text(g, "A (1024 x 1024): the matching 256 columns,", ax, y0 + 4 * cell + 24);
        text(g, "every row, against the one block of B", ax, y0 + 4 * cell + 46);
        return img;
    }

    /** Rows of a block of B, 4 KiB apart, copied into one buffer. */
    static BufferedImage packing() {
        BufferedImage img = canvas(900, 420);
        Graphics2D g = graphics(img);
        title(g, "packing: the block's rows, 4 KiB apart in B, made consecutive", 40, 40);
        int x0 = 40, y0 = 80;
        for (int r = 0; r < 8; r++) {
            g.setColor(LIGHT);
            g.fillRect(x0, y0 + r * 34, 360, 26);
            g.setColor(colour(r));
            g.fillRect(x0 + 120, y0 + r * 34, 90, 26);
            g.setColor(Color.DARK_GRAY);
            g.drawRect(x0, y0 + r * 34, 360, 26);
        }
        text(g, "B: row p of the block at p * ldb (ldb = 1024 floats = 4 KiB,", x0, y0 + 8 * 34 + 24);
        text(g, "one page each, same offset in every page)", x0, y0 + 8 * 34 + 46);
        int px = 480;
        for (int r = 0; r < 8; r++) {
            g.setColor(colour(r));
            g.fillRect(px + (r % 4) * 90, y0 + 60 + (r / 4) * 34, 90, 26);
            g.setColor(Color.DARK_GRAY);
            g.drawRect(px + (r % 4) * 90, y0 + 60 + (r / 4) * 34, 90, 26);
        }
        text(g, "packed buffer: the same rows back to back", px, y0 + 160);
        return img;
    }

    private static Color colour(int i) {
        Color[] c = {BLUE, ORANGE, GREEN, RED, PURPLE, new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};
        return c[i % c.length];
    }

    /** The 6 x 32 tile of C in registers, a column of the A panel (broadcast) and a row of the B panel. */
    static BufferedImage registerTile() {
        BufferedImage img = canvas(900, 440);
        Graphics2D g = graphics(img);
        title(g, "register tile: 6 x 32 floats of C in 12 vector registers (AVX-512)", 40, 36);
        int cell = 18, x0 = 170, y0 = 150;
        // B panel row p: 32 floats = 2 vectors
        for (int j = 0; j < 32; j++) {
            g.setColor(j < 16 ? ORANGE : new Color(0xffbb78));
            g.fillRect(x0 + j * cell, y0 - 50, cell, cell);
            g.setColor(GRID);
            g.drawRect(x0 + j * cell, y0 - 50, cell, cell);
        }
        g.setColor(Color.BLACK);
        text(g, "row p of the packed B panel: 2 vector loads", x0, y0 - 60);
        // A panel column p: 6 floats, each broadcast
        for (int r = 0; r < 6; r++) {
            g.setColor(GREEN);
            g.fillRect(x0 - 60, y0 + r * cell * 2, cell, cell * 2 - 4);
        }
        g.setColor(Color.BLACK);
        text(g, "A[r][p]", x0 - 130, y0 + 6 * cell * 2 + 20);
        text(g, "6 broadcasts", x0 - 150, y0 + 6 * cell * 2 + 42);
        for (int r = 0; r < 6; r++) {
            for (int v = 0; v < 2; v++) {
                g.setColor(v == 0 ? new Color(0xd6e9f8) : new Color(0xaec7e8));
                g.fillRect(x0 + v * 16 * cell, y0 + r * cell * 2, 16 * cell, cell * 2 - 4);
                g.setColor(BLUE);
                g.drawRect(x0 + v * 16 * cell, y0 + r * cell * 2, 16 * cell, cell * 2 - 4);
                g.setColor(Color.BLACK);
                text(g, "c" + r + v + " += A[" + r + "][p] * b" + v, x0 + v * 16 * cell + 70, y0 + r * cell * 2 + 22);
            }
        }
        text(g, "per step p: 2 loads + 6 broadcasts feed 12 FMAs = 384 flops; C is written once per block", x0 - 130, y0 + 6 * cell * 2 + 70);
        return img;
    }

    /** Row blocks of C, one colour per thread. */
    static BufferedImage threads() {
        BufferedImage img = canvas(900, 420);
        Graphics2D g = graphics(img);
        title(g, "threads over tiles: blocks of 96 rows of C, alternating between 2 threads", 40, 36);
        int x0 = 300, y0 = 70, w = 300, h = 300;
        int blocks = 11; // 1024 rows / 96
        for (int b = 0; b < blocks; b++) {
            int y = y0 + b * h / blocks;
            int y1 = y0 + (b + 1) * h / blocks;
            g.setColor(b % 2 == 0 ? new Color(0xaec7e8) : new Color(0xffbb78));
            g.fillRect(x0, y, w, y1 - y);
            g.setColor(Color.DARK_GRAY);
            g.drawRect(x0, y, w, y1 - y);
        }
        g.setColor(Color.BLACK);
        text(g, "C (1024 x 1024)", x0 + 100, y0 + h + 26);
        text(g, "blue: thread 1, orange: thread 2", x0 + 330, y0 + 60);
        text(g, "(the pool takes blocks as it goes;", x0 + 330, y0 + 82);
        text(g, "any split gives the same bits)", x0 + 330, y0 + 104);
        return img;
    }

    private static BufferedImage canvas(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        return g;
    }

    private static void title(Graphics2D g, String s, int x, int y) {
        Font f = g.getFont();
        g.setFont(f.deriveFont(17f));
        g.setColor(Color.BLACK);
        g.drawString(s, x, y);
        g.setFont(f);
    }

    private static void text(Graphics2D g, String s, int x, int y) {
        g.setColor(Color.BLACK);
        g.drawString(s, x, y);
    }

    private static void write(BufferedImage img, Path file) throws IOException {
        AtomicFiles.write(file, out -> ImageIO.write(img, "png", out));
    }
}
