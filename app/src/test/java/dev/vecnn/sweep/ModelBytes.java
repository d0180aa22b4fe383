package dev.vecnn.sweep;

import dev.vecnn.model.ModelFile;
import dev.vecnn.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model file's numbers, for comparing two trials' models: the zip inside stamps each entry
 * with the time it was written, so equal models need not be equal bytes.
 */
final class ModelBytes {
    private ModelBytes() {}

    /** Parameter name to its values as text of the exact floats (Arrays.toString of the raw bits). */
    static Map<String, String> numbers(byte[] model) throws IOException {
        Path tmp = Files.createTempFile("vecnn-model-", ".npz");
        try {
            Files.write(tmp, model);
            ModelFile m = ModelFile.read(tmp);
            Map<String, String> out = new TreeMap<>();
            for (Map.Entry<String, Tensor> e : m.params().entrySet()) {
                out.put(e.getKey(), Arrays.toString(bits(e.getValue().floats())));
            }
            out.put("mean_image", Arrays.toString(m.meanImage()));
            return out;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static int[] bits(float[] a) {
        int[] b = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }
}
