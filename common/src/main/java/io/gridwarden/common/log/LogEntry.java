package io.gridwarden.common.log;

/**
 * One record to append: {@code partitionKey} chooses the partition (a device id keeps a device's
 * events in order), {@code dedupKey} makes the append idempotent (null: never a duplicate).
 */
public record LogEntry(String partitionKey, String dedupKey, byte[] payload) {}
