package io.gridwarden.common.log;

import java.nio.ByteBuffer;
import java.util.List;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteOptions;

/**
 * Deletes what a log no longer has to keep: records older than the retention <em>and</em> below their
 * partition's acknowledged offset (one {@code deleteRange} per partition). De-duplication keys need no
 * sweep: compaction forgets them ({@link DedupWindow}).
 *
 * <p>Only a prefix of each partition is ever deleted, so the records left form a dense run of offsets
 * whose append times rise with the offset: the last expired record is found by binary search, without
 * reading the records it deletes.
 */
final class LogSweeper {

    private final RocksRecordLog log;
    private final RocksDB db;
    private final LogFamilies families;
    private final long retentionMillis;
    /** Not synced: a delete lost in a crash only means something is kept longer. */
    private final WriteOptions writeOptions = new WriteOptions();

    LogSweeper(RocksRecordLog log, RocksDB db, LogFamilies families, LogSpec spec) {
        this.log = log;
        this.db = db;
        this.families = families;
        this.retentionMillis = spec.retention().toMillis();
    }

    /** One sweep as of {@code nowMillis}; returns the number of records deleted. */
    long sweep(long nowMillis) throws RocksDBException {
        long swept = 0;
        if (retentionMillis > 0) {
            for (int p = 0; p < log.partitions(); p++) {
                swept += sweepPartition(p, nowMillis - retentionMillis);
            }
        }
        return swept;
    }

    private long sweepPartition(int partition, long cutoffMillis) throws RocksDBException {
        long acknowledged = log.acknowledged(partition);
        long first = firstOffset(partition);
        if (first < 0 || first >= acknowledged || appendTime(partition, first) >= cutoffMillis) {
            return 0;
        }
        long lo = first; // invariant: the record at lo has expired
        long hi = acknowledged - 1;
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            if (appendTime(partition, mid) < cutoffMillis) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        byte[] from = RocksRecordLog.key(partition, first);
        byte[] to = RocksRecordLog.key(partition, lo + 1);
        // Whole files of expired records go at once, with their blob files; the range delete takes the rest.
        db.deleteFilesInRanges(families.records(partition), List.of(from, to), false);
        db.deleteRange(families.records(partition), writeOptions, from, to);
        return lo + 1 - first;
    }

    /** The lowest offset still stored in the partition; -1 when it holds none. */
    private long firstOffset(int partition) {
        try (Slice upper = new Slice(RocksRecordLog.key(partition + 1, 0));
             ReadOptions readOptions = new ReadOptions().setIterateUpperBound(upper);
             RocksIterator it = db.newIterator(families.records(partition), readOptions)) {
            it.seek(RocksRecordLog.key(partition, 0));
            return it.isValid() ? ByteBuffer.wrap(it.key()).getLong(4) : -1;
        }
    }

    /** When the record was appended; a missing record (never expected) counts as new, so it stops the sweep. */
    private long appendTime(int partition, long offset) throws RocksDBException {
        byte[] value = db.get(families.records(partition), RocksRecordLog.key(partition, offset));
        return value == null ? Long.MAX_VALUE : ByteBuffer.wrap(value).getLong();
    }

    void close() {
        writeOptions.close();
    }
}
