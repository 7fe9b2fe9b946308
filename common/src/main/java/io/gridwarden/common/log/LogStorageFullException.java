package io.gridwarden.common.log;

/**
 * The disk under the log is full: nothing of the append was stored. The log writes again by itself once
 * space is freed, so the caller should refuse the request and ask the client to retry later.
 */
public final class LogStorageFullException extends RuntimeException {
    public LogStorageFullException(String message) {
        super(message);
    }
}
