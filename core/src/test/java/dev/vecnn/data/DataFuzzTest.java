package dev.vecnn.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Smoke run of the fuzzer ({@link Fuzzer}, targets in {@link FuzzTargets}) over every reader of
 * outside bytes: each input loads or throws {@link DataException}, with bounded allocation. The
 * counts below take a couple of seconds per parser on an idle machine; the long run (10^6 inputs
 * per parser, per-input hang check) is {@link FuzzMain}, see FUZZING.md. Counts are appended to
 * {@code target/fuzz-report.txt}.
 */
class DataFuzzTest {
    private static final long SEED = Long.getLong("vecnn.fuzz.seed", 20260514L);

    @ParameterizedTest
    @CsvSource({"npy, 20000", "npz, 3000", "cifar-bin, 3000", "tar.gz, 2000", "tar, 1000", "image, 2000", "onnx, 5000"})
    @Timeout(120)
    void smoke(String parser, long iterations) throws IOException {
        FuzzTargets.Spec spec = FuzzTargets.get(parser);
        Fuzzer.Result r = Fuzzer.run(parser, spec.seeds, spec.target, iterations, SEED + parser.hashCode(), 0);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "fuzz-report.txt"), "smoke " + r + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertThat(r.crashes).as(r.toString()).isEmpty();
        assertThat(r.inputs).isEqualTo(iterations);
        // the seeds load, and the mutations reach the error paths
        assertThat(r.loaded).as(r.toString()).isGreaterThanOrEqualTo(spec.seeds.size());
        assertThat(r.rejected).as(r.toString()).isGreaterThan(iterations / 10);
    }
}
