package io.gridwarden.common.log;

/** The log's write queue is full: the caller should refuse the request and ask the client to retry later. */
public final class LogOverloadedException extends RuntimeException {
    public LogOverloadedException(String message) {
        super(message);
    }
}
