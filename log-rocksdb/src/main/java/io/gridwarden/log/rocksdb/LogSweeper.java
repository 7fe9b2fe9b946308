package io.gridwarden.log.rocksdb;

import java.util.List;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * Deletes what a log no longer has to keep: records older than the retention <em>and</em> below their
 * partition's acknowledged offset (one {@code deleteRange} per partition). De-duplication keys need no
 * sweep: compaction forgets them ({@link DedupWindow}).
 *
 * <p>Only a prefix of each partition is ever deleted, so the records left form a dense run of offsets
 * whose append times rise with the offset: the last expired record is found by binary search, without
 * reading the records it deletes. Records are stored in {@link Segment}s and deleted a whole segment at
 * a time, so a segment straddling the boundary is kept whole.
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
        RocksRecordLog.SegmentInfo first = log.firstSegment(partition);
        if (first == null || first.firstOffset() >= acknowledged || first.appendTimeMillis() >= cutoffMillis) {
            return 0;
        }
        long lo = first.firstOffset(); // invariant: the record at lo has expired
        long hi = acknowledged - 1;
        while (lo < hi) {
            long mid = lo + (hi - lo + 1) / 2;
            if (appendTime(partition, mid) < cutoffMillis) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        // Segments are deleted whole: the one holding the first record to keep stays, with any expired records before it.
        RocksRecordLog.SegmentInfo keep = log.segmentAt(partition, lo + 1);
        long end = keep.endOffset() <= lo + 1 ? lo + 1 : keep.firstOffset();
        if (end <= first.firstOffset()) {
            return 0;
        }
        byte[] from = RocksRecordLog.key(partition, first.firstOffset());
        byte[] to = RocksRecordLog.key(partition, end);
        log.sweepingBelow(partition, end);
        // Whole files of expired records go at once, with their blob files; the range delete takes the rest.
        db.deleteFilesInRanges(families.records(partition), List.of(from, to), false);
        db.deleteRange(families.records(partition), writeOptions, from, to);
        return end - first.firstOffset();
    }

    /** When the record was appended; a missing record (never expected) counts as new, so it stops the sweep. */
    private long appendTime(int partition, long offset) {
        RocksRecordLog.SegmentInfo segment = log.segmentAt(partition, offset);
        return segment == null || segment.endOffset() <= offset ? Long.MAX_VALUE : segment.appendTimeMillis();
    }

    void close() {
        writeOptions.close();
    }
}
