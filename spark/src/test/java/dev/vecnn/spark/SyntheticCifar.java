package dev.vecnn.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A small CIFAR-10 in the official binary layout (cifar-10-batches-bin/: five training batches and
 * a test batch of {@code perBatch} records, label byte + 3072 pixel bytes), pixels leaning towards
 * the label so nets learn something. The library's tests have the same helper (TinyCifar).
 */
final class SyntheticCifar {
    private SyntheticCifar() {}

    static Path write(Path root, int perBatch, long seed) throws IOException {
        Path dir = Files.createDirectories(root.resolve("cifar-10-batches-bin"));
        Random rng = new Random(seed);
        for (int b = 1; b <= 5; b++) {
            Files.write(dir.resolve("data_batch_" + b + ".bin"), records(perBatch, rng));
        }
        Files.write(dir.resolve("test_batch.bin"), records(perBatch, rng));
        Files.writeString(dir.resolve("batches.meta.txt"),
                "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n", StandardCharsets.US_ASCII);
        return root;
    }

    private static byte[] records(int n, Random rng) {
        byte[] out = new byte[n * 3073];
        for (int r = 0; r < n; r++) {
            int label = rng.nextInt(10);
            out[r * 3073] = (byte) label;
            for (int i = 0; i < 3072; i++) {
                out[r * 3073 + 1 + i] = (byte) (rng.nextInt(128) + ((i % 10 == label) ? 100 : 0));
            }
        }
        return out;
    }
}
