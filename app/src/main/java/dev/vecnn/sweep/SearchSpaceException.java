package dev.vecnn.sweep;

import dev.vecnn.train.SettingException;

/**
 * A search space or sweep option that cannot be used, with a one-line message that names the
 * parameter, what was expected and what was given (the command prints it and exits with 2).
 */
public final class SearchSpaceException extends SettingException {
    private static final long serialVersionUID = 1L;

    public SearchSpaceException(String message) {
        super(message);
    }
}
