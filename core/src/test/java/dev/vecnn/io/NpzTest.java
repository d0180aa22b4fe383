package dev.vecnn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Npz} against np.savez / np.savez_compressed files (make_npy_fixtures.py) and numpy's np.load. */
class NpzTest {
    @TempDir
    Path tmp;

    @Test
    void readsStoredAndCompressedArchivesNumpyWrote() throws IOException {
        for (String name : new String[] {"stored.npz", "compressed.npz"}) {
            Map<String, NpyArray> a = Npz.read(NpyTest.resource(tmp, name));
            assertThat(a.keySet()).as(name).containsExactly("W1", "b1", "y", "mask", "img", "W2");
            assertThat(a.get("W1").shape()).containsExactly(3, 4);
            assertThat(a.get("W1").doubles()).containsExactly((double[]) NpyTest.expected("f8", 12));
            assertThat(a.get("b1").doubles()).containsExactly((double[]) NpyTest.expected("f8", 4));
            assertThat(a.get("y").longs()).containsExactly((long[]) NpyTest.expected("i8", 5));
            assertThat(a.get("mask").booleans()).containsExactly((boolean[]) NpyTest.expected("b1", 6));
            assertThat(a.get("img").unsignedBytes()).containsExactly((byte[]) NpyTest.expected("u1", 24));
            assertThat(a.get("W2").floats()).containsExactly((float[]) NpyTest.expected("f4", 8));
        }
    }

    @Test
    void roundTripStoredAndCompressedLeavesNoTemporaryFiles() throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("W1", NpyArray.of(new double[] {1, -2.5, 3}, 3, 1));
        arrays.put("b1", NpyArray.of(new float[] {0.5f}, 1));
        arrays.put("t", NpyArray.of(new long[] {42}, new int[0]));
        for (boolean compress : new boolean[] {false, true}) {
            Path file = tmp.resolve("ckpt" + compress + ".npz");
            Npz.write(file, arrays, compress);
            Map<String, NpyArray> back = Npz.read(file);
            assertThat(back.keySet()).containsExactly("W1", "b1", "t");
            assertThat(back.get("W1").doubles()).containsExactly(1, -2.5, 3);
            assertThat(back.get("W1").shape()).containsExactly(3, 1);
            assertThat(back.get("t").longs()).containsExactly(42L);
            assertThat(back.get("t").shape()).isEmpty();
        }
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ckptfalse.npz", "ckpttrue.npz");
        }
    }

    @Test
    void aFailedWriteKeepsTheOldFile() throws IOException {
        Path file = tmp.resolve("keep.npz");
        Map<String, NpyArray> good = Map.of("a", NpyArray.vector(1f, 2f));
        Npz.write(file, good);
        byte[] before = Files.readAllBytes(file);
        Map<String, NpyArray> bad = new LinkedHashMap<>();
        bad.put("a", NpyArray.vector(3f));
        bad.put("", NpyArray.vector(4f));
        assertThatThrownBy(() -> Npz.write(file, bad)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var files = Files.list(tmp)) {
            assertThat(files.count()).isEqualTo(1);
        }
    }

    @Test
    void numpyLoadsWhatJavaWrote() throws Exception {
        PythonCheck.assumeNumpy();
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("W1", NpyArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        arrays.put("b1", NpyArray.of(new float[] {0.25f, -1f, 8f}, 3));
        arrays.put("y", NpyArray.of(new int[] {3, 1, 4}, 3));
        Npz.write(tmp.resolve("s.npz"), arrays, false);
        Npz.write(tmp.resolve("c.npz"), arrays, true);
        String script = "import numpy as np, sys\n"
                + "for f in ('s.npz', 'c.npz'):\n"
                + "    d = np.load(sys.argv[1] + '/' + f)\n"
                + "    assert list(d.keys()) == ['W1', 'b1', 'y'], list(d.keys())\n"
                + "    assert (d['W1'] == np.arange(1, 7, dtype=np.float64).reshape(2, 3)).all()\n"
                + "    assert d['b1'].dtype == np.float32 and (d['b1'] == [0.25, -1, 8]).all()\n"
                + "    assert d['y'].dtype == np.int32 and (d['y'] == [3, 1, 4]).all()\n"
                + "print('ok')\n";
        Path py = tmp.resolve("check.py");
        Files.writeString(py, script);
        assertThat(PythonCheck.run(py.toString(), tmp.toString()).strip()).isEqualTo("ok");
    }

    @Test
    void rejectsWhatIsNotAnNpz() throws IOException {
        assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream("hello".getBytes()), "x.npz"))
                .isInstanceOf(DataException.class).hasMessageContaining("not an .npz");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("notes.txt"));
            zip.write("hi".getBytes());
        }
        assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream(out.toByteArray()), "x.npz"))
                .isInstanceOf(DataException.class).hasMessageContaining("'notes.txt' is not a .npy");
        byte[] good = Files.readAllBytes(NpyTest.resource(tmp, "compressed.npz"));
        byte[] cut = java.util.Arrays.copyOf(good, good.length / 2);
        assertThatThrownBy(() -> Npz.read(new ByteArrayInputStream(cut), "cut.npz"))
                .isInstanceOf(DataException.class).hasMessageContaining("cut.npz");
    }

    /** Issue 21 (hand trial): a folder given as a model or checkpoint answered "Is a directory", naming nothing. */
    @org.junit.jupiter.api.Test
    void aFolderWhereAFileIsExpectedIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Npz.read(dir)).isInstanceOf(DataException.class)
                .hasMessage(dir + ": is a folder; name a file");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Npy.read(dir)).hasMessage(dir + ": is a folder; name a file");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Onnx.read(dir)).hasMessage(dir + ": is a folder; name a file");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.vecnn.infer.InferenceModel.load(dir))
                .hasMessage(dir + ": is a folder; name a file");
    }
}
