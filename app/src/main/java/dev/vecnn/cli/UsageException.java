package dev.vecnn.cli;

import dev.vecnn.train.SettingException;

/**
 * A mistake on the command line (unknown flag, missing or malformed value): a kind of
 * {@link SettingException}, which {@link Main} prints as one line before it exits with status 2.
 */
public final class UsageException extends SettingException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
