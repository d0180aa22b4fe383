package dev.vecnn.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * numpy's {@code .npz}: a zip archive of {@code .npy} files, one per named array (what
 * {@code np.savez} / {@code np.savez_compressed} write and {@code np.load} opens as a dict).
 * Entries may be stored or deflated. Keys are the entry names without {@code .npy}, in archive
 * order.
 *
 * <p>Reading fails with a {@link DataException} for anything that is not such an archive: not a
 * zip, a corrupt or truncated entry, an entry that is not {@code .npy}, a name used twice, or any
 * of the {@link Npy} checks. Writing goes through a temporary file and a rename.
 */
public final class Npz {
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;

    private Npz() {}

    /** Reads every array of an {@code .npz} file. */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        try (InputStream in = InputFiles.open(file)) {
            return read(in, file.toString());
        }
    }

    /** Reads every array of an {@code .npz} archive from a stream; {@code source} names it in messages. */
    public static Map<String, NpyArray> read(InputStream raw, String source) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(4);
        byte[] sig = new byte[4];
        int got = in.readNBytes(sig, 0, 4);
        in.reset();
        int signature = got < 4 ? -1 : (sig[0] & 0xFF) | (sig[1] & 0xFF) << 8 | (sig[2] & 0xFF) << 16 | (sig[3] & 0xFF) << 24;
        if (signature != LOCAL_HEADER && signature != END_OF_CENTRAL_DIRECTORY) {
            throw new DataException(source + ": not an .npz file (a zip archive): it does not start with PK\\3\\4");
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".npy")) {
                    throw new DataException(source + ": entry '" + name + "' is not a .npy file; an .npz holds only .npy entries");
                }
                String key = name.substring(0, name.length() - 4);
                if (arrays.containsKey(key)) {
                    throw new DataException(source + ": the array '" + key + "' appears twice");
                }
                long length = entry.getMethod() == ZipEntry.STORED ? entry.getSize() : -1;
                arrays.put(key, Npy.read(new EntryStream(zip), length, source + "!" + name));
            }
        } catch (ZipException | EOFException e) {
            throw new DataException(source + ": corrupt or truncated zip archive: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // ZipInputStream's way of saying an entry name is not valid in the archive's encoding
            throw new DataException(source + ": corrupt zip archive: " + e.getMessage(), e);
        }
        return arrays;
    }

    /** Writes {@code arrays} as an uncompressed {@code .npz} ({@code np.savez}). */
    public static void write(Path file, Map<String, NpyArray> arrays) throws IOException {
        write(file, arrays, false);
    }

    /**
     * Writes {@code arrays} as an {@code .npz}, deflated if {@code compress}
     * ({@code np.savez_compressed}), via a temporary file and a rename.
     */
    public static void write(Path file, Map<String, NpyArray> arrays, boolean compress) throws IOException {
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException("array names must be non-empty, got '" + e.getKey() + "'");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException("array '" + e.getKey() + "' is null");
            }
        }
        AtomicFiles.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                if (compress) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    // Stored entries need size and CRC up front: one pass to compute them, one to write.
                    CrcCounter counter = new CrcCounter();
                    Npy.write(counter, e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(counter.count);
                    entry.setCompressedSize(counter.count);
                    entry.setCrc(counter.crc.getValue());
                }
                zip.putNextEntry(entry);
                Npy.write(zip, e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    /** Lets {@link Npy} read one entry without closing the zip stream. */
    private static final class EntryStream extends FilterInputStream {
        EntryStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }

    private static final class CrcCounter extends OutputStream {
        final CRC32 crc = new CRC32();
        long count;

        @Override
        public void write(int b) {
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
            count += len;
        }
    }
}
