package dev.vecnn.spark;

import dev.vecnn.model.ModelFile;
import dev.vecnn.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** A model file's numbers (the zip inside stamps entries with the time, so equal models need not be equal bytes). */
final class ModelBytes {
    private ModelBytes() {}

    static Map<String, String> numbers(byte[] model) throws IOException {
        Path tmp = Files.createTempFile("vecnn-model-", ".npz");
        try {
            Files.write(tmp, model);
            ModelFile m = ModelFile.read(tmp);
            Map<String, String> out = new TreeMap<>();
            for (Map.Entry<String, Tensor> e : m.params().entrySet()) {
                float[] a = e.getValue().floats();
                int[] bits = new int[a.length];
                for (int i = 0; i < a.length; i++) {
                    bits[i] = Float.floatToRawIntBits(a[i]);
                }
                out.put(e.getKey(), Arrays.toString(bits));
            }
            out.put("mean_image", Arrays.toString(m.meanImage()));
            return out;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
