package dev.vecnn.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** The folder a run writes its plots and reports into: {@code <base>/<yyyyMMdd-HHmmss>-<command>/}. */
final class RunFolder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFolder() {}

    /**
     * Creates a fresh folder named after {@code when} and {@code command} under {@code base}
     * (adding -2, -3, ... if that name is taken) and returns it.
     */
    static Path create(Path base, String command, LocalDateTime when) throws IOException {
        Files.createDirectories(base);
        String name = STAMP.format(when) + "-" + command;
        for (int i = 1; ; i++) {
            Path dir = base.resolve(i == 1 ? name : name + "-" + i);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                if (i > 1000) {
                    throw e;
                }
            }
        }
    }
}
