package dev.vecnn.data;

import dev.vecnn.io.GzipInput;
import dev.vecnn.io.TarReader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The converted CIFAR-10 on this machine ({@code /work/shared/data/cifar-10-binary.tar.gz}, system
 * property {@code vecnn.sharedData}); every expected value below is from that folder's README.md.
 * Skipped when the file is not there.
 */
class SharedCifarTest {
    private static Path archive;

    @BeforeAll
    static void findArchive() {
        String prop = System.getProperty("vecnn.sharedData");
        archive = prop == null ? null : Path.of(prop);
        assumeTrue(archive != null && Files.isRegularFile(archive),
                "shared CIFAR-10 archive not found (system property vecnn.sharedData = " + prop
                        + "): real-data checks skipped");
    }

    /** One pass over the archive with the tar reader: sha256 per file, class counts, first labels, record 0. */
    @Test
    void filesChecksumsCountsAndFirstRecords() throws Exception {
        Map<String, String> sha = Map.of(
                "data_batch_1.bin", "778cf554c7471a54e00c223231d985c4ff36a2f3e065b6cd2938dfcd4dc29343",
                "data_batch_2.bin", "916713d77e58ab8be66a0ce19b5f095db59142aa53426b1d117b32f631fef8bc",
                "data_batch_3.bin", "7eadf40b274f7f6ff77130ba27ba8abc7daf031a8a774f042dbb153c11addd98",
                "data_batch_4.bin", "796536c8bb0b1a9a8b8537331387011c92cddead99a46c08536aaecaf3c2b5f0",
                "data_batch_5.bin", "b522ffcc7e9702e6c32a6be0d7b2b6087dcdca5f1fd75a604def7da5372ebf82",
                "test_batch.bin", "54ef739278c5d0392e6a6623ce67659a1c6fc57f1d8521f6708c342a8d88493e",
                "batches.meta.txt", "2ce042b1e0b48db4bb214408e6414ba18b2731c24af244f2d6c112fddf31af00");
        int[] trainCounts = new int[10];
        int[] testCounts = new int[10];
        Map<String, byte[]> firstRecords = new HashMap<>();
        Set<String> seen = new HashSet<>();
        byte[] buf = new byte[3073 * 64];
        try (InputStream raw = Files.newInputStream(archive); GzipInput gz = GzipInput.open(raw, archive.toString())) {
            TarReader tar = new TarReader(gz, archive.toString());
            String entry;
            while ((entry = tar.next()) != null) {
                String name = entry.substring(entry.lastIndexOf('/') + 1);
                assertThat(entry).isEqualTo("cifar-10-batches-bin/" + name);
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                InputStream in = tar.entryStream();
                boolean batch = name.endsWith(".bin");
                if (batch) {
                    assertThat(tar.size()).isEqualTo(30_730_000L);
                }
                int[] counts = name.startsWith("data_batch") ? trainCounts : testCounts;
                boolean first = true;
                int n;
                while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                    md.update(buf, 0, n);
                    if (batch) {
                        for (int at = 0; at < n; at += 3073) {
                            counts[buf[at]]++;
                        }
                        if (first) {
                            firstRecords.put(name, java.util.Arrays.copyOf(buf, 3073 * 10));
                            first = false;
                        }
                    }
                }
                assertThat(HexFormat.of().formatHex(md.digest())).as(name).isEqualTo(sha.get(name));
                seen.add(name);
            }
        }
        assertThat(seen).isEqualTo(sha.keySet());
        assertThat(trainCounts).containsOnly(5000);
        assertThat(testCounts).containsOnly(1000);
        assertThat(labels(firstRecords.get("data_batch_1.bin"))).containsExactly(3, 1, 0, 3, 1, 6, 7, 3, 5, 6);
        assertThat(labels(firstRecords.get("test_batch.bin"))).containsExactly(6, 0, 4, 0, 9, 9, 0, 6, 0, 7);
        byte[] r0 = firstRecords.get("data_batch_1.bin");
        assertThat(unsigned(r0, 1, 8)).containsExactly(154, 144, 146, 140, 138, 128, 119, 143);
        assertThat(unsigned(r0, 1 + 1024, 4)).containsExactly(68, 61, 67, 66);
        assertThat(unsigned(r0, 1 + 2048, 4)).containsExactly(33, 27, 37, 39);
    }

    /** The full default load: split class counts and the per-channel means of the training split. */
    @Test
    void assignmentSplitsFromTheArchive() throws IOException {
        CifarSplits s = Cifar10.load(archive);
        assertThat(s.classNames()).containsExactly("airplane", "automobile", "bird", "cat", "deer", "dog",
                "frog", "horse", "ship", "truck");
        assertThat(s.train().shape()).containsExactly(49000, 3, 32, 32);
        assertThat(classCounts(s.train().labels())).containsExactly(4906, 4912, 4894, 4904, 4882, 4901, 4915, 4895, 4891, 4900);
        assertThat(classCounts(s.validation().labels())).containsExactly(94, 88, 106, 96, 118, 99, 85, 105, 109, 100);
        assertThat(classCounts(s.test().labels())).containsExactly(96, 105, 97, 96, 108, 92, 94, 88, 122, 102);
        double[] mean = s.meanImage();
        double[] expected = {125.268305, 122.945214, 113.881284};
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int j = 0; j < 1024; j++) {
                sum += mean[c * 1024 + j];
            }
            assertThat(sum / 1024).as("channel %d mean", c).isCloseTo(expected[c], within(1e-6));
        }
        // record 0 of data_batch_1 is X_train[0]: red pixel 0 is 154 before the mean is subtracted
        assertThat((double) s.train().floats()[0]).isCloseTo(154 - mean[0], within(1e-4));
    }

    private static int[] labels(byte[] records) {
        int[] l = new int[10];
        for (int i = 0; i < 10; i++) {
            l[i] = records[i * 3073];
        }
        return l;
    }

    private static int[] unsigned(byte[] b, int from, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = b[from + i] & 0xFF;
        }
        return v;
    }

    private static int[] classCounts(int[] labels) {
        int[] c = new int[10];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }
}
