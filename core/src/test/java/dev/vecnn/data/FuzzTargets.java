package dev.vecnn.data;

import dev.vecnn.infer.DropoutMode;
import dev.vecnn.infer.InferenceModel;
import dev.vecnn.infer.InferenceModelBuilder;
import dev.vecnn.infer.OnnxExportOptions;
import dev.vecnn.io.Npy;
import dev.vecnn.layers.Normalization;
import dev.vecnn.tensor.DType;
import dev.vecnn.io.Npz;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/**
 * The fuzzed parsers, each with its seed inputs (valid files) and the call that parses one input.
 * Used by {@link DataFuzzTest} (smoke run) and {@link FuzzMain} (long run).
 */
final class FuzzTargets {
    /** A parser under fuzzing. */
    static final class Spec {
        final String name;
        final List<byte[]> seeds;
        final Fuzzer.Target target;

        Spec(String name, List<byte[]> seeds, Fuzzer.Target target) {
            this.name = name;
            this.seeds = seeds;
            this.target = target;
        }
    }

    static final List<String> NAMES = List.of("npy", "npz", "cifar-bin", "tar.gz", "tar", "image", "onnx");
    private static final CifarOptions TINY = CifarOptions.defaults().withNumTraining(2).withNumValidation(1).withNumTest(1);

    private FuzzTargets() {}

    static Spec get(String name) throws IOException {
        switch (name) {
            case "npy": return npy();
            case "npz": return npz();
            case "cifar-bin": return cifarBin();
            case "tar.gz": return tarGz();
            case "tar": return tar();
            case "image": return image();
            case "onnx": return onnx();
            default: throw new IllegalArgumentException("unknown fuzz target " + name + "; known: " + NAMES);
        }
    }

