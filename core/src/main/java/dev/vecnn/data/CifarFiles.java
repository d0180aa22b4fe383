package dev.vecnn.data;

import dev.vecnn.io.GzipInput;
import dev.vecnn.io.TarReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Where the files of the CIFAR-10 binary distribution come from: an extracted
 * {@code cifar-10-batches-bin/} folder or the {@code .tar.gz} archive, read as a stream.
 * {@link #scan} offers each known file once, in the source's own order; it may be called again
 * (the loader needs a second pass only when an archive stores the batches out of order).
 */
abstract class CifarFiles {
    static final String META = "batches.meta.txt";
    static final String TEST = "test_batch.bin";
    static final int TRAIN_BATCHES = 5;
    /** The files we read, in the order a sorted archive stores them. */
    static final List<String> NAMES = List.of(META, "data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", TEST);
    private static final Set<String> KNOWN = Set.copyOf(NAMES);

    /** Receives one file of the data set. */
    interface Visitor {
        /**
         * @param name  base name, one of {@link #NAMES}
         * @param where the file for messages (a path, or {@code archive!entry})
         * @param size  its size in bytes
         * @param data  its bytes (exactly {@code size}); the visitor may leave them unread
         */
        void file(String name, String where, long size, InputStream data) throws IOException;
    }

    /** The folder or archive, for messages. */
    abstract String describe();

    abstract void scan(Visitor visitor) throws IOException;

    /**
     * Why {@code name} (one of {@link #NAMES}) was not offered although something of that name
     * is there (e.g. "a symbolic link to ..."), or null.
     */
    String notAFile(String name) {
        return null;
    }

    static boolean isKnown(String baseName) {
        return KNOWN.contains(baseName);
    }

    /** An extracted {@code cifar-10-batches-bin/} folder. */
    static final class Folder extends CifarFiles {
        private final Path dir;

        Folder(Path dir) {
            this.dir = dir;
        }

        @Override
        String describe() {
            return dir.toString();
        }

        @Override
        String notAFile(String name) {
            Path file = dir.resolve(name);
            if (Files.isSymbolicLink(file) && !Files.exists(file)) {
                try {
                    return "a symbolic link to " + Files.readSymbolicLink(file) + ", which does not exist";
                } catch (IOException e) {
                    return "a symbolic link to a file that does not exist";
                }
            }
            return Files.isDirectory(file) ? "a folder, not a file" : null;
        }

        @Override
        void scan(Visitor visitor) throws IOException {
            for (String name : NAMES) {
                Path file = dir.resolve(name);
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    visitor.file(name, file.toString(), Files.size(file), in);
                }
            }
        }
    }

    /** A {@code .tar.gz} archive, decompressed and read entry by entry as a stream. */
    static final class Archive extends CifarFiles {
        /** Opens the compressed bytes (a file, or bytes in memory in the tests). */
        interface Opener {
            InputStream open() throws IOException;
        }

        /** Archives above this size are decompressed on a background thread, ahead of the parsing. */
        private static final long PREFETCH_ABOVE = 8L << 20;
        private final String name;
        private final Opener opener;
        private final boolean prefetch;

        Archive(String name, Opener opener) {
            this(name, opener, false);
        }

        Archive(String name, Opener opener, boolean prefetch) {
            this.name = name;
            this.opener = opener;
            this.prefetch = prefetch;
        }

        static Archive of(Path file) {
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                size = 0;
            }
            return new Archive(file.toString(), () -> Files.newInputStream(file), size > PREFETCH_ABOVE);
        }

        /** Link entries of a known name, by base name: "a symbolic link to ..." (links are never followed). */
        private final java.util.Map<String, String> links = new java.util.HashMap<>();

        @Override
        String describe() {
            return name;
        }

        @Override
        String notAFile(String base) {
            String link = links.get(base);
            return link == null ? null : link + " inside the archive, which vecnn does not follow (a link could point"
                    + " anywhere): extract the archive and give --data the folder, or use an archive of regular files";
        }

        @Override
        void scan(Visitor visitor) throws IOException {
            try (InputStream raw = opener.open(); GzipInput gunzip = GzipInput.open(raw, name);
                 InputStream gz = prefetch ? new PrefetchInput(gunzip, name) : gunzip) {
                TarReader tar = new TarReader(gz, name);
                String entry;
                while ((entry = tar.next()) != null) {
                    String base = entry.substring(entry.lastIndexOf('/') + 1);
                    if (isKnown(base)) {
                        visitor.file(base, name + "!" + entry, tar.size(), tar.entryStream());
                    }
                }
                for (String link : tar.skippedLinks()) { // "path (a symbolic link to target)"
                    int cut = link.lastIndexOf(" (a ");
                    String path = link.substring(0, cut);
                    String base = path.substring(path.lastIndexOf('/') + 1);
                    if (isKnown(base)) {
                        links.put(base, name + "!" + path + " is " + link.substring(cut + 2, link.length() - 1));
                    }
                }
                // Read to the end so GZIPInputStream checks the trailer's CRC-32 and length: a
                // flipped bit anywhere in the archive is reported, not silently loaded.
                byte[] rest = new byte[8192];
                while (gz.read(rest) >= 0) {
                    // zero padding after the end-of-archive marker
                }
            }
        }
    }
}
