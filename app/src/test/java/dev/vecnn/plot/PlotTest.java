package dev.vecnn.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotTest {
    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void ticksFallOnRoundNumbersAcrossTheRange() {
        assertThat(Plot.ticks(0, 25)).containsExactly(0, 5, 10, 15, 20, 25);
        double[] unit = Plot.ticks(0.2, 1.0);
        assertThat(unit).hasSizeBetween(4, 10);
        for (double t : unit) {
            assertThat(Math.abs(t * 10 - Math.rint(t * 10))).isLessThan(1e-9);
        }
        double[] small = Plot.ticks(0.143, 0.287);
        assertThat(small[0]).isLessThanOrEqualTo(0.143 + 0.025);
        assertThat(small[small.length - 1]).isGreaterThanOrEqualTo(0.287 - 0.025);
    }

    @Test
    void eachSeriesIsDrawnInItsColourInItsOwnPanel(@TempDir Path dir) throws Exception {
        // Panel 1 holds one series (blue); panel 2 two (blue, then orange).
        Plot.Panel top = new Plot.Panel("Train accuracy", "Epoch", "Accuracy")
                .add(Plot.Series.indexed("1.00 dropout", new double[] {0.2, 0.5, 0.9}, true, false));
        Plot.Panel bottom = new Plot.Panel("Val accuracy", "Epoch", "Accuracy")
                .add(Plot.Series.indexed("1.00 dropout", new double[] {0.3, 0.2, 0.25}, true, false))
                .add(Plot.Series.indexed("0.25 dropout", new double[] {0.2, 0.25, 0.3}, true, false));
        Path png = dir.resolve("fig.png");
        Plot.writePng(List.of(top, bottom), 600, 300, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(600);
        assertThat(img.getHeight()).isEqualTo(600);
        int blue = Plot.COLORS[0].getRGB() & 0xffffff;
        int orange = Plot.COLORS[1].getRGB() & 0xffffff;
        // Count exact-colour pixels inside each panel's plotting area (the legend sits in the
        // lower right corner; the markers of these series sit elsewhere too).
        assertThat(countColour(img, 0, 300, blue)).isGreaterThan(60);
        assertThat(countColour(img, 300, 600, blue)).isGreaterThan(60);
        assertThat(countColour(img, 300, 600, orange)).isGreaterThan(60);
        assertThat(countColour(img, 0, 300, orange)).isZero();
        // No temporary file is left next to the figure.
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(png);
        }
    }

    private static int countColour(BufferedImage img, int fromY, int toY, int rgb) {
        int n = 0;
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
