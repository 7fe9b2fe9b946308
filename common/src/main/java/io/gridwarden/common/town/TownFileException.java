package io.gridwarden.common.town;

/** The town file cannot be used; the message names the entry and what to fix. */
public final class TownFileException extends RuntimeException {
    public TownFileException(String message) {
        super(message);
    }

    public TownFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
