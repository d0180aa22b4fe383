package dev.vecnn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    @Test
    void namesTheFolderAfterTheTimeAndCommandAndNeverReusesOne(@TempDir Path base) throws Exception {
        LocalDateTime when = LocalDateTime.of(2026, 11, 26, 9, 5, 7);
        Path first = RunFolder.create(base.resolve("runs"), "experiment", when);
        Path second = RunFolder.create(base.resolve("runs"), "experiment", when);
        assertThat(first.getFileName().toString()).isEqualTo("20261126-090507-experiment");
        assertThat(second.getFileName().toString()).isEqualTo("20261126-090507-experiment-2");
        assertThat(Files.isDirectory(first)).isTrue();
        assertThat(Files.isDirectory(second)).isTrue();
    }
}
