package dev.vecnn.data;

import dev.vecnn.io.DataException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.w3c.dom.Node;

/**
 * An image as people have it (a PNG or JPEG of any size) turned into what a CIFAR-10 net reads: a
 * raw 32×32 RGB image in CIFAR-10's byte layout (1024 red, 1024 green, 1024 blue bytes, rows top
 * to bottom), ready for {@code InferenceModel.classifyImage}, which subtracts the model's mean
 * image. The steps, in order:
 *
 * <ol>
 *   <li><b>Decode</b> with {@code javax.imageio} (PNG, JPEG; whatever readers the JDK has). The
 *       size is read from the header first: more than {@value #MAX_PIXELS} pixels is refused
 *       before decoding.</li>
 *   <li><b>To 8-bit RGB</b>, from the stored samples (no colour management: ICC profiles, PNG
 *       gamma and EXIF orientation are not applied, as Pillow's {@code convert("RGB")} does not
 *       apply them): grey is copied to R, G and B; samples of other depths are scaled to 0..255
 *       and rounded ({@code round(v × 255 / (2^bits − 1))}: 16-bit, and 1-, 2-, 4-bit grey);
 *       palette images take their palette's colours; an alpha channel is ignored (the colour
 *       values as stored); CMYK JPEGs (which {@code ImageIO} cannot turn into an image, but reads
 *       as raw samples; Adobe's inverted storage is undone) become
 *       {@code R = (255 − C)(255 − K) / 255}, rounded, and so on for G and B, Pillow's
 *       formula.</li>
 *   <li><b>Square</b>, chosen by {@link Fit}: {@code CROP} keeps the centred square of side
 *       min(width, height); {@code PAD} centres the image on a black square of side
 *       max(width, height). When the difference is odd the extra pixel goes to the right / bottom
 *       (the square starts at {@code floor((width − side) / 2)}).</li>
 *   <li><b>Resize to 32×32 by area averaging</b>: each output pixel is the mean of the square's
 *       pixels it covers, each weighted by the fraction of its area inside the output pixel (a
 *       box filter integrated exactly; for an integer factor, the plain mean of a block, like
 *       Pillow's {@code reduce}). Computed in float64, separably (rows, then columns), and
 *       rounded half up to 0..255. An image already 32×32 passes unchanged; a smaller one is
 *       enlarged by the same rule (each output pixel the area-weighted mean of the one or two
 *       pixels under it in each direction).</li>
 * </ol>
 *
 * <p>Checked against an independent numpy/Pillow implementation (Pillow decodes, numpy integrates
 * the box by cumulative sums): {@code core/src/test/python/image_reference.py} and
 * {@code ImagePreprocessingTest}, every channel of every pixel within 1 level.
 *
 * <p>Needs the {@code java.desktop} module ({@code requires static} in vecnn-core's module-info):
 * add it to a jlinked image or a module-path application that preprocesses images.
 */
public final class ImagePreprocessing {
    /** The side of the output image. */
    public static final int SIZE = 32;
    /** The largest image accepted, in pixels (width × height): a 50-megapixel photo. */
    public static final long MAX_PIXELS = 50_000_000L;

    /** How a non-square image becomes square before it is resized. */
    public enum Fit {
        /** The centred square of side min(width, height): the borders of the long side are cut off. */
        CROP,
        /** The whole image, centred on a black square of side max(width, height). */
        PAD
    }

    private ImagePreprocessing() {}

    /**
     * Decodes {@code encoded} (a PNG or JPEG file's bytes) and preprocesses it as the class
     * comment says: {@value #SIZE}×{@value #SIZE} RGB bytes in CIFAR-10's layout (3072: red
     * plane, green plane, blue plane). {@code source} names the image in messages.
     *
     * @throws DataException naming {@code source} if it is not an image ImageIO decodes, is
     *         corrupt, too large, or of a colour type vecnn does not convert
     */
    public static byte[] cifarBytes(byte[] encoded, String source, Fit fit) throws DataException {
        if (encoded == null) {
            throw new IllegalArgumentException("encoded must not be null");
        }
        if (fit == null) {
            throw new IllegalArgumentException("fit must be CROP or PAD, got null");
        }
        Rgb rgb = decode(encoded, source);
        return resize(rgb, fit, SIZE);
    }

    /** An 8-bit RGB image: three planes of width × height levels, row-major. */
    record Rgb(int width, int height, byte[] red, byte[] green, byte[] blue) {
        int level(int channel, int index) {
            byte[] plane = channel == 0 ? red : channel == 1 ? green : blue;
            return plane[index] & 0xFF;
        }
    }

    // ---- decode and convert to 8-bit RGB ----

