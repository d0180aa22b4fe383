package dev.vecnn.data;

import dev.vecnn.tensor.DType;
import dev.vecnn.io.DataException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Loads your own images in CIFAR-10's shape from {@code root/<class>/<image>.png|jpg|jpeg}:
 * classes are the sub-folders sorted by name (label 0 is the first), images within a class are
 * sorted by file name. Every image must be 32×32 RGB — nothing is resized or converted, a wrong
 * size or a grey-scale image is a {@link DataException} naming the file (an alpha channel is
 * ignored). Hidden files and folders
 * (names starting with '.') and files with other extensions are ignored.
 *
 * <p>Decoding is done by {@code javax.imageio}. The image size is read from the header before any
 * pixels are decoded, so a file that claims a huge size is rejected without allocating for it.
 * Anything the decoder rejects (it signals broken files with assorted exceptions) becomes a
 * {@link DataException} naming the file.
 */
public final class ImageFolder {
    public static final int SIZE = 32;
    /** A 32x32 image is a few KB; anything above this is not one. */
    static final long MAX_FILE_BYTES = 16L << 20;

    private ImageFolder() {}

    /** Loads every image under {@code root} as {@code (N, 3, 32, 32)} values 0..255, labels by class folder. */
    public static LabeledImages load(Path root, DType precision) throws IOException {
        if (precision == null) {
            throw new IllegalArgumentException("precision must be FLOAT32 or FLOAT64, got null");
        }
        if (!Files.isDirectory(root)) {
            throw new DataException(root + " is not a folder: an image folder holds one sub-folder per class, "
                    + "each with 32x32 .png or .jpg images");
        }
        List<String> classes = new ArrayList<>();
        for (Path dir : sorted(root)) {
            if (Files.isDirectory(dir) && !hidden(dir)) {
                classes.add(dir.getFileName().toString());
            }
        }
        if (classes.isEmpty()) {
            throw new DataException(root + " has no class folders: expected " + root + "/<class>/<image>.png");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labelList = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            for (Path file : sorted(root.resolve(classes.get(c)))) {
                if (Files.isRegularFile(file) && !hidden(file) && isImageName(file)) {
                    files.add(file);
                    labelList.add(c);
                }
            }
        }
        if (files.isEmpty()) {
            throw new DataException(root + " holds no .png or .jpg images in its class folders " + classes);
        }
        int n = files.size();
        int perImage = 3 * SIZE * SIZE;
        if (n > Integer.MAX_VALUE / perImage) {
            throw new DataException(root + " holds " + n + " images, more than one array can hold ("
                    + Integer.MAX_VALUE / perImage + ")");
        }
        float[] floats = precision == DType.FLOAT32 ? new float[n * perImage] : null;
        double[] doubles = precision == DType.FLOAT64 ? new double[n * perImage] : null;
        int[] labels = new int[n];
        int[] rgb = new int[SIZE * SIZE];
        for (int i = 0; i < n; i++) {
            labels[i] = labelList.get(i);
            Path file = files.get(i);
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new DataException(file + ": " + size + " bytes is far too large for a 32x32 image (at most "
                        + MAX_FILE_BYTES + " bytes accepted)");
            }
            decode(Files.readAllBytes(file), file.toString(), rgb);
            int at = i * perImage;
            for (int p = 0; p < SIZE * SIZE; p++) {
                int v = rgb[p];
                int r = (v >> 16) & 0xFF;
                int g = (v >> 8) & 0xFF;
                int b = v & 0xFF;
                if (floats != null) {
                    floats[at + p] = r;
                    floats[at + SIZE * SIZE + p] = g;
                    floats[at + 2 * SIZE * SIZE + p] = b;
                } else {
                    doubles[at + p] = r;
                    doubles[at + SIZE * SIZE + p] = g;
                    doubles[at + 2 * SIZE * SIZE + p] = b;
                }
            }
        }
        return new LabeledImages(new ImageSplit(n, SIZE, SIZE, floats, doubles, labels), classes, files);
    }

    /**
     * Decodes one 32x32 RGB image into {@code rgb} (packed 0xRRGGBB, row-major).
     *
     * @throws DataException naming {@code where} for anything but a decodable 32x32 colour image
     */
    static void decode(byte[] bytes, String where, int[] rgb) throws DataException {
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new DataException(where + ": not an image format javax.imageio can read (expected PNG or JPEG)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width != SIZE || height != SIZE) {
                    throw new DataException(where + ": image is " + width + "x" + height + ", expected " + SIZE + "x"
                            + SIZE + " (vecnn resizes nothing: resize your images first)");
                }
                BufferedImage image = reader.read(0);
                int channels = image.getColorModel().getNumColorComponents();
                if (channels != 3) {
                    throw new DataException(where + ": image has " + channels + " colour channel"
                            + (channels == 1 ? " (grey-scale)" : "s") + ", expected RGB (3)");
                }
                if (image.getWidth() != SIZE || image.getHeight() != SIZE) {
                    throw new DataException(where + ": decoded image is " + image.getWidth() + "x" + image.getHeight()
                            + ", expected " + SIZE + "x" + SIZE);
                }
                image.getRGB(0, 0, SIZE, SIZE, rgb, 0, SIZE);
            } finally {
                reader.dispose();
            }
        } catch (DataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // javax.imageio reports broken files as IIOException, but its decoders also throw
            // IllegalArgumentException, ArrayIndexOutOfBoundsException, NegativeArraySizeException...
            throw new DataException(where + ": corrupt or unsupported image (" + e + ")", e);
        }
    }

    private static List<Path> sorted(Path dir) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                entries.add(p);
            }
        }
        entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return entries;
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static boolean isImageName(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }
}
