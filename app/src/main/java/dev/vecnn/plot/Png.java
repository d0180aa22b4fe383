package dev.vecnn.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/**
 * Encodes a PNG into a stream without ImageIO's disk cache. By default ImageIO buffers a stream
 * in a temporary file in {@code java.io.tmpdir} and registers it with its {@code StreamCloser}
 * shutdown hook; on a full disk that file cannot be written, and the hook then prints a
 * NullPointerException trace as the JVM exits. In memory (a plot is a few tens of kB) neither happens.
 */
public final class Png {
    private Png() {}

    public static void write(BufferedImage img, OutputStream out) throws IOException {
        ImageIO.setUseCache(false);
        boolean written;
        try {
            written = ImageIO.write(img, "png", out);
        } catch (javax.imageio.IIOException e) {
            // "I/O error writing PNG file!" hides the reason (e.g. no space left): pass the cause on,
            // for the caller (AtomicFiles) to name the file
            if (e.getCause() instanceof IOException) {
                throw (IOException) e.getCause();
            }
            throw e;
        }
        if (!written) {
            throw new IOException("no PNG writer in this JDK (javax.imageio)");
        }
    }
}