    static Spec npy() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String n : new String[] {"f4_2x3.npy", "f8_3x1x2.npy", "i4_vec70.npy", "i8_scalar.npy", "u1_2x3.npy",
            "b1_vec70.npy", "f8_2x3_v2.npy", "f4_empty.npy"}) {
            seeds.add(resource(n));
        }
        // even-length inputs are read with their length known, odd ones as a stream of unknown length
        return new Spec("npy", seeds, in -> Npy.read(new ByteArrayInputStream(in),
                in.length % 2 == 0 ? in.length : -1, "fuzz.npy"));
    }

    static Spec npz() throws IOException {
        return new Spec("npz", List.of(resource("stored.npz"), resource("compressed.npz")),
                in -> Npz.read(new ByteArrayInputStream(in), "fuzz.npz"));
    }

    /** Folder-style .bin reading: the first input byte picks the file the rest of the input replaces. */
    static Spec cifarBin() {
        CifarFixture f = tinyFixture();
        String[] replaced = {"batches.meta.txt", "data_batch_2.bin", "test_batch.bin"};
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < replaced.length; i++) {
            byte[] content = f.files.get(replaced[i]);
            byte[] seed = new byte[content.length + 1];
            seed[0] = (byte) i;
            System.arraycopy(content, 0, seed, 1, content.length);
            seeds.add(seed);
        }
        return new Spec("cifar-bin", seeds, in -> {
            Map<String, byte[]> files = new LinkedHashMap<>(f.files);
            if (in.length > 0) {
                files.put(replaced[(in[0] & 0xFF) % replaced.length], Arrays.copyOfRange(in, 1, in.length));
            }
            new CifarLoader(new InMemoryFiles(files), TINY).load();
        });
    }

    static Spec tarGz() throws IOException {
        return new Spec("tar.gz", List.of(tinyFixture().tarGz(), resource("cifar_pax_tiny.tar.gz")),
                in -> new CifarLoader(new CifarFiles.Archive("fuzz.tar.gz", () -> new ByteArrayInputStream(in)), TINY)
                        .load());
    }

    /** The tar layer under a valid gzip layer: the input is a tar stream, compressed before loading. */
    static Spec tar() throws IOException {
        CifarFixture f = tinyFixture();
        List<byte[]> seeds = List.of(f.tar(new ArrayList<>(f.files.keySet())), gunzip(resource("cifar_pax_tiny.tar.gz")));
        return new Spec("tar", seeds, in -> {
            byte[] gz = fastGzip(in);
            new CifarLoader(new CifarFiles.Archive("fuzz.tar.gz", () -> new ByteArrayInputStream(gz)), TINY).load();
        });
    }

    static Spec image() throws IOException {
        Random rng = new Random(3);
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(encode(randomImage(rng, 32, 32, BufferedImage.TYPE_INT_RGB), "png"));
        seeds.add(encode(randomImage(rng, 32, 32, BufferedImage.TYPE_INT_RGB), "jpg"));
        seeds.add(encode(randomImage(rng, 32, 32, BufferedImage.TYPE_BYTE_GRAY), "png"));
        byte[] palette = new byte[16];
        for (int i = 0; i < 16; i++) {
            palette[i] = (byte) (i * 16);
        }
        BufferedImage indexed = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(4, 16, palette, palette, palette));
        seeds.add(encode(indexed, "png"));
        seeds.add(encode(randomImage(rng, 33, 30, BufferedImage.TYPE_INT_RGB), "png"));
        int[] rgb = new int[32 * 32];
        return new Spec("image", seeds, in -> ImageFolder.decode(in, "fuzz.img", rgb));
    }

    /**
     * The protobuf reader and the ONNX importer together: small nets vecnn exported (every
     * normalization, vanilla dropout, a mean image Sub, a Softmax, float64) and the MatMul + Add
     * graph with typed float_data that onnx_fixtures.py made; an input loads as a model or is a
     * DataException.
     */
    static Spec onnx() throws IOException {
        List<byte[]> seeds = new ArrayList<>(onnxSeeds());
        try (InputStream in = FuzzTargets.class.getResourceAsStream("/dev/vecnn/infer/onnx/sklearn_mlp.onnx")) {
            seeds.add(in.readAllBytes());
        }
        return new Spec("onnx", seeds, in -> InferenceModel.fromOnnx(in, "fuzz.onnx"));
    }

    /** Tiny exported nets (a few hundred bytes each), also the Jazzer seed corpus (fuzz/). */
    static List<byte[]> onnxSeeds() {
        Random rng = new Random(5);
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(tinyNet(rng, new int[] {6, 4, 3}, Normalization.BATCHNORM, DType.FLOAT32)
                .toOnnx(OnnxExportOptions.defaults().withClassNames(List.of("a", "b", "c"))));
        seeds.add(tinyNet(rng, new int[] {6, 5, 4, 3}, Normalization.LAYERNORM, DType.FLOAT32)
                .withMeanImage(new double[] {1, 2, 3, 4, 5, 6}).toOnnx(OnnxExportOptions.defaults().withSoftmax(true)));
        InferenceModelBuilder vanilla = InferenceModel.builder().dropout(DropoutMode.VANILLA, 0.5);
        seeds.add(tinyNet(rng, vanilla, new int[] {5, 4, 2}, Normalization.NONE, DType.FLOAT32).toOnnx());
        seeds.add(tinyNet(rng, new int[] {4, 3, 2}, Normalization.BATCHNORM, DType.FLOAT64).toOnnx());
        return seeds;
    }

    private static InferenceModel tinyNet(Random rng, int[] dims, Normalization norm, DType dtype) {
        return tinyNet(rng, InferenceModel.builder(), dims, norm, dtype);
    }

    private static InferenceModel tinyNet(Random rng, InferenceModelBuilder b, int[] dims, Normalization norm, DType dtype) {
        b.normalization(norm).precision(dtype);
        for (int k = 1; k < dims.length; k++) {
            b.param("W" + k, values(rng, dims[k - 1] * dims[k], 0), dims[k - 1], dims[k]);
            b.param("b" + k, values(rng, dims[k], 0), dims[k]);
            if (k < dims.length - 1 && norm != Normalization.NONE) {
                b.param("gamma" + k, values(rng, dims[k], 1), dims[k]);
                b.param("beta" + k, values(rng, dims[k], 0), dims[k]);
                if (norm == Normalization.BATCHNORM) {
                    b.param("running_mean" + k, values(rng, dims[k], 0), dims[k]);
                    b.param("running_var" + k, values(rng, dims[k], 2), dims[k]);
                }
            }
        }
        return b.build();
    }

    /** Rounded values around {@code center} (short decimals keep the seeds easy to mutate into other numbers). */
    private static double[] values(Random rng, int n, double center) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = center + (rng.nextInt(9) - 4) / 4.0;
        }
        return v;
    }

    /** A tiny data set with patterned pixels (so archives are small and quick to compress). */
    static CifarFixture tinyFixture() {
        CifarFixture f = new CifarFixture(99, new int[] {2, 1, 1, 1, 1}, 2);
        for (Map.Entry<String, byte[]> e : f.files.entrySet()) {
            if (e.getKey().endsWith(".bin")) {
                byte[] b = e.getValue();
                for (int j = 0; j < b.length; j++) {
                    if (j % 3073 != 0) {
                        b[j] = (byte) (j % 7);
                    }
                }
            }
        }
        return f;
    }

    static BufferedImage randomImage(Random rng, int w, int h, int type) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rng.nextInt(1 << 24));
            }
        }
        return img;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FuzzTargets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("no " + format + " writer");
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static byte[] fastGzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** The data set's files held in memory, offered in name order like a folder. */
    static final class InMemoryFiles extends CifarFiles {
        private final Map<String, byte[]> files;

        InMemoryFiles(Map<String, byte[]> files) {
            this.files = files;
        }

        @Override
        String describe() {
            return "memory";
        }

        @Override
        void scan(Visitor visitor) throws IOException {
            for (String name : NAMES) {
                byte[] b = files.get(name);
                if (b != null) {
                    visitor.file(name, "memory!" + name, b.length, new ByteArrayInputStream(b));
                }
            }
        }
    }
}
