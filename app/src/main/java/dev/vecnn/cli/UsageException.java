package dev.vecnn.cli;

/**
 * A mistake on the command line (unknown flag, missing or malformed value). {@link Main} prints
 * its message as one line and exits with status 2.
 */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
