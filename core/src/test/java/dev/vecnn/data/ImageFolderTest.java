package dev.vecnn.data;

import dev.vecnn.tensor.DType;
import dev.vecnn.io.DataException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageFolder} on folders of generated PNG and JPEG files. */
class ImageFolderTest {
    @TempDir
    Path tmp;

    static BufferedImage randomImage(Random rng, int w, int h, int type) {
        return FuzzTargets.randomImage(rng, w, h, type);
    }

    static Path write(BufferedImage img, Path file, String format) throws IOException {
        Files.createDirectories(file.getParent());
        assertThat(ImageIO.write(img, format, file.toFile())).isTrue();
        return file;
    }

    @Test
    void loadsPngExactlyWithClassesSortedByName() throws IOException {
        Random rng = new Random(5);
        BufferedImage a0 = randomImage(rng, 32, 32, BufferedImage.TYPE_INT_RGB);
        BufferedImage b0 = randomImage(rng, 32, 32, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage b1 = randomImage(rng, 32, 32, BufferedImage.TYPE_INT_RGB);
        write(b1, tmp.resolve("zebra/2.png"), "png");
        write(b0, tmp.resolve("zebra/1.png"), "png");
        write(a0, tmp.resolve("ant/x.png"), "png");
        Files.writeString(tmp.resolve("ant/notes.txt"), "ignored");
        write(a0, tmp.resolve(".hidden/x.png"), "png");
        LabeledImages li = ImageFolder.load(tmp, DType.FLOAT32);
        assertThat(li.classNames()).containsExactly("ant", "zebra");
        assertThat(li.images().labels()).containsExactly(0, 1, 1);
        assertThat(li.images().shape()).containsExactly(3, 3, 32, 32);
        assertThat(li.files().get(1).getFileName().toString()).isEqualTo("1.png");
        float[] x = li.images().floats();
        BufferedImage[] expected = {a0, b0, b1};
        for (int i = 0; i < 3; i++) {
            for (int y = 0; y < 32; y++) {
                for (int xx = 0; xx < 32; xx++) {
                    int rgb = expected[i].getRGB(xx, y);
                    int at = i * 3072 + y * 32 + xx;
                    assertThat(x[at]).isEqualTo((rgb >> 16) & 0xFF);
                    assertThat(x[at + 1024]).isEqualTo((rgb >> 8) & 0xFF);
                    assertThat(x[at + 2048]).isEqualTo(rgb & 0xFF);
                }
            }
        }
    }

    @Test
    void loadsJpegAsTheDecoderSeesIt() throws IOException {
        Random rng = new Random(6);
        Path file = write(randomImage(rng, 32, 32, BufferedImage.TYPE_INT_RGB), tmp.resolve("cat/a.jpg"), "jpg");
        BufferedImage decoded = ImageIO.read(file.toFile());
        double[] x = ImageFolder.load(tmp, DType.FLOAT64).images().doubles();
        assertThat(x[5 * 32 + 7]).isEqualTo((decoded.getRGB(7, 5) >> 16) & 0xFF);
        assertThat(x[2048 + 31 * 32 + 31]).isEqualTo(decoded.getRGB(31, 31) & 0xFF);
    }

    @Test
    void wrongSizeNamesTheFileAndBothSizes() throws IOException {
        Path file = write(randomImage(new Random(7), 33, 30, BufferedImage.TYPE_INT_RGB), tmp.resolve("c/big.png"), "png");
        assertThatThrownBy(() -> ImageFolder.load(tmp, DType.FLOAT32))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("33x30")
                .hasMessageContaining("expected 32x32");
    }

    @Test
    void greyScaleCorruptAndEmptyAreErrors() throws IOException {
        Path grey = write(new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY), tmp.resolve("g/a/1.png"), "png");
        assertThatThrownBy(() -> ImageFolder.load(tmp.resolve("g"), DType.FLOAT32))
                .isInstanceOf(DataException.class).hasMessageContaining(grey.toString()).hasMessageContaining("grey-scale");
        Path bad = tmp.resolve("b/a/1.png");
        Files.createDirectories(bad.getParent());
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0});
        assertThatThrownBy(() -> ImageFolder.load(tmp.resolve("b"), DType.FLOAT32))
                .isInstanceOf(DataException.class).hasMessageContaining(bad.toString());
        Files.createDirectories(tmp.resolve("e/a"));
        assertThatThrownBy(() -> ImageFolder.load(tmp.resolve("e"), DType.FLOAT32))
                .isInstanceOf(DataException.class).hasMessageContaining("no .png or .jpg images");
        assertThatThrownBy(() -> ImageFolder.load(tmp.resolve("missing"), DType.FLOAT32))
                .isInstanceOf(DataException.class).hasMessageContaining("is not a folder");
    }
}
