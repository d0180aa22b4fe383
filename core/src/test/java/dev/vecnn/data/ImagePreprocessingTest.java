package dev.vecnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vecnn.io.DataException;
import dev.vecnn.io.NpyArray;
import dev.vecnn.io.Npz;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ImagePreprocessing against the independent numpy/Pillow reference of
 * {@code core/src/test/python/image_reference.py}: images of every colour type it converts (RGB,
 * grey, 16-bit grey and RGB, alpha, palette, 1-bit, JPEG colour, grey and CMYK), larger, smaller,
 * square and not, cropped and padded; every channel of every pixel within 1 level of the
 * reference. Plus the exact cases (a 32×32 image passes unchanged, a constant stays constant, a
 * 2×2 block mean) and the refusals.
 */
class ImagePreprocessingTest {
    private static Map<String, NpyArray> expected;

    private static synchronized Map<String, NpyArray> expected() throws IOException {
        if (expected == null) {
            try (InputStream in = resource("expected.npz")) {
                expected = Npz.read(in, "expected.npz");
            }
        }
        return expected;
    }

    private static InputStream resource(String name) {
        InputStream in = ImagePreprocessingTest.class.getResourceAsStream("images/" + name);
        assertThat(in).as("test resource images/%s", name).isNotNull();
        return in;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "rgb_45x37, rgb_45x37.png", "rgb_64x64, rgb_64x64.png", "rgb_32x32, rgb_32x32.png",
        "small_20x13, small_20x13.png", "grey_50x80, grey_50x80.png", "grey16_40x33, grey16_40x33.png",
        "rgb16_70x50, rgb16_70x50.png", "rgba_36x36, rgba_36x36.png", "la_33x40, la_33x40.png",
        "palette_48x30, palette_48x30.png", "bw_40x40, bw_40x40.png", "rgb_60x44_jpeg, rgb_60x44.jpg",
        "grey_50x50_jpeg, grey_50x50.jpg", "cmyk_40x30_jpeg, cmyk_40x30.jpg"})
    void matchesTheNumpyPillowReferenceWithinOneLevel(String name, String file) throws IOException {
        byte[] encoded;
        try (InputStream in = resource(file)) {
            encoded = in.readAllBytes();
        }
        for (ImagePreprocessing.Fit fit : ImagePreprocessing.Fit.values()) {
            String key = name + "__" + fit.name().toLowerCase(java.util.Locale.ROOT);
            byte[] want = expected().get(key).unsignedBytes();
            byte[] got = ImagePreprocessing.cifarBytes(encoded, file, fit);
            assertThat(got).hasSize(3072);
            int worst = 0;
            int at = -1;
            for (int i = 0; i < got.length; i++) {
                int d = Math.abs((got[i] & 0xFF) - (want[i] & 0xFF));
                if (d > worst) {
                    worst = d;
                    at = i;
                }
            }
            assertThat(worst).as("%s: largest difference at channel %d, row %d, column %d", key, at / 1024,
                    (at % 1024) / 32, at % 32).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void a32x32RgbImagePassesUnchangedInCifarsPlaneLayout() throws IOException {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                image.setRGB(x, y, (x * 8) << 16 | (y * 8) << 8 | (x + y));
            }
        }
        byte[] out = ImagePreprocessing.cifarBytes(png(image), "grid.png", ImagePreprocessing.Fit.CROP);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                assertThat(out[y * 32 + x] & 0xFF).isEqualTo(x * 8);
                assertThat(out[1024 + y * 32 + x] & 0xFF).isEqualTo(y * 8);
                assertThat(out[2048 + y * 32 + x] & 0xFF).isEqualTo(x + y);
            }
        }
    }

    @Test
    void blocksOfAnIntegerFactorAreAveragedAndPaddingIsBlack() throws IOException {
        // 64x64: each output pixel is the mean of a 2x2 block; the block (0, 0) holds 10, 20, 30, 41
        BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                image.setRGB(x, y, 0x808080);
            }
        }
        image.setRGB(0, 0, 10 << 16);
        image.setRGB(1, 0, 20 << 16);
        image.setRGB(0, 1, 30 << 16);
        image.setRGB(1, 1, 41 << 16);
        byte[] out = ImagePreprocessing.cifarBytes(png(image), "blocks.png", ImagePreprocessing.Fit.CROP);
        assertThat(out[0] & 0xFF).isEqualTo(25); // 101 / 4 = 25.25
        assertThat(out[1] & 0xFF).isEqualTo(128);
        assertThat(out[1024] & 0xFF).isZero();
        // 64 wide, 32 high, padded: a black band of 16 rows above and below, the image in between
        BufferedImage wide = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 64; x++) {
                wide.setRGB(x, y, 0xC8C8C8);
            }
        }
        byte[] padded = ImagePreprocessing.cifarBytes(png(wide), "wide.png", ImagePreprocessing.Fit.PAD);
        assertThat(padded[7 * 32 + 5] & 0xFF).isZero();
        assertThat(padded[8 * 32 + 5] & 0xFF).isEqualTo(200);
        assertThat(padded[23 * 32 + 5] & 0xFF).isEqualTo(200);
        assertThat(padded[24 * 32 + 5] & 0xFF).isZero();
    }

    @Test
    void theRawCmykSamplesPathGivesWhatTheDecodedPathGives() throws IOException {
        // JDKs that cannot decode a CMYK JPEG still read its raw (Adobe: inverted) samples
        byte[] encoded;
        try (InputStream in = resource("cmyk_40x30.jpg")) {
            encoded = in.readAllBytes();
        }
        ImagePreprocessing.Rgb decoded = ImagePreprocessing.decode(encoded, "cmyk_40x30.jpg");
        javax.imageio.stream.ImageInputStream iis = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(encoded));
        javax.imageio.ImageReader reader = ImageIO.getImageReaders(iis).next();
        reader.setInput(iis);
        ImagePreprocessing.Rgb raw = ImagePreprocessing.fromCmyk(reader.readRaster(0, null), 0, "raw");
        reader.dispose();
        assertThat(raw.red()).containsExactly(decoded.red());
        assertThat(raw.green()).containsExactly(decoded.green());
        assertThat(raw.blue()).containsExactly(decoded.blue());
    }

    @Test
    void areaWeightsCoverEachOutputPixelExactly() {
        for (int[] nm : new int[][] {{37, 32}, {45, 32}, {20, 32}, {64, 32}, {1, 32}, {1000, 32}}) {
            ImagePreprocessing.AreaWeights w = new ImagePreprocessing.AreaWeights(nm[0], nm[1]);
            double total = 0;
            for (int j = 0; j < nm[1]; j++) {
                double sum = 0;
                for (double v : w.weight[j]) {
                    assertThat(v).isGreaterThan(0);
                    sum += v;
                }
                assertThat(sum).isCloseTo(w.scale, org.assertj.core.data.Offset.offset(1e-12));
                total += sum;
            }
            assertThat(total).isCloseTo(nm[0], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void whatIsNotAnImageIsRefusedNamingTheSource() {
        assertThatThrownBy(() -> ImagePreprocessing.cifarBytes("hello".getBytes(), "notes.txt", ImagePreprocessing.Fit.CROP))
                .isInstanceOf(DataException.class)
                .hasMessage("notes.txt: not an image format javax.imageio can read (expected PNG or JPEG)");
        byte[] truncated;
        try (InputStream in = resource("rgb_45x37.png")) {
            truncated = java.util.Arrays.copyOf(in.readAllBytes(), 200);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> ImagePreprocessing.cifarBytes(truncated, "cut.png", ImagePreprocessing.Fit.CROP))
                .isInstanceOf(DataException.class).hasMessageStartingWith("cut.png: corrupt or unsupported image");
        assertThatThrownBy(() -> ImagePreprocessing.cifarBytes(new byte[0], "empty.png", ImagePreprocessing.Fit.CROP))
                .isInstanceOf(DataException.class).hasMessageStartingWith("empty.png: not an image format");
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
