package dev.vecnn.cli;

import dev.vecnn.data.Cifar10;
import dev.vecnn.data.CifarOptions;
import dev.vecnn.data.CifarSplits;
import dev.vecnn.io.DataException;
import dev.vecnn.data.DownloadProgress;
import dev.vecnn.tensor.DType;
import dev.vecnn.train.CifarSubset;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Where {@code --data PATH} points (default {@code data/}): the extracted
 * {@code cifar-10-batches-bin/} folder, a folder containing it or {@code cifar-10-binary.tar.gz},
 * or the archive itself. When nothing is there, the official archive is downloaded into it (with a
 * progress bar on a terminal); without a network that ends in one line that names where vecnn
 * looked, the address and {@code --data}.
 */
final class DataLocation {
    static final String DEFAULT = "data/";

    private final Path path;

    private DataLocation(Path path) {
        this.path = path;
    }

    static DataLocation of(String path) {
        if (path == null || path.isBlank()) {
            throw new UsageException("--data expects a folder or a .tar.gz, got an empty value");
        }
        return new DataLocation(Path.of(path));
    }

    Path path() {
        return path;
    }

    /** For {@code vecnn info}: what is there, or what would happen. */
    String describe() {
        Path found = Cifar10.find(path);
        Path abs = path.toAbsolutePath().normalize();
        if (found != null) {
            return abs + " -> found " + found.toAbsolutePath().normalize();
        }
        return abs + " -> nothing yet (looked for " + abs + ", " + abs.resolve(Cifar10.FOLDER_NAME) + ", "
                + abs.resolve(Cifar10.ARCHIVE_NAME) + "); the first run downloads " + Cifar10.DEFAULT_URL;
    }

    /** The data set, downloading it first if absent; a bar on {@code terminal} when non-null. */
    Path findOrDownload(PrintStream terminal) throws IOException {
        Path found = Cifar10.find(path);
        if (found != null) {
            return found;
        }
        ProgressBar bar = terminal == null ? null : new ProgressBar(terminal, System::nanoTime);
        DownloadProgress progress = bar == null ? DownloadProgress.NONE : new DownloadProgress() {
            private boolean started;

            @Override
            public void update(long done, long total) {
                if (!started && total > 0) {
                    bar.start("download", total >> 20, "MiB");
                    started = true;
                }
                if (started) {
                    bar.update(done >> 20, Double.NaN);
                }
            }
        };
        try {
            return Cifar10.findOrDownload(path, progress);
        } finally {
            if (bar != null && bar.isVisible()) {
                bar.finish();
            }
        }
    }

    /**
     * get_CIFAR10_data for {@code images} (no test split), in the model's dtype; without
     * {@code download}, missing data fails at once.
     */
    CifarSplits load(CifarSubset images, DType dtype, boolean download, PrintStream terminal) throws IOException {
        return load(images, 0, dtype, download, terminal);
    }

    /** As above, with the first {@code numTest} records of the test batch (or all, when it holds fewer) as the test split. */
    CifarSplits load(CifarSubset images, int numTest, DType dtype, boolean download, PrintStream terminal)
            throws IOException {
        CifarOptions options = images.options(dtype).withNumTestAtMost(numTest);
        try {
            if (download) {
                findOrDownload(terminal); // leaves the archive where a load of path finds it
            }
            // path itself, not what was found in it: a folder missing files is named as incomplete,
            // with or without --no-download
            return Cifar10.load(path, options);
        } catch (DataException e) {
            // The library says where it looked and where to get the data; the command line says how to point at it.
            if (e.getMessage() != null && e.getMessage().startsWith(NOT_FOUND)) {
                throw new DataException(e.getMessage() + " and point --data at it", e);
            }
            throw e;
        }
    }

    private static final String NOT_FOUND = "CIFAR-10 not found";
}
