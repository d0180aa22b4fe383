package dev.vecnn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * A small CIFAR-10-shaped data set generated from a seed: five training batches and a test batch
 * of a few records each, random labels 0..9 and random pixels, plus {@code batches.meta.txt}.
 * Writes it as a folder or as a {@code .tar.gz} (a minimal ustar writer of its own, so the reader is
 * not tested against itself), and computes the expected {@code get_CIFAR10_data} result the naive
 * way (the reference for the loader tests).
 */
final class CifarFixture {
    static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    /** File name to content, in the order a sorted archive holds them. */
    final Map<String, byte[]> files = new LinkedHashMap<>();
    final byte[][] trainRecords;
    final byte[][] testRecords;

    CifarFixture(long seed, int[] batchSizes, int testSize) {
        Random rng = new Random(seed);
        StringBuilder meta = new StringBuilder();
        for (String n : CLASS_NAMES) {
            meta.append(n).append('\n');
        }
        meta.append('\n'); // the official file ends with an empty line too
        files.put("batches.meta.txt", meta.toString().getBytes(StandardCharsets.US_ASCII));
        List<byte[]> train = new ArrayList<>();
        for (int b = 0; b < 5; b++) {
            ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int r = 0; r < batchSizes[b]; r++) {
                byte[] rec = randomRecord(rng);
                train.add(rec);
                batch.writeBytes(rec);
            }
            files.put("data_batch_" + (b + 1) + ".bin", batch.toByteArray());
        }
        ByteArrayOutputStream testBatch = new ByteArrayOutputStream();
        List<byte[]> test = new ArrayList<>();
        for (int r = 0; r < testSize; r++) {
            byte[] rec = randomRecord(rng);
            test.add(rec);
            testBatch.writeBytes(rec);
        }
        files.put("test_batch.bin", testBatch.toByteArray());
        trainRecords = train.toArray(new byte[0][]);
        testRecords = test.toArray(new byte[0][]);
    }

    private static byte[] randomRecord(Random rng) {
        byte[] rec = new byte[3073];
        rng.nextBytes(rec);
        rec[0] = (byte) rng.nextInt(10);
        return rec;
    }

    /** Writes the files into {@code dir}. */
    Path writeFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        return dir;
    }

    /** The uncompressed tar stream with the files under {@code cifar-10-batches-bin/} in the given order. */
    byte[] tar(List<String> order) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(tarHeader("cifar-10-batches-bin/", 0, '5'));
        for (String name : order) {
            byte[] data = files.get(name);
            out.writeBytes(tarHeader("cifar-10-batches-bin/" + name, data.length, '0'));
            out.writeBytes(data);
            out.writeBytes(new byte[(512 - data.length % 512) % 512]);
        }
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    byte[] tarGz() throws IOException {
        return gzip(tar(new ArrayList<>(files.keySet())));
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** A ustar header block: name, mode, uid, gid, size, mtime, checksum, type, magic. */
    static byte[] tarHeader(String name, long size, char type) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, n.length);
        putOctal(h, 100, 8, 0644);
        putOctal(h, 108, 8, 0);
        putOctal(h, 116, 8, 0);
        putOctal(h, 124, 12, size);
        putOctal(h, 136, 12, 1620950400L);
        h[156] = (byte) type;
        byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, h, 257, magic.length);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xFF;
        }
        String chk = String.format("%06o", sum);
        for (int i = 0; i < 6; i++) {
            h[148 + i] = (byte) chk.charAt(i);
        }
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void putOctal(byte[] h, int at, int width, long value) {
        String s = String.format("%0" + (width - 1) + "o", value);
        for (int i = 0; i < s.length(); i++) {
            h[at + i] = (byte) s.charAt(i);
        }
        h[at + width - 1] = 0;
    }

    /** The expected split, computed naively: mean over the training split in double, then subtracted. */
    static final class Expected {
        final double[] train;
        final double[] val;
        final double[] test;
        final int[] yTrain;
        final int[] yVal;
        final int[] yTest;
        final double[] mean;

        Expected(CifarFixture f, int nTrain, int nVal, int nTest, boolean subtract) {
            yTrain = new int[nTrain];
            yVal = new int[nVal];
            yTest = new int[nTest];
            train = pixels(f.trainRecords, 0, nTrain, yTrain);
            val = pixels(f.trainRecords, nTrain, nVal, yVal);
            test = pixels(f.testRecords, 0, nTest, yTest);
            mean = new double[3072];
            if (subtract) {
                for (int j = 0; j < 3072; j++) {
                    double s = 0;
                    for (int i = 0; i < nTrain; i++) {
                        s += train[i * 3072 + j];
                    }
                    mean[j] = s / nTrain;
                }
                for (double[] x : new double[][] {train, val, test}) {
                    for (int i = 0; i < x.length; i++) {
                        x[i] -= mean[i % 3072];
                    }
                }
            }
        }

        private static double[] pixels(byte[][] records, int first, int n, int[] labels) {
            double[] x = new double[n * 3072];
            for (int i = 0; i < n; i++) {
                byte[] rec = records[first + i];
                labels[i] = rec[0];
                for (int j = 0; j < 3072; j++) {
                    x[i * 3072 + j] = rec[1 + j] & 0xFF;
                }
            }
            return x;
        }
    }
}
