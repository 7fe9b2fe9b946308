package io.gridwarden.common.log;

/**
 * What a log reports about its own work, for metrics ({@link LogMetrics}). Called on the log's
 * writer and sweeper threads: implementations must be quick and must not throw.
 */
public interface LogObserver {

    LogObserver NONE = new LogObserver() {};

    /** One group commit: {@code appends} requests, {@code records} records written, one fsync of {@code fsyncNanos}. */
    default void committed(int appends, int records, long fsyncNanos) {}

    /** A sweep deleted {@code records} expired records. */
    default void swept(long records) {}
}
