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
     * Checks, before a run starts, that a folder can be made (or written) at {@code dir}: it is a
     * folder, or the nearest part of its path that exists is one, and a file can be created there
     * (probed with a temporary file, removed at once; nothing else is created). Throws a
     * {@link UsageException} naming {@code what} (e.g. "--out runs") and the reason otherwise.
     */
    static void requireWritable(Path dir, String what) {
        Path abs = dir.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new UsageException(what + ": no part of " + abs + " exists");
        }
        if (!Files.isDirectory(existing)) {
            throw new UsageException(what + ": " + existing + (existing.equals(abs) ? "" : " (part of " + abs + ")")
                    + " is a file, not a folder");
        }
        Path probe = null;
        try {
            probe = Files.createTempFile(existing, ".vecnn-write-check-", ".tmp");
        } catch (IOException | UnsupportedOperationException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException && ((java.nio.file.FileSystemException) e).getReason() != null
                    ? ((java.nio.file.FileSystemException) e).getReason()
                    : "the file system refuses new files there";
            throw new UsageException(what + ": cannot " + (existing.equals(abs) ? "write into " : "create folders in ")
                    + existing + ": " + why);
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    // a probe left behind is harmless; the run goes on
                }
            }
        }
    }

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
