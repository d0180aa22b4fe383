package dev.vecnn.data;

import dev.vecnn.tensor.DType;
import dev.vecnn.io.Npz;
import dev.vecnn.io.DataException;
import dev.vecnn.io.PythonCheck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CIFAR-10 loader on small generated data sets, against the naive reference in {@link CifarFixture}. */
class CifarLoaderTest {
    private static final int[] SIZES = {7, 5, 6, 4, 8}; // 30 training records
    @TempDir
    Path tmp;

    private static CifarOptions options(int train, int val, int test) {
        return CifarOptions.defaults().withNumTraining(train).withNumValidation(val).withNumTest(test);
    }

    @Test
    void folderLoadsLikeGetCifar10DataFloat64() throws IOException {
        CifarFixture f = new CifarFixture(1, SIZES, 9);
        Path dir = f.writeFolder(tmp.resolve("cifar-10-batches-bin"));
        CifarSplits s = Cifar10.load(dir, options(24, 5, 6).withPrecision(DType.FLOAT64));
        CifarFixture.Expected e = new CifarFixture.Expected(f, 24, 5, 6, true);
        assertArrayEquals(e.train, s.train().doubles());
        assertArrayEquals(e.val, s.validation().doubles());
        assertArrayEquals(e.test, s.test().doubles());
        assertThat(s.train().labels()).containsExactly(e.yTrain);
        assertThat(s.validation().labels()).containsExactly(e.yVal);
        assertThat(s.test().labels()).containsExactly(e.yTest);
        assertThat(s.meanImage()).containsExactly(e.mean);
        assertThat(s.train().shape()).containsExactly(24, 3, 32, 32);
        assertThat(s.classNames()).isEqualTo(CifarFixture.CLASS_NAMES);
    }

    @Test
    void numTestAtMostTakesTheWholeTestBatchWhenItHoldsFewer() throws IOException {
        CifarFixture f = new CifarFixture(3, SIZES, 9); // 9 test records
        Path archive = tmp.resolve("at-most.tar.gz");
        Files.write(archive, f.tarGz());
        CifarSplits all = Cifar10.load(archive, options(20, 10, 0).withNumTestAtMost(10000));
        CifarFixture.Expected e = new CifarFixture.Expected(f, 20, 10, 9, true);
        assertThat(all.test().count()).isEqualTo(9);
        assertArrayEquals(toFloat(e.test), all.test().floats());
        CifarSplits head = Cifar10.load(f.writeFolder(tmp.resolve("at-most/cifar-10-batches-bin")),
                options(20, 10, 0).withNumTestAtMost(4));
        assertThat(head.test().labels()).containsExactly(Arrays.copyOf(e.yTest, 4));
        assertThatThrownBy(() -> Cifar10.load(archive, options(20, 10, 10)))
                .hasMessageContaining("holds 9 records, but numTest = 10 were asked for");
    }

    @Test
    void archiveLoadsLikeGetCifar10DataFloat32() throws IOException {
        CifarFixture f = new CifarFixture(2, SIZES, 9);
        Path archive = tmp.resolve("cifar-10-binary.tar.gz");
        Files.write(archive, f.tarGz());
        CifarSplits s = Cifar10.load(archive, options(20, 10, 9));
        CifarFixture.Expected e = new CifarFixture.Expected(f, 20, 10, 9, true);
        assertArrayEquals(toFloat(e.train), s.train().floats());
        assertArrayEquals(toFloat(e.val), s.validation().floats());
        assertArrayEquals(toFloat(e.test), s.test().floats());
        assertThat(s.test().labels()).containsExactly(e.yTest);
        // the same result through "a folder that contains the archive"
        CifarSplits again = Cifar10.load(tmp, options(20, 10, 9));
        assertArrayEquals(s.train().floats(), again.train().floats());
    }