    static Rgb decode(byte[] encoded, String where) throws DataException {
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) {
                throw new DataException(where + ": not an image format javax.imageio can read (expected PNG or JPEG)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, false);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 1 || height < 1 || (long) width * height > MAX_PIXELS) {
                    throw new DataException(where + ": image is " + width + "x" + height + ", more than "
                            + MAX_PIXELS / 1_000_000 + " megapixels (at most " + MAX_PIXELS + " pixels accepted)");
                }
                BufferedImage image;
                try {
                    image = reader.read(0);
                } catch (javax.imageio.IIOException e) {
                    Raster raw = fourChannelJpeg(reader); // CMYK: ImageIO reads the samples, not the image
                    if (raw == null) {
                        throw e;
                    }
                    return fromCmyk(raw, adobeTransform(reader.getImageMetadata(0)), where);
                }
                if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_CMYK
                        && image.getRaster().getNumBands() == 4) {
                    // a CMYK JPEG ImageIO decodes itself: its samples are plain C, M, Y, K already
                    return fromCmyk(image.getRaster(), -1, where);
                }
                return fromImage(image, where);
            } finally {
                reader.dispose();
            }
        } catch (DataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO reports broken files as IIOException, but its decoders also throw
            // IllegalArgumentException, ArrayIndexOutOfBoundsException, NegativeArraySizeException...
            throw new DataException(where + ": corrupt or unsupported image (" + e.getMessage() + ")", e);
        }
    }

    /** 8-bit RGB from a decoded image's raster and colour model. */
    static Rgb fromImage(BufferedImage image, String where) throws DataException {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        ColorModel cm = image.getColorModel();
        byte[][] planes = {new byte[w * h], new byte[w * h], new byte[w * h]};
        int[] row = new int[w];
        if (cm instanceof IndexColorModel) {
            IndexColorModel icm = (IndexColorModel) cm;
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    planes[0][y * w + x] = (byte) icm.getRed(row[x]);
                    planes[1][y * w + x] = (byte) icm.getGreen(row[x]);
                    planes[2][y * w + x] = (byte) icm.getBlue(row[x]);
                }
            }
            return new Rgb(w, h, planes[0], planes[1], planes[2]);
        }
        int colourType = cm.getColorSpace().getType();
        int colours = cm.getNumColorComponents();
        boolean grey = colourType == ColorSpace.TYPE_GRAY && colours == 1;
        boolean rgb = colourType == ColorSpace.TYPE_RGB && colours == 3;
        if (!grey && !rgb) {
            throw new DataException(where + ": colour type with " + colours + " colour channel(s) ("
                    + colourSpaceName(colourType) + ") is not converted; vecnn reads grey, RGB, palette and CMYK images");
        }
        for (int c = 0; c < 3; c++) {
            int band = grey ? 0 : c;
            int bits = raster.getSampleModel().getSampleSize(band);
            long max = (1L << bits) - 1;
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, band, row);
                for (int x = 0; x < w; x++) {
                    planes[c][y * w + x] = (byte) toLevel(row[x], max);
                }
            }
        }
        return new Rgb(w, h, planes[0], planes[1], planes[2]);
    }

    /** A sample of {@code 0..max} as a level 0..255, rounded half up. */
    static int toLevel(int sample, long max) {
        if (max == 255) {
            return sample;
        }
        return (int) ((sample * 255L * 2 + max) / (2 * max));
    }

    /** The raw samples of a four-channel (CMYK or YCCK) JPEG, or null for anything else. */
    private static Raster fourChannelJpeg(ImageReader reader) {
        try {
            if (!"jpeg".equalsIgnoreCase(reader.getFormatName())) {
                return null;
            }
            Raster raster = reader.readRaster(0, null);
            return raster.getNumBands() == 4 ? raster : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The Adobe APP14 marker's transform (0: CMYK, 2: YCCK), or -1 when there is none. */
    private static int adobeTransform(IIOMetadata metadata) {
        if (metadata == null) {
            return -1;
        }
        Node tree = metadata.getAsTree("javax_imageio_jpeg_image_1.0");
        Node adobe = find(tree, "app14Adobe");
        if (adobe == null) {
            return -1;
        }
        Node transform = adobe.getAttributes().getNamedItem("transform");
        return transform == null ? -1 : Integer.parseInt(transform.getNodeValue());
    }

    private static Node find(Node node, String name) {
        if (name.equals(node.getNodeName())) {
            return node;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            Node found = find(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * 8-bit RGB from CMYK samples: plain C, M, Y, K for {@code adobeTransform} -1; the raw samples
     * of a JPEG with an Adobe marker otherwise. With an Adobe marker the samples are stored
     * inverted (Photoshop's convention, which libjpeg and Pillow follow): they are inverted back.
     * YCCK (transform 2) is first turned back into CMY with the JPEG YCbCr equations.
     */
    static Rgb fromCmyk(Raster raster, int adobeTransform, String where) throws DataException {
        int w = raster.getWidth();
        int h = raster.getHeight();
        byte[][] planes = {new byte[w * h], new byte[w * h], new byte[w * h]};
        int[] px = new int[4];
        boolean inverted = adobeTransform >= 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.getPixel(raster.getMinX() + x, raster.getMinY() + y, px);
                if (adobeTransform == 2) { // YCCK: Y, Cb, Cr hold the inverted C, M, Y
                    double yy = px[0];
                    double cb = px[1] - 128.0;
                    double cr = px[2] - 128.0;
                    px[0] = clamp((int) Math.round(yy + 1.402 * cr));
                    px[1] = clamp((int) Math.round(yy - 0.344136 * cb - 0.714136 * cr));
                    px[2] = clamp((int) Math.round(yy + 1.772 * cb));
                }
                int k = inverted ? 255 - px[3] : px[3];
                int notK = 255 - k;
                for (int c = 0; c < 3; c++) {
                    int ink = inverted ? 255 - px[c] : px[c];
                    planes[c][y * w + x] = (byte) (notK - mulDiv255(ink, notK));
                }
            }
        }
        return new Rgb(w, h, planes[0], planes[1], planes[2]);
    }

    /** {@code round(a × b / 255)} for a, b in 0..255, as Pillow's MULDIV255. */
    private static int mulDiv255(int a, int b) {
        int t = a * b + 128;
        return ((t >> 8) + t) >> 8;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static String colourSpaceName(int type) {
        switch (type) {
            case ColorSpace.TYPE_CMYK: return "CMYK";
            case ColorSpace.TYPE_GRAY: return "grey";
            case ColorSpace.TYPE_RGB: return "RGB";
            case ColorSpace.TYPE_YCbCr: return "YCbCr";
            default: return "colour space type " + type;
        }
    }

    // ---- square, then area averaging ----

    /**
     * The square {@link Fit} makes of {@code rgb}, resized to {@code size}×{@code size} by area
     * averaging, as planar bytes (red, green, blue).
     */
    static byte[] resize(Rgb rgb, Fit fit, int size) {
        int w = rgb.width();
        int h = rgb.height();
        int side = fit == Fit.CROP ? Math.min(w, h) : Math.max(w, h);
        // the square's top-left corner in image coordinates (negative when padding)
        int x0 = Math.floorDiv(w - side, 2);
        int y0 = Math.floorDiv(h - side, 2);
        AreaWeights weights = new AreaWeights(side, size);
        byte[] out = new byte[3 * size * size];
        double[] rows = new double[side * size]; // the square's rows, each resized to `size` columns
        double[] column = new double[side];
        for (int c = 0; c < 3; c++) {
            for (int sy = 0; sy < side; sy++) {
                int y = y0 + sy;
                for (int j = 0; j < size; j++) {
                    double sum = 0;
                    if (y >= 0 && y < h) {
                        for (int t = weights.first[j]; t < weights.first[j] + weights.count[j]; t++) {
                            int x = x0 + t;
                            if (x >= 0 && x < w) {
                                sum += weights.weight[j][t - weights.first[j]] * rgb.level(c, y * w + x);
                            }
                        }
                    }
                    rows[sy * size + j] = sum;
                }
            }
            for (int j = 0; j < size; j++) {
                for (int sy = 0; sy < side; sy++) {
                    column[sy] = rows[sy * size + j];
                }
                for (int i = 0; i < size; i++) {
                    double sum = 0;
                    for (int t = weights.first[i]; t < weights.first[i] + weights.count[i]; t++) {
                        sum += weights.weight[i][t - weights.first[i]] * column[t];
                    }
                    double v = sum / (weights.scale * weights.scale);
                    out[c * size * size + i * size + j] = (byte) Math.max(0, Math.min(255, (int) Math.floor(v + 0.5)));
                }
            }
        }
        return out;
    }

    /**
     * For {@code n} input pixels resized to {@code m}: output pixel j covers the input interval
     * [j·n/m, (j+1)·n/m); input pixel t (covering [t, t+1)) gets the length of the overlap as its
     * weight. The weights of an output pixel sum to n/m ({@link #scale}).
     */
    static final class AreaWeights {
        final double scale;
        final int[] first;
        final int[] count;
        final double[][] weight;

        AreaWeights(int n, int m) {
            scale = (double) n / m;
            first = new int[m];
            count = new int[m];
            weight = new double[m][];
            for (int j = 0; j < m; j++) {
                // exact ends in units of 1/m: [j·n, (j+1)·n) / m
                long lo = (long) j * n;
                long hi = (long) (j + 1) * n;
                int t0 = (int) (lo / m);
                int t1 = (int) ((hi + m - 1) / m); // exclusive
                first[j] = t0;
                count[j] = t1 - t0;
                weight[j] = new double[t1 - t0];
                for (int t = t0; t < t1; t++) {
                    long a = Math.max(lo, (long) t * m);
                    long b = Math.min(hi, (long) (t + 1) * m);
                    weight[j][t - t0] = (double) (b - a) / m;
                }
            }
        }
    }
}
