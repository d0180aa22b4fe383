package dev.vecnn.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a file the readers read, so that a folder given where a file is expected fails naming the
 * path (the operating system's own answer is a bare "Is a directory").
 */
public final class InputFiles {
    private InputFiles() {}

    /** A stream over {@code file}; a {@link DataException} naming it when it is a folder. */
    public static InputStream open(Path file) throws IOException {
        requireFile(file);
        return Files.newInputStream(file);
    }

    /** Throws a {@link DataException} naming {@code file} when it is a folder. */
    public static void requireFile(Path file) throws DataException {
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": is a folder; name a file");
        }
    }
}