    /** Keeping a head of the training split: those rows, the mean over the whole split (CifarFixture's numpy-style reference). */
    @Test
    void keptTrainingStoresTheHeadAndStillSubtractsTheWholeSplitsMean() throws IOException {
        CifarFixture f = new CifarFixture(3, SIZES, 9);
        Path archive = tmp.resolve("cifar-10-binary.tar.gz");
        Files.write(archive, f.tarGz());
        CifarSplits s = Cifar10.load(archive, options(20, 10, 0).withKeptTraining(6).withPrecision(DType.FLOAT64));
        CifarFixture.Expected e = new CifarFixture.Expected(f, 20, 10, 0, true);
        assertThat(s.train().count()).isEqualTo(6);
        assertArrayEquals(java.util.Arrays.copyOf(e.train, 6 * 3072), s.train().doubles());
        assertThat(s.train().labels()).containsExactly(java.util.Arrays.copyOf(e.yTrain, 6));
        assertArrayEquals(e.val, s.validation().doubles());
        assertThat(s.meanImage()).containsExactly(e.mean);
        assertThat(options(20, 10, 0).withKeptTraining(50).keptTraining()).isEqualTo(20);
        assertThat(options(20, 10, 0).withKeptTraining(6).arrayBytes()).isEqualTo((6L + 10) * 3072 * 4 + (6 + 10) * 4);
        assertThatThrownBy(() -> options(20, 10, 0).withKeptTraining(-1)).hasMessageContaining("keptTraining")
                .hasMessageContaining("-1");
    }

    @Test
    void folderContainingTheExtractedFolderAndNoMeanSubtraction() throws IOException {
        CifarFixture f = new CifarFixture(3, SIZES, 4);
        f.writeFolder(tmp.resolve("cifar-10-batches-bin"));
        CifarSplits s = Cifar10.load(tmp, options(30, 0, 4).withSubtractMean(false));
        CifarFixture.Expected e = new CifarFixture.Expected(f, 30, 0, 4, false);
        assertArrayEquals(toFloat(e.train), s.train().floats());
        assertThat(s.validation().count()).isZero();
        assertThat(s.validation().floats()).isEmpty();
        assertThat(s.meanImage()).isNull();
    }

    @Test
    void archiveWithBatchesOutOfOrderIsReadInTwoPasses() throws IOException {
        CifarFixture f = new CifarFixture(4, SIZES, 5);
        List<String> order = List.of("test_batch.bin", "data_batch_4.bin", "data_batch_2.bin", "batches.meta.txt",
                "data_batch_5.bin", "data_batch_1.bin", "data_batch_3.bin");
        Path archive = tmp.resolve("shuffled.tar.gz");
        Files.write(archive, CifarFixture.gzip(f.tar(order)));
        CifarSplits s = Cifar10.load(archive, options(25, 5, 5).withPrecision(DType.FLOAT64));
        CifarFixture.Expected e = new CifarFixture.Expected(f, 25, 5, 5, true);
        assertArrayEquals(e.train, s.train().doubles());
        assertArrayEquals(e.val, s.validation().doubles());
        assertThat(s.validation().labels()).containsExactly(e.yVal);
    }

    /** An archive written by Python's tarfile (pax headers, long names, a readme): see make_npy_fixtures.py. */
    @Test
    void paxArchiveWrittenByPython() throws IOException {
        Path archive = copyResource("cifar_pax_tiny.tar.gz");
        CifarSplits s = Cifar10.load(archive, options(8, 2, 2).withSubtractMean(false));
        float[] x = s.train().floats();
        for (int g = 0; g < 8; g++) {
            assertThat(s.train().labels()[g]).isEqualTo(g % 10);
            for (int j = 0; j < 3072; j += 97) {
                assertThat(x[g * 3072 + j]).isEqualTo((g * 7 + j) % 256);
            }
        }
        assertThat(s.validation().labels()).containsExactly(8, 9);
        assertThat(s.validation().floats()[3072 + 5]).isEqualTo((9 * 7 + 5) % 256);
        assertThat(s.test().labels()).containsExactly(5, 6);
        assertThat(s.test().floats()[3072 + 100]).isEqualTo((11 + 300) % 256);
    }

