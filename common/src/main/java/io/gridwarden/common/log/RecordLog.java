package io.gridwarden.common.log;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A durable, partitioned, append-only log: the seam between services. The embedded default keeps it
 * in RocksDB ({@link RocksRecordLog}); a scale-out deployment puts Kafka behind the same interface.
 */
public interface RecordLog extends AutoCloseable {

    /** The number of partitions, fixed when the log is created. */
    int partitions();

    /** The partition a key's records go to. Stable across processes and restarts. */
    default int partitionOf(String partitionKey) {
        return Math.floorMod(partitionKey.hashCode(), partitions());
    }

    /**
     * Appends entries atomically (all or none) and completes once they are durable on disk.
     * Fails with {@link LogOverloadedException} at once when the write queue is full.
     */
    CompletableFuture<AppendResult> append(List<LogEntry> entries);

    /** Up to {@code max} records of a partition, from {@code fromOffset} on, in order. */
    List<LogRecord> read(int partition, long fromOffset, int max);

    /** The offset the next record of the partition will get. */
    long endOffset(int partition);

    /** Completes when the partition holds a record at {@code offset} (at once if it already does). */
    CompletableFuture<Void> awaitRecord(int partition, long offset);

    @Override
    void close();
}
