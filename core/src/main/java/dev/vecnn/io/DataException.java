package dev.vecnn.io;

import java.io.IOException;

/**
 * The one exception this package throws for data a person has to fix: a missing data set, a file
 * whose size or content is wrong, a truncated or corrupt archive, a failed download or checksum.
 *
 * <p>It is an {@link IOException}, so callers that already handle I/O failures handle it too. The
 * message always says what was expected, what was found and where (the file, and the byte offset or
 * record index when there is one), and for missing data what to do about it. Plain
 * {@link IOException}s that are not a {@code DataException} come from the operating system (a
 * permission denied, a disk error) and are passed through unchanged.
 *
 * <p>Every reader in this package guarantees: any input either loads or throws this exception —
 * never another exception type, never a hang, and never an allocation proportional to a size field
 * the input's actual length cannot back. The fuzz tests check that guarantee.
 */
public class DataException extends IOException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
