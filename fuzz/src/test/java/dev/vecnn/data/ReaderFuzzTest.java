package dev.vecnn.data;

import dev.vecnn.io.Npy;
import dev.vecnn.io.Npz;
import dev.vecnn.io.DataException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzz tests (Jazzer) for every reader of outside bytes. Contract: any input loads
 * or throws {@link DataException}; any other throwable fails the test and Jazzer saves the input
 * under src/test/resources/dev/vecnn/data/ReaderFuzzTestInputs/&lt;method&gt;/, where it is
 * replayed by every later run. Seed inputs live there too. The seeded mutation harness in the main
 * test suite (Fuzzer, FuzzMain) checks the same contract plus the allocation bound.
 */
class ReaderFuzzTest {
    private static final CifarOptions TINY = CifarOptions.defaults().withNumTraining(2).withNumValidation(1).withNumTest(1);

    @FuzzTest(maxDuration = "120s")
    void npy(byte[] input) throws IOException {
        try {
            Npy.read(new ByteArrayInputStream(input), input.length % 2 == 0 ? input.length : -1, "fuzz.npy");
        } catch (DataException expected) {
            // a rejected input is fine
        }
    }

    @FuzzTest(maxDuration = "120s")
    void npz(byte[] input) throws IOException {
        try {
            Npz.read(new ByteArrayInputStream(input), "fuzz.npz");
        } catch (DataException expected) {
            // a rejected input is fine
        }
    }

    @FuzzTest(maxDuration = "120s")
    void tarGz(byte[] input) throws IOException {
        try {
            new CifarLoader(new CifarFiles.Archive("fuzz.tar.gz", () -> new ByteArrayInputStream(input)), TINY).load();
        } catch (DataException expected) {
            // a rejected input is fine
        }
    }

    /** The uncompressed tar stream (gzipped here), so coverage guidance reaches the tar parser. */
    @FuzzTest(maxDuration = "120s")
    void tar(byte[] input) throws IOException {
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(input);
        }
        try {
            new CifarLoader(new CifarFiles.Archive("fuzz.tar.gz", () -> new ByteArrayInputStream(gz.toByteArray())), TINY)
                    .load();
        } catch (DataException expected) {
            // a rejected input is fine
        }
    }

    /** A CIFAR-10 batch folder in memory: the input's first byte picks the file the rest replaces. */
    @FuzzTest(maxDuration = "120s")
    void cifarBin(byte[] input) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("batches.meta.txt", "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n".getBytes());
        for (String n : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                "data_batch_5.bin", "test_batch.bin")) {
            files.put(n, new byte[3073 * (n.endsWith("_1.bin") || n.startsWith("test") ? 2 : 1)]);
        }
        if (input.length > 0) {
            String[] replaced = {"batches.meta.txt", "data_batch_2.bin", "test_batch.bin"};
            files.put(replaced[(input[0] & 0xFF) % 3], java.util.Arrays.copyOfRange(input, 1, input.length));
        }
        CifarFiles memory = new CifarFiles() {
            @Override
            String describe() {
                return "memory";
            }

            @Override
            void scan(Visitor visitor) throws IOException {
                for (String name : NAMES) {
                    byte[] b = files.get(name);
                    visitor.file(name, "memory!" + name, b.length, new ByteArrayInputStream(b));
                }
            }
        };
        try {
            new CifarLoader(memory, TINY).load();
        } catch (DataException expected) {
            // a rejected input is fine
        }
    }

    @FuzzTest(maxDuration = "120s")
    void image(byte[] input) {
        try {
            ImageFolder.decode(input, "fuzz.img", new int[32 * 32]);
        } catch (DataException expected) {
            // a rejected input is fine
        }
    }

    /** The protobuf reader and the ONNX importer: seeds are small nets vecnn exported, and a MatMul + Add graph. */
    @FuzzTest(maxDuration = "120s")
    void onnx(byte[] input) throws IOException {
        try {
            dev.vecnn.infer.InferenceModel.fromOnnx(input, "fuzz.onnx");
        } catch (DataException expected) {
            // a rejected input is fine
        }
    }
}
