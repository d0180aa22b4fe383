package dev.vecnn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A small synthetic CIFAR-10 in the official binary layout, for tests that run the commands end to
 * end without the real data: {@code cifar-10-batches-bin/} with five training batches and a test
 * batch of {@code perBatch} records each (label byte + 3072 pixel bytes). Labels cycle 0..9 and
 * each image's pixels lean towards its label, so a net can learn something.
 */
final class TinyCifar {
    private TinyCifar() {}

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
                int v = rng.nextInt(128) + ((i % 10 == label) ? 100 : 0);
                out[r * 3073 + 1 + i] = (byte) v;
            }
        }
        return out;
    }
}
