package dev.vecnn.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Writes a tiny data set in CIFAR-10's binary layout (random pixels, labels cycling 0..9). */
final class TinyCifar {
    private TinyCifar() {}

    /** {@code perBatch} records in each of the 5 training batches, {@code test} in the test batch. */
    static Path write(Path root, int perBatch, int test) throws IOException {
        Path folder = Files.createDirectories(root.resolve("cifar-10-batches-bin"));
        Random random = new Random(7);
        for (int b = 1; b <= 5; b++) {
            Files.write(folder.resolve("data_batch_" + b + ".bin"), records(perBatch, random));
        }
        Files.write(folder.resolve("test_batch.bin"), records(test, random));
        Files.writeString(folder.resolve("batches.meta.txt"),
                "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n");
        return root;
    }

    private static byte[] records(int count, Random random) {
        byte[] bytes = new byte[count * 3073];
        for (int r = 0; r < count; r++) {
            bytes[r * 3073] = (byte) (r % 10);
            for (int i = 1; i < 3073; i++) {
                bytes[r * 3073 + i] = (byte) random.nextInt(256);
            }
        }
        return bytes;
    }
}
