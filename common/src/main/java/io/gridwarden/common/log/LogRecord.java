package io.gridwarden.common.log;

/**
 * One stored record: its position ({@code partition}, {@code offset}), the time the log made it
 * durable (monotonic within a partition), and the payload.
 */
public record LogRecord(int partition, long offset, long appendTimeMillis, byte[] payload) {}