    @Test
    void missingDataSaysWhereItLookedAndWhatToDo() {
        Path nowhere = tmp.resolve("nothing-here");
        assertThatThrownBy(() -> Cifar10.load(nowhere))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(nowhere.toString())
                .hasMessageContaining("cifar-10-batches-bin")
                .hasMessageContaining(Cifar10.DEFAULT_URL)
                .hasMessageNotContaining("--data"); // a library message: the CLI adds its flag
    }

    @Test
    void anEmptyArchiveSaysItIsEmpty() throws IOException {
        Path empty = Files.createFile(tmp.resolve("empty.tar.gz"));
        assertThatThrownBy(() -> Cifar10.load(empty))
                .isInstanceOf(DataException.class)
                .hasMessage(empty + ": not a gzip file (it is empty)");
        Path oneByte = Files.write(tmp.resolve("one-byte.tar.gz"), new byte[] {0x1f});
        assertThatThrownBy(() -> Cifar10.load(oneByte))
                .isInstanceOf(DataException.class)
                .hasMessageNotContaining("null")
                .hasMessageContaining(oneByte + ": not a gzip file (");
    }

    @Test
    void missingBatchIsNamed() throws IOException {
        CifarFixture f = new CifarFixture(5, SIZES, 3);
        Path dir = f.writeFolder(tmp.resolve("cifar-10-batches-bin"));
        Files.delete(dir.resolve("test_batch.bin"));
        assertThatThrownBy(() -> Cifar10.load(dir, options(5, 1, 1)))
                .isInstanceOf(DataException.class).hasMessageContaining("test_batch.bin is missing");
    }

