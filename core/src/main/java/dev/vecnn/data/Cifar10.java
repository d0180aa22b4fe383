package dev.vecnn.data;

import dev.vecnn.io.DataException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CIFAR-10 in its official binary distribution: find it, download it, load it the way the
 * assignment's {@code get_CIFAR10_data()} does.
 *
 * <pre>{@code
 * CifarSplits data = Cifar10.load(Path.of("data"));          // 49000 / 1000 / 1000, mean subtracted, float32
 * float[] xTrain = data.train().floats();                    // (49000, 3, 32, 32), row-major
 * int[] yTrain = data.train().labels();
 * }</pre>
 *
 * <p>{@code data} may be the extracted {@code cifar-10-batches-bin/} folder, a folder containing
 * it or {@code cifar-10-binary.tar.gz}, or the {@code .tar.gz} itself (read as a stream, nothing is
 * extracted). Heap needed: the split arrays ({@link CifarOptions#arrayBytes()}: 627 MB for the
 * defaults in float32, 1.25 GB in float64) plus about 1 MB of buffers.
 *
 * <p>All failures caused by the data are {@link DataException}s.
 */
public final class Cifar10 {
    /** The official address of the binary version. */
    public static final String DEFAULT_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz";
    /** MD5 of the official binary archive. */
    public static final String MD5 = "c32a1d4ab5d03f1284b67883e8d87530";
    public static final String ARCHIVE_NAME = "cifar-10-binary.tar.gz";
    public static final String FOLDER_NAME = "cifar-10-batches-bin";
    /** Pixel bytes per image: 3 channels x 32 x 32. */
    public static final int IMAGE_BYTES = 3072;
    /** Bytes per record: 1 label byte + {@link #IMAGE_BYTES}. */
    public static final int RECORD_BYTES = 3073;
    public static final int CLASSES = 10;

    private Cifar10() {}

    /** {@code get_CIFAR10_data()} with its defaults: see {@link CifarOptions#defaults()}. */
    public static CifarSplits load(Path data) throws IOException {
        return load(data, CifarOptions.defaults());
    }

    /** {@code get_CIFAR10_data(num_training, num_validation, num_test, subtract_mean)} as {@code options} says. */
    public static CifarSplits load(Path data, CifarOptions options) throws IOException {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        return new CifarLoader(locate(data), options).load();
    }

    /**
     * Reads every file of the data set at {@code data} once and checks it as {@link #load} does
     * (all seven files present, each batch's size a whole number of records and not empty, every
     * label in 0..9, ten class names, an archive's checksums), storing no image: a caller that
     * hands the data to other processes (a sweep's executors) finds a bad file before any of them
     * starts. Throws the {@link DataException} a load would, naming the file and the record.
     *
     * @return the number of training records (the five batches together)
     */
    public static long verify(Path data) throws IOException {
        CifarOptions checkOnly = CifarOptions.defaults().withNumTraining(0).withNumValidation(0).withNumTest(0)
                .withSubtractMean(false);
        CifarLoader loader = new CifarLoader(locate(data), checkOnly);
        loader.load();
        return loader.trainingRecords();
    }

    /**
     * The folder or archive {@link #load} would read for {@code data}, or {@code null} if there is
     * none there.
     */
    public static Path find(Path data) {
        if (Files.isRegularFile(data)) {
            return data;
        }
        if (Files.isDirectory(data)) {
            for (String name : CifarFiles.NAMES) { // any file of the set: the folder (a partial one is named as such)
                if (Files.exists(data.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    return data;
                }
            }
            if (Files.isDirectory(data.resolve(FOLDER_NAME))) {
                return data.resolve(FOLDER_NAME);
            }
            if (Files.isRegularFile(data.resolve(ARCHIVE_NAME))) {
                return data.resolve(ARCHIVE_NAME);
            }
        }
        return null;
    }

    /**
     * Makes sure the data set is there: returns what {@link #find} finds, or downloads the archive
     * from {@link #DEFAULT_URL} (MD5-checked, resumable) into the folder {@code data} and returns it.
     * If {@code data} names a {@code .tar.gz} file that does not exist, the archive is downloaded
     * to that name. The folder the archive goes into is created only when its parent exists (as
     * {@code mkdir} would): a mistyped path fails without creating anything or downloading.
     */
    public static Path findOrDownload(Path data, DownloadProgress progress) throws IOException {
        return findOrDownload(data, URI.create(DEFAULT_URL), MD5, progress);
    }

    /** {@link #findOrDownload(Path, DownloadProgress)} from another address (a mirror) with its MD5. */
    public static Path findOrDownload(Path data, URI url, String md5Hex, DownloadProgress progress)
            throws IOException {
        Path found = find(data);
        if (found != null) {
            return found;
        }
        Path target = data.getFileName() != null && data.getFileName().toString().endsWith(".tar.gz")
                ? data : data.resolve(ARCHIVE_NAME);
        Path folder = target.toAbsolutePath().normalize().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            Path parent = folder.getParent();
            if (Files.exists(folder) || parent == null || !Files.isDirectory(parent)) {
                String why = Files.exists(folder) ? folder + " is not a folder" : (parent == null ? folder : parent) + " does not exist";
                throw new DataException("CIFAR-10 not found in " + data.toAbsolutePath().normalize() + " (" + why + "; nothing was downloaded); download "
                        + "the binary version from " + url);
            }
        }
        try {
            return new Downloader().download(url, target, md5Hex, progress);
        } catch (IOException e) {
            String what = e instanceof DataException ? e.getMessage()
                    : "downloading " + url + " into " + target.getParent() + " failed: " + Downloader.reason(e);
            throw new DataException("CIFAR-10 not found in " + data.toAbsolutePath().normalize() + ", and " + what + "; try again later or download it yourself", e);
        }
    }

    static CifarFiles locate(Path data) throws DataException {
        if (data == null) {
            throw new IllegalArgumentException("data path must not be null");
        }
        Path found = find(data);
        if (found == null) {
            throw new DataException(missingMessage(data));
        }
        return Files.isRegularFile(found) ? CifarFiles.Archive.of(found) : new CifarFiles.Folder(found);
    }

    /**
     * One short line: where vecnn looked and where to get the data; it ends with the address, so
     * that a caller can add how to point at the copy (no command-line advice here).
     */
    private static String missingMessage(Path data) {
        String tail = "); download the binary version from " + DEFAULT_URL;
        if (data.getFileName() != null && data.getFileName().toString().endsWith(".tar.gz") && !Files.isDirectory(data)) {
            return "CIFAR-10 not found (no file " + data.toAbsolutePath().normalize() + tail;
        }
        return "CIFAR-10 not found in " + data.toAbsolutePath().normalize() + " (looked for " + FOLDER_NAME + "/ and " + ARCHIVE_NAME + tail;
    }
}
