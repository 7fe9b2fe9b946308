package io.gridwarden.common.log;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A durable, partitioned, append-only log: the seam between services. The embedded default keeps it
 * in RocksDB (module {@code log-rocksdb}); a scale-out deployment puts Kafka behind the same interface.
 *
 * <p>The consumer that the log's retention waits for (the stream jobs, on the event log) reports its
 * progress with {@link #acknowledge}: nothing at or above a partition's acknowledged offset is ever
 * deleted, whatever its age.
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

    /** The offset the next record of the partition will get: the end of what a read can return now. */
    long endOffset(int partition);

    /**
     * The end past every append that has completed: once a reader's reads reach it ({@link #endOffset} at or past
     * it, and a read from the reader's position finds nothing), the reader has seen every record whose append completed
     * before the call. The same as {@link #endOffset} where an append is readable as soon as it completes (the
     * embedded log); on Kafka the high watermark, which counts a committed transaction's records before its commit
     * markers make them readable.
     */
    default long appendedEnd(int partition) {
        return endOffset(partition);
    }

    /** Completes when the partition holds a record at {@code offset} (at once if it already does). */
    CompletableFuture<Void> awaitRecord(int partition, long offset);

    /**
     * Records that the consumer is done with every record of the partition below {@code offset} (it
     * survives a restart: a completed checkpoint holds it). Monotonic: a lower offset than the one
     * already acknowledged is ignored; an offset beyond the end counts as the end.
     */
    void acknowledge(int partition, long offset);

    /** The partition's acknowledged offset: every record below it may be deleted once old enough. 0 at first. */
    long acknowledged(int partition);

    /** Records of the partition appended but not yet acknowledged. */
    default long lag(int partition) {
        return Math.max(0, endOffset(partition) - acknowledged(partition));
    }

    /** Records of every partition appended but not yet acknowledged. */
    default long totalLag() {
        long total = 0;
        for (int p = 0; p < partitions(); p++) {
            total += lag(p);
        }
        return total;
    }

    /**
     * Whether device events may be stored here in gridwarden's compact form ({@code StoredForm.COMPACT}) rather than as
     * CloudEvents JSON: true for a log only gridwarden reads (the embedded one), false where other programs may read
     * or write the records (a Kafka topic, whose form is documented). Readers take either form.
     */
    default boolean takesCompactEvents() {
        return false;
    }

    /** Reports the log's own work (group commits, fsyncs, sweeps) to {@code observer}; a no-op where there is none. */
    default void observe(LogObserver observer) {}

    @Override
    void close();
}