    @Test
    void batchSizeNotAMultipleOfTheRecordSize() throws IOException {
        CifarFixture f = new CifarFixture(6, SIZES, 3);
        Path dir = f.writeFolder(tmp.resolve("cifar-10-batches-bin"));
        byte[] b2 = f.files.get("data_batch_2.bin");
        Files.write(dir.resolve("data_batch_2.bin"), Arrays.copyOf(b2, b2.length - 100));
        assertThatThrownBy(() -> Cifar10.load(dir, options(5, 1, 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("data_batch_2.bin")
                .hasMessageContaining("size " + (b2.length - 100))
                .hasMessageContaining("multiple of the record size 3073");
    }

    /** Issue 21: an empty data_batch_1.bin let the other batches shift in; it is refused by name. */
    @Test
    void anEmptyBatchIsRefusedByName() throws IOException {
        CifarFixture f = new CifarFixture(16, SIZES, 3);
        Path dir = f.writeFolder(tmp.resolve("empty-batch"));
        Files.write(dir.resolve("data_batch_1.bin"), new byte[0]);
        assertThatThrownBy(() -> Cifar10.load(dir, options(2, 1, 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining(dir.resolve("data_batch_1.bin") + ": the file is empty (0 bytes)");
        f.files.put("data_batch_1.bin", new byte[0]);
        Path archive = tmp.resolve("empty-batch.tar.gz");
        Files.write(archive, f.tarGz());
        assertThatThrownBy(() -> Cifar10.load(archive, options(2, 1, 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("data_batch_1.bin: the file is empty (0 bytes)");
    }

    /** Issue 21: a link inside the archive was refused but reported as "data_batch_1.bin is missing". */
    @Test
    void aLinkInsideTheArchiveIsNamedAsALink() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/tar")) || Files.isExecutable(Path.of("/usr/bin/tar")));
        CifarFixture f = new CifarFixture(18, SIZES, 3);
        Path root = tmp.resolve("linked");
        Path dir = f.writeFolder(root.resolve("cifar-10-batches-bin"));
        Files.move(dir.resolve("data_batch_1.bin"), root.resolve("elsewhere.bin"));
        Files.createSymbolicLink(dir.resolve("data_batch_1.bin"), Path.of("../elsewhere.bin"));
        Path archive = tmp.resolve("linked.tar.gz");
        Process tar = new ProcessBuilder("tar", "czf", archive.toString(), "-C", root.toString(), "cifar-10-batches-bin")
                .redirectErrorStream(true).start();
        tar.getInputStream().readAllBytes();
        assertThat(tar.waitFor()).isZero();
        assertThatThrownBy(() -> Cifar10.load(archive, options(5, 1, 1)))
                .isInstanceOf(DataException.class)
                .hasMessage(archive + ": data_batch_1.bin is not a regular file: " + archive
                        + "!cifar-10-batches-bin/data_batch_1.bin is a symbolic link to ../elsewhere.bin inside the archive,"
                        + " which vecnn does not follow (a link could point anywhere): extract the archive and give --data"
                        + " the folder, or use an archive of regular files");
        // in a folder a link is followed (the file system resolves it); one to nowhere is named
        assertThat(Cifar10.load(dir, options(5, 1, 1)).train().count()).isEqualTo(5);
        Files.delete(root.resolve("elsewhere.bin"));
        assertThatThrownBy(() -> Cifar10.load(dir, options(5, 1, 1)))
                .hasMessage(dir + ": data_batch_1.bin is not a regular file: a symbolic link to ../elsewhere.bin, which does not exist");
    }

    @Test
    void verifyReadsEveryRecordAndStoresNone() throws IOException {
        CifarFixture f = new CifarFixture(17, SIZES, 3);
        Path dir = f.writeFolder(tmp.resolve("verify"));
        assertThat(Cifar10.verify(dir)).isEqualTo(30);
        byte[] b5 = f.files.get("data_batch_5.bin");
        b5[7 * 3073] = (byte) 200; // the last record of the last batch: read and checked, though nothing is stored
        Files.write(dir.resolve("data_batch_5.bin"), b5);
        assertThatThrownBy(() -> Cifar10.verify(dir)).isInstanceOf(DataException.class)
                .hasMessageContaining("data_batch_5.bin: record 7 ").hasMessageContaining("label 200, expected 0..9");
    }

    @Test
    void labelOutOfRangeNamesFileAndRecord() throws IOException {
        CifarFixture f = new CifarFixture(7, SIZES, 3);
        byte[] b3 = f.files.get("data_batch_3.bin");
        b3[4 * 3073] = 10;
        Path archive = tmp.resolve("bad.tar.gz");
        Files.write(archive, f.tarGz());
        assertThatThrownBy(() -> Cifar10.load(archive, options(5, 1, 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("data_batch_3.bin")
                .hasMessageContaining("record 4 ")
                .hasMessageContaining("label 10, expected 0..9");
    }

    @Test
    void metaWithWrongNumberOfNames() throws IOException {
        CifarFixture f = new CifarFixture(8, SIZES, 3);
        f.files.put("batches.meta.txt", "cat\ndog\n".getBytes());
        Path dir = f.writeFolder(tmp.resolve("d"));
        assertThatThrownBy(() -> Cifar10.load(dir, options(5, 1, 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("batches.meta.txt")
                .hasMessageContaining("lists 2 class names, expected 10");
    }

    @Test
    void truncatedArchiveNamesAnOffset() throws IOException {
        CifarFixture f = new CifarFixture(9, SIZES, 3);
        byte[] gz = f.tarGz();
        Path archive = tmp.resolve("cut.tar.gz");
        Files.write(archive, Arrays.copyOf(gz, gz.length / 2));
        assertThatThrownBy(() -> Cifar10.load(archive, options(5, 1, 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("cut.tar.gz")
                .hasMessageContaining("truncated")
                .hasMessageContaining("byte offset");
        // cut inside the tar stream, gzip intact
        byte[] tar = f.tar(new ArrayList<>(f.files.keySet()));
        Files.write(archive, CifarFixture.gzip(Arrays.copyOf(tar, 512 * 9 + 100)));
        assertThatThrownBy(() -> Cifar10.load(archive, options(5, 1, 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("truncated tar archive")
                .hasMessageContaining("byte offset");
    }

    @Test
    void corruptTarHeaderChecksum() throws IOException {
        CifarFixture f = new CifarFixture(10, SIZES, 3);
        byte[] tar = f.tar(new ArrayList<>(f.files.keySet()));
        tar[512 + 10] ^= 1; // a name byte of the second header (batches.meta.txt)
        Path archive = tmp.resolve("corrupt.tar.gz");
        Files.write(archive, CifarFixture.gzip(tar));
        assertThatThrownBy(() -> Cifar10.load(archive, options(5, 1, 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("corrupt tar header at byte offset 512")
                .hasMessageContaining("checksum");
    }

    @Test
    void corruptGzipData() throws IOException {
        CifarFixture f = new CifarFixture(11, SIZES, 3);
        byte[] gz = f.tarGz();
        gz[gz.length / 2] ^= 0x55;
        Path archive = tmp.resolve("flipped.tar.gz");
        Files.write(archive, gz);
        assertThatThrownBy(() -> Cifar10.load(archive, options(5, 1, 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("flipped.tar.gz");
        Files.write(archive, "this is not gzip".getBytes());
        assertThatThrownBy(() -> Cifar10.load(archive, options(5, 1, 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("not a gzip file");
    }

    @Test
    void askingForMoreRecordsThanThereAre() throws IOException {
        CifarFixture f = new CifarFixture(12, SIZES, 3);
        Path dir = f.writeFolder(tmp.resolve("d"));
        assertThatThrownBy(() -> Cifar10.load(dir, options(29, 2, 1)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("hold 30 records")
                .hasMessageContaining("29 + 2 = 31");
        assertThatThrownBy(() -> Cifar10.load(dir, options(1, 1, 4)))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("test_batch.bin holds 3 records");
    }

    @Test
    void duplicateEntriesInAnArchive() throws IOException {
        CifarFixture f = new CifarFixture(13, SIZES, 3);
        List<String> order = new ArrayList<>(f.files.keySet());
        order.add("data_batch_1.bin");
        Path archive = tmp.resolve("dup.tar.gz");
        Files.write(archive, CifarFixture.gzip(f.tar(order)));
        assertThatThrownBy(() -> Cifar10.load(archive, options(5, 1, 1)))
                .isInstanceOf(DataException.class).hasMessageContaining("two files named data_batch_1.bin");
    }

    /**
     * Cross-check with numpy: the assignment's load_CIFAR10 / get_CIFAR10_data code (binary-batch
     * variant, in src/test/python/cifar_reference.py) run on the same folder. Skipped without numpy.
     */
    @Test
    void matchesNumpyGetCifar10Data() throws Exception {
        PythonCheck.assumeNumpy();
        CifarFixture f = new CifarFixture(14, SIZES, 7);
        Path dir = f.writeFolder(tmp.resolve("cifar-10-batches-bin"));
        Path out = tmp.resolve("ref.npz");
        PythonCheck.run("src/test/python/cifar_reference.py", dir.toString(), "22", "6", "5", out.toString());
        var ref = Npz.read(out);
        CifarSplits s64 = Cifar10.load(dir, options(22, 6, 5).withPrecision(DType.FLOAT64));
        assertArrayEquals(ref.get("X_train").doubles(), s64.train().doubles());
        assertArrayEquals(ref.get("X_val").doubles(), s64.validation().doubles());
        assertArrayEquals(ref.get("X_test").doubles(), s64.test().doubles());
        assertThat(Arrays.stream(s64.train().labels()).asLongStream().toArray()).containsExactly(ref.get("y_train").longs());
        assertThat(ref.get("X_train").shape()).containsExactly(22, 3, 32, 32);
        CifarSplits s32 = Cifar10.load(dir, options(22, 6, 5));
        assertArrayEquals(ref.get("X_test_f32").floats(), s32.test().floats());
    }

    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    private Path copyResource(String name) throws IOException {
        Path target = tmp.resolve(name);
        try (InputStream in = CifarLoaderTest.class.getResourceAsStream(name)) {
            Files.copy(in, target);
        }
        return target;
    }

    static InputStream bytes(byte[] b) {
        return new ByteArrayInputStream(b);
    }

    static Stream<Path> list(Path dir) throws IOException {
        return Files.list(dir);
    }
}
