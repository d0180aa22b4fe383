package dev.vecnn.data;

import dev.vecnn.tensor.DType;
import dev.vecnn.io.DataException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Streams the CIFAR-10 binary batches into the split arrays of {@code get_CIFAR10_data}.
 *
 * <p>Records go straight from a small chunk buffer (at most {@value #CHUNK_RECORDS} records, about
 * 1 MB) into their destination array: training record {@code g} (counting across
 * {@code data_batch_1..5}) goes to {@code X_train[g]} if {@code g < numTraining}, to
 * {@code X_val[g - numTraining]} if it is below {@code numTraining + numValidation}, and is
 * dropped otherwise; test record {@code g} goes to {@code X_test[g]} if {@code g < numTest}. The
 * per-pixel sums of the training split are accumulated exactly (as {@code int}: at most 699050 images x 255) on the way, so
 * the mean image is {@code sum / numTraining} in float64 — exactly numpy's
 * {@code np.mean(X_train, axis=0)} on float64 data, since sums of bytes are exact in float64 —
 * and is then subtracted in float64 and rounded once to the requested precision. With
 * {@link CifarOptions#withKeptTraining} only the first training records are stored; the rest are
 * summed and dropped. Heap needed: the
 * three destination arrays, the chunk buffer and the 3072 sums.
 *
 * <p>A training batch can only be placed once the record counts of the batches before it are known;
 * an archive that stores them out of order is therefore read a second time.
 */
final class CifarLoader implements CifarFiles.Visitor {
    static final int CHUNK_RECORDS = 341;
    private static final int IMAGE = Cifar10.IMAGE_BYTES;
    private static final int RECORD = Cifar10.RECORD_BYTES;
    private static final int MAX_META_BYTES = 1 << 16;

    private final CifarFiles files;
    private final CifarOptions options;
    private final long[] batchRecords = new long[CifarFiles.TRAIN_BATCHES];
    private final boolean[] batchPlaced = new boolean[CifarFiles.TRAIN_BATCHES];
    private long testRecords = -1;
    private boolean testPlaced;
    private List<String> classNames;
    private final Set<String> seenThisPass = new HashSet<>();
    private final Set<String> seenEver = new HashSet<>();

    private final Destination train;
    private final Destination validation;
    private Destination test;
    /** Per-pixel sums over the training split: at most 699050 x 255 &lt; 2^31, so int is exact. */
    private final int[] pixelSums = new int[IMAGE];
    private byte[] chunk;

    CifarLoader(CifarFiles files, CifarOptions options) {
        this.files = files;
        this.options = options;
        Arrays.fill(batchRecords, -1);
        boolean single = options.precision() == DType.FLOAT32;
        train = new Destination(options.keptTraining(), single);
        validation = new Destination(options.numValidation(), single);
        test = new Destination(options.numTest(), single);
    }

    CifarSplits load() throws IOException {
        if (options.subtractMean() && options.numTraining() == 0) {
            throw new IllegalArgumentException("subtractMean needs numTraining >= 1 (the mean image is "
                    + "taken over the training split), got numTraining 0");
        }
        scanOnce();
        List<String> missing = new ArrayList<>();
        for (String name : CifarFiles.NAMES) {
            if (!seenEver.contains(name)) {
                missing.add(name);
            }
        }
        for (String name : missing) {
            String why = files.notAFile(name);
            if (why != null) {
                throw new DataException(files.describe() + ": " + name + " is not a regular file: " + why);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException(files.describe() + " is not a complete CIFAR-10 binary data set: "
                    + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " missing (expected "
                    + String.join(", ", CifarFiles.NAMES) + "). Download it again from " + Cifar10.DEFAULT_URL
                    + " or use a complete copy.");
        }
        if (!allPlaced()) {
            scanOnce(); // batches were stored out of order: their positions are known now
        }
        long totalTrain = 0;
        for (long n : batchRecords) {
            totalTrain += n;
        }
        long wantedTrain = (long) options.numTraining() + options.numValidation();
        if (totalTrain < wantedTrain) {
            throw new DataException(files.describe() + ": the training batches hold " + totalTrain
                    + " records, but numTraining + numValidation = " + options.numTraining() + " + "
                    + options.numValidation() + " = " + wantedTrain + " were asked for");
        }
        if (testRecords < options.numTest() && !options.numTestAtMost()) {
            throw new DataException(files.describe() + ": " + CifarFiles.TEST + " holds " + testRecords
                    + " records, but numTest = " + options.numTest() + " were asked for");
        }
        double[] mean = null;
        if (options.subtractMean()) {
            mean = new double[IMAGE];
            for (int j = 0; j < IMAGE; j++) {
                mean[j] = pixelSums[j] / (double) options.numTraining();
            }
            train.subtract(mean);
            validation.subtract(mean);
            test.subtract(mean);
        }
        return new CifarSplits(train.toSplit(), validation.toSplit(), test.toSplit(), classNames, mean);
    }

    /** Records in the five training batches (after {@link #load}). */
    long trainingRecords() {
        long n = 0;
        for (long b : batchRecords) {
            n += Math.max(b, 0);
        }
        return n;
    }

    private void scanOnce() throws IOException {
        seenThisPass.clear();
        files.scan(this);
    }

    private boolean allPlaced() {
        for (boolean placed : batchPlaced) {
            if (!placed) {
                return false;
            }
        }
        return testPlaced;
    }

    @Override
    public void file(String name, String where, long size, InputStream data) throws IOException {
        if (!seenThisPass.add(name)) {
            throw new DataException(files.describe() + " holds two files named " + name
                    + " (the second is " + where + "); expected exactly one");
        }
        seenEver.add(name);
        if (name.equals(CifarFiles.META)) {
            if (classNames == null) {
                classNames = readClassNames(where, size, data);
            }
        } else if (name.equals(CifarFiles.TEST)) {
            testRecords = recordCount(where, size);
            if (options.numTestAtMost() && testRecords < options.numTest() && test.labels == null) {
                test = new Destination((int) testRecords, options.precision() == DType.FLOAT32); // all of them
            }
            if (!testPlaced) {
                readRecords(where, data, testRecords, false, 0);
                testPlaced = true;
            }
        } else {
            int batch = name.charAt("data_batch_".length()) - '1';
            batchRecords[batch] = recordCount(where, size);
            if (!batchPlaced[batch]) {
                long first = 0;
                for (int b = 0; b < batch; b++) {
                    if (batchRecords[b] < 0) {
                        return; // position unknown yet: placed in the second pass
                    }
                    first += batchRecords[b];
                }
                readRecords(where, data, batchRecords[batch], true, first);
                batchPlaced[batch] = true;
            }
        }
    }

    private static long recordCount(String where, long size) throws DataException {
        if (size == 0) {
            // An empty batch would shift every later batch's records into its place (or leave a
            // split short): refused by name, whatever counts were asked for.
            throw new DataException(where + ": the file is empty (0 bytes); a CIFAR-10 batch holds records of "
                    + RECORD + " bytes (10000 in the official data set): the file is truncated, download or copy it again");
        }
        if (size % RECORD != 0) {
            throw new DataException(where + ": size " + size + " bytes is not a multiple of the record size "
                    + RECORD + " (1 label byte + 3072 pixel bytes); " + (size / RECORD) + " whole records and "
                    + (size % RECORD) + " bytes left over: the file is truncated or not a CIFAR-10 binary batch");
        }
        return size / RECORD;
    }

    private static List<String> readClassNames(String where, long size, InputStream data) throws IOException {
        if (size > MAX_META_BYTES) {
            throw new DataException(where + ": " + size + " bytes is too large for a list of class names (at most "
                    + MAX_META_BYTES + " expected)");
        }
        byte[] bytes = new byte[(int) size];
        readFully(data, bytes, bytes.length, where, 0);
        List<String> names = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                names.add(trimmed);
            }
        }
        if (names.size() != Cifar10.CLASSES) {
            throw new DataException(where + ": lists " + names.size() + " class names, expected "
                    + Cifar10.CLASSES + " (one per line, in label order)"
                    + (names.size() <= 20 ? ": " + names : ""));
        }
        return names;
    }

    private void readRecords(String where, InputStream data, long records, boolean training, long first)
            throws IOException {
        int wanted = (int) Math.min(CHUNK_RECORDS, records);
        if (chunk == null || chunk.length < wanted * RECORD) {
            chunk = new byte[wanted * RECORD];
        }
        long done = 0;
        while (done < records) {
            int n = (int) Math.min(chunk.length / RECORD, records - done);
            readFully(data, chunk, n * RECORD, where, done * RECORD);
            for (int i = 0; i < n; i++) {
                int at = i * RECORD;
                int label = chunk[at] & 0xFF;
                if (label >= Cifar10.CLASSES) {
                    long record = done + i;
                    throw new DataException(where + ": record " + record + " (byte offset " + record * RECORD
                            + ") has label " + label + ", expected 0..9");
                }
                place(training, first + done + i, label, at + 1);
            }
            done += n;
        }
    }

    private void place(boolean training, long index, int label, int pixelsAt) {
        if (!training) {
            if (index < options.numTest()) {
                test.put((int) index, label, chunk, pixelsAt);
            }
            return;
        }
        if (index < options.numTraining()) {
            if (index < train.count) {
                train.put((int) index, label, chunk, pixelsAt);
            }
            int[] sums = pixelSums;
            byte[] c = chunk;
            for (int j = 0; j < IMAGE; j++) {
                sums[j] += c[pixelsAt + j] & 0xFF;
            }
        } else if (index - options.numTraining() < options.numValidation()) {
            validation.put((int) (index - options.numTraining()), label, chunk, pixelsAt);
        }
    }

    private static void readFully(InputStream in, byte[] buf, int length, String where, long fileOffset)
            throws IOException {
        int total = 0;
        while (total < length) {
            int n = in.read(buf, total, length - total);
            if (n < 0) {
                throw new DataException(where + ": truncated: the data ends at byte offset " + (fileOffset + total)
                        + ", before the size the file announced");
            }
            total += n;
        }
    }

    /** One split's arrays, allocated when its first record arrives. */
    private static final class Destination {
        final int count;
        final boolean single;
        float[] floats;
        double[] doubles;
        int[] labels;

        Destination(int count, boolean single) {
            this.count = count;
            this.single = single;
        }

        void put(int index, int label, byte[] src, int srcAt) {
            if (labels == null) {
                allocate();
            }
            labels[index] = label;
            int to = index * IMAGE;
            if (single) {
                float[] dst = floats;
                for (int j = 0; j < IMAGE; j++) {
                    dst[to + j] = src[srcAt + j] & 0xFF;
                }
            } else {
                double[] dst = doubles;
                for (int j = 0; j < IMAGE; j++) {
                    dst[to + j] = src[srcAt + j] & 0xFF;
                }
            }
        }

        private void allocate() {
            labels = new int[count];
            if (single) {
                floats = new float[Math.multiplyExact(count, IMAGE)];
            } else {
                doubles = new double[Math.multiplyExact(count, IMAGE)];
            }
        }

        /** X -= mean_image, in float64, rounded once to float32 if that is the precision. */
        void subtract(double[] mean) {
            if (labels == null) {
                return;
            }
            for (int i = 0; i < count; i++) {
                int at = i * IMAGE;
                if (single) {
                    float[] x = floats;
                    for (int j = 0; j < IMAGE; j++) {
                        x[at + j] = (float) (x[at + j] - mean[j]);
                    }
                } else {
                    double[] x = doubles;
                    for (int j = 0; j < IMAGE; j++) {
                        x[at + j] = x[at + j] - mean[j];
                    }
                }
            }
        }

        ImageSplit toSplit() {
            if (labels == null) {
                allocate();
            }
            return new ImageSplit(count, 32, 32, floats, doubles, labels);
        }
    }
}
