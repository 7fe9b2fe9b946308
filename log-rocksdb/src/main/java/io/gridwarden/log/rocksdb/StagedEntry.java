package io.gridwarden.log.rocksdb;

import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.log.LogEntry;


/**
 * A {@link LogEntry} made ready for the log's single writer on the appending thread, its partition
 * chosen and its de-duplication key encoded, so the writer does neither.
 *
 * <p>The key is stored as written, not digested: a device's ids mostly rise, so the keys of one request
 * sit side by side in the de-dup family's memtable, and RocksDB inserts each next to the one before.
 * A 16-byte digest, tried for its smaller size, scattered them and tripled the cost of the inserts.
 *
 * @param dedupKey the key's UTF-8 bytes and hash; null when the entry is never a duplicate
 */
record StagedEntry(int partition, DedupKey dedupKey, byte[] payload, long eventTimeMillis) {

    static StagedEntry of(LogEntry entry, RecordLog log) {
        return new StagedEntry(log.partitionOf(entry.partitionKey()),
                entry.dedupKey() == null ? null : new DedupKey(entry.dedupKey()), entry.payload(),
                entry.eventTimeMillis());
    }
}
