package dev.vecnn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Npy} against files numpy wrote ({@code src/test/python/make_npy_fixtures.py}; the values
 * follow the formulas documented there, recomputed here), Java→numpy round trips, and rejects.
 */
class NpyTest {
    @TempDir
    Path tmp;

    static Object expected(String dtype, int n) {
        switch (dtype) {
            case "f4": {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (i - 3) * 0.25f;
                }
                return v;
            }
            case "f8": {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (i - 3) * 0.25;
                }
                return v;
            }
            case "i4": {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (i - 3) * 1000003;
                }
                return v;
            }
            case "i8": {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (i - 3) * 1000003L * (1L << 33);
                }
                return v;
            }
            case "u1": {
                byte[] v = new byte[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (byte) ((i * 37) % 256);
                }
                return v;
            }
            case "b1": {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = i % 3 == 0;
                }
                return v;
            }
            default:
                throw new IllegalArgumentException(dtype);
        }
    }

    static Path resource(Path tmp, String name) throws IOException {
        Path target = tmp.resolve(name);
        // The numpy fixtures sit with the data tests' (FuzzTargets seeds its fuzzing with them too).
        try (InputStream in = NpyTest.class.getResourceAsStream("/dev/vecnn/data/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name + ": run src/test/python/make_npy_fixtures.py");
            }
            Files.copy(in, target);
        }
        return target;
    }

    @ParameterizedTest
    @CsvSource({"f4", "f8", "i4", "i8", "u1", "b1"})
    void readsWhatNumpyWrote(String dtype) throws IOException {
        Map<String, int[]> shapes = Map.of("2x3", new int[] {2, 3}, "scalar", new int[0], "empty", new int[] {0},
                "3x1x2", new int[] {3, 1, 2}, "vec70", new int[] {70});
        for (Map.Entry<String, int[]> s : shapes.entrySet()) {
            NpyArray a = Npy.read(resource(tmp, dtype + "_" + s.getKey() + ".npy"));
            int n = (int) NpyArray.product(s.getValue());
            assertThat(a.shape()).as(s.getKey()).containsExactly(s.getValue());
            assertThat(a.type().descr()).endsWith(dtype);
            assertThat(a.data()).as(dtype + " " + s.getKey()).isEqualTo(expected(dtype, n));
        }
    }

    @Test
    void readsFormat2AndSpecialValues() throws IOException {
        NpyArray v2 = Npy.read(resource(tmp, "f8_2x3_v2.npy"));
        assertThat(v2.doubles()).containsExactly((double[]) expected("f8", 6));
        float[] f = Npy.read(resource(tmp, "f4_special.npy")).floats();
        assertThat(f[0]).isNaN();
        assertThat(f).startsWith(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);
        assertThat(Float.floatToRawIntBits(f[3])).isEqualTo(0x80000000);
        assertThat(f[4]).isEqualTo(Float.MIN_VALUE);
        assertThat(f[5]).isEqualTo(Float.MAX_VALUE);
        double[] d = Npy.read(resource(tmp, "f8_special.npy")).doubles();
        assertThat(Double.doubleToRawLongBits(d[3])).isEqualTo(0x8000000000000000L);
        assertThat(d[4]).isEqualTo(Double.MIN_VALUE);
        assertThat(d[5]).isEqualTo(Double.MAX_VALUE);
    }

    @Test
    void rejectsWhatItDoesNotSupportWithReasons() throws IOException {
        assertThatThrownBy(() -> Npy.read(resource(tmp, "reject_fortran.npy")))
                .isInstanceOf(DataException.class).hasMessageContaining("fortran_order True");
        assertThatThrownBy(() -> Npy.read(resource(tmp, "reject_bigendian.npy")))
                .isInstanceOf(DataException.class).hasMessageContaining("dtype '>f4' is not supported");
        assertThatThrownBy(() -> Npy.read(resource(tmp, "reject_complex.npy")))
                .isInstanceOf(DataException.class).hasMessageContaining("dtype '<c8'");
    }

    @Test
    void writesTheHeaderNumpyWrites() throws IOException {
        // numpy's own bytes for np.save of a (2, 3) float32 array: compare whole files.
        byte[] numpys = Files.readAllBytes(resource(tmp, "f4_2x3.npy"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, NpyArray.of((float[]) expected("f4", 6), 2, 3));
        assertThat(out.toByteArray()).isEqualTo(numpys);
        for (String name : new String[] {"u1_scalar.npy", "i8_vec70.npy", "b1_3x1x2.npy", "f8_empty.npy"}) {
            byte[] theirs = Files.readAllBytes(resource(tmp, name));
            ByteArrayOutputStream mine = new ByteArrayOutputStream();
            Npy.write(mine, Npy.read(new ByteArrayInputStream(theirs), theirs.length, name));
            assertThat(mine.toByteArray()).as(name).isEqualTo(theirs);
        }
    }

    @Test
    void roundTripInJava() throws IOException {
        NpyArray[] arrays = {
            NpyArray.of(new float[] {1.5f, Float.NaN, -0f}, 3),
            NpyArray.of(new double[] {1, 2, 3, 4}, 2, 2),
            NpyArray.of(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, 1, 2),
            NpyArray.of(new long[] {Long.MIN_VALUE}, new int[0]),
            NpyArray.ofUnsignedBytes(new byte[] {(byte) 255, 0, 7}, 3, 1),
            NpyArray.of(new boolean[] {true, false}, 2),
        };
        for (NpyArray a : arrays) {
            Path file = tmp.resolve("a.npy");
            Npy.write(file, a);
            assertThat(Files.size(file) % 64).isEqualTo(a.size() * a.type().itemSize() % 64);
            NpyArray back = Npy.read(file);
            assertThat(back.type()).isEqualTo(a.type());
            assertThat(back.shape()).containsExactly(a.shape());
            assertThat(back.data()).isEqualTo(a.data());
        }
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("a.npy");
        }
    }

    /** Java writes, numpy reads: np.load must see the same dtype, shape and values. */
    @Test
    void numpyReadsWhatJavaWrote() throws Exception {
        PythonCheck.assumeNumpy();
        for (String dtype : new String[] {"f4", "f8", "i4", "i8", "u1", "b1"}) {
            Object data = expected(dtype, 24);
            NpyArray a;
            switch (dtype) {
                case "f4": a = NpyArray.of((float[]) data, 2, 3, 4); break;
                case "f8": a = NpyArray.of((double[]) data, 2, 3, 4); break;
                case "i4": a = NpyArray.of((int[]) data, 2, 3, 4); break;
                case "i8": a = NpyArray.of((long[]) data, 2, 3, 4); break;
                case "u1": a = NpyArray.ofUnsignedBytes((byte[]) data, 2, 3, 4); break;
                default: a = NpyArray.of((boolean[]) data, 2, 3, 4);
            }
            Npy.write(tmp.resolve(dtype + ".npy"), a);
        }
        String script = "import numpy as np, sys\n"
                + "d = sys.argv[1]\n"
                + "i = np.arange(24, dtype=np.int64)\n"
                + "ref = {'f4': ((i - 3) * 0.25).astype('<f4'), 'f8': (i - 3) * 0.25,"
                + " 'i4': ((i - 3) * 1000003).astype('<i4'), 'i8': (i - 3) * 1000003 * 2**33,"
                + " 'u1': ((i * 37) % 256).astype('|u1'), 'b1': i % 3 == 0}\n"
                + "for k, v in ref.items():\n"
                + "    a = np.load(d + '/' + k + '.npy')\n"
                + "    assert a.dtype == v.dtype, (k, a.dtype)\n"
                + "    assert a.shape == (2, 3, 4), (k, a.shape)\n"
                + "    assert (a == v.reshape(2, 3, 4)).all(), k\n"
                + "print('ok')\n";
        Path py = tmp.resolve("check.py");
        Files.writeString(py, script);
        assertThat(PythonCheck.run(py.toString(), tmp.toString()).strip()).isEqualTo("ok");
    }

    private static byte[] npy(String dict, int dataBytes) {
        byte[] header = dict.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer bb = ByteBuffer.allocate(10 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        bb.put(Npy.MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length).put(header);
        return bb.array();
    }

    private static NpyArray read(byte[] bytes, boolean lengthKnown) throws IOException {
        return Npy.read(new ByteArrayInputStream(bytes), lengthKnown ? bytes.length : -1, "test.npy");
    }

    @Test
    void aHeaderClaimingBillionsOfElementsAllocatesNothingBig() {
        // 2^31 - 9 float64 elements = 16 GB claimed, 24 bytes present: must fail fast, with either kind of source.
        byte[] bytes = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2147483639,), }\n", 24);
        assertThatThrownBy(() -> read(bytes, true)).isInstanceOf(DataException.class)
                .hasMessageContaining("needs 17179869112 data bytes, but 24 bytes follow the header");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> read(bytes, false)).isInstanceOf(DataException.class)
                .hasMessageContaining("truncated");
        // unknown length: the array starts small and grows only with bytes that really arrive
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(16L << 20);
        byte[] tooMany = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (65536, 65536), }\n", 0);
        assertThatThrownBy(() -> read(tooMany, false)).isInstanceOf(DataException.class)
                .hasMessageContaining("more elements than a Java array can");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }|",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2), }|a 1-d shape is written (n,)",
        "{'descr': '<f4', 'fortran_order': False}|must have the keys",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}|unexpected key 'x'",
        "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2,)}|appears twice",
        "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2,)}|expected True or False",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (-2,)}|non-negative integer",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} junk|unexpected characters",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999,)}|larger than",
        "{'descr: '<f4', 'fortran_order': False, 'shape': (2,)}|expected ':'",
        "['descr', '<f4']|expected '{'",
        "{'descr': '<f4', 'fortran_order': False, 'shape': (2,|ends too early",
    })
    void headerSyntaxIsChecked(String dict, String error) throws IOException {
        byte[] bytes = npy(dict + "\n", 8);
        if (error == null) {
            assertThat(read(bytes, true).floats()).containsExactly(0f, 0f);
        } else {
            assertThatThrownBy(() -> read(bytes, true)).isInstanceOf(DataException.class)
                    .hasMessageContaining(error).hasMessageContaining("test.npy");
        }
    }

    @Test
    void sizeMismatchesAndBadBytes() {
        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (3,), }\n";
        assertThatThrownBy(() -> read(Arrays.copyOf(npy(dict, 12), npy(dict, 12).length - 1), true))
                .isInstanceOf(DataException.class).hasMessageContaining("needs 12 data bytes, but 11");
        assertThatThrownBy(() -> read(npy(dict, 16), false))
                .isInstanceOf(DataException.class).hasMessageContaining("extra bytes");
        byte[] bools = npy("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }\n", 3);
        bools[bools.length - 1] = 2;
        assertThatThrownBy(() -> read(bools, true))
                .isInstanceOf(DataException.class).hasMessageContaining("bool element 2 is 2");
        assertThatThrownBy(() -> read("not numpy".getBytes(), true))
                .isInstanceOf(DataException.class).hasMessageContaining("magic");
        byte[] v9 = npy(dict, 12);
        v9[6] = 9;
        assertThatThrownBy(() -> read(v9, true))
                .isInstanceOf(DataException.class).hasMessageContaining("version 9.0");
    }

    @Test
    void growsTheArrayWhenTheLengthIsUnknown() throws IOException {
        // more elements than the initial allocation of an unknown-length read
        double[] big = new double[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, NpyArray.of(big, 400, 500));
        NpyArray back = read(out.toByteArray(), false);
        assertThat(back.shape()).containsExactly(400, 500);
        assertThat(Arrays.equals(back.doubles(), big)).isTrue();
    }
}
