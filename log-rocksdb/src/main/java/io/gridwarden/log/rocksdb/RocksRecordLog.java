package io.gridwarden.log.rocksdb;

import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogObserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link RecordLog}: one RocksDB with a column family of records for each partition, stored
 * in {@link Segment}s (key: partition, offset of the segment's first record), de-duplication keys ({@link DedupWindow}), and meta data
 * (partition count, acknowledged offsets); {@link LogFamilies} says how each is tuned. Appends go through a {@link GroupCommitter}, so many concurrent
 * requests share one fsync; a {@link LogSweeper} deletes what has expired, every sweep interval.
 *
 * <p>Built against the {@code org.rocksdb} API of Flink's frocksdbjni, the one RocksDB a JVM may hold.
 */
public final class RocksRecordLog implements RecordLog {

    static {
        RocksThreads.configure();
    }

    private static final Logger LOG = LoggerFactory.getLogger(RocksRecordLog.class);

    /**
     * Flushes and compactions hand their files to the disk a megabyte at a time instead of in one sync at
     * the end, which otherwise stalls the group commit's fsync behind tens of megabytes. Strictly: each
     * megabyte waits until the one before it is on disk. Without that, a flush writes its file into the page cache
     * faster than the disk takes it, the hand-overs only queue it, and the WAL's next fsync waits behind the
     * queue all the same: on this project's VM an fdatasync beside a 132 MB file written so waited up to 107 ms,
     * and at most 7 ms beside one written strictly (the file itself took 150 ms instead of 100; see
     * benchmarks/results/2026-12-07/dedup-compaction/).
     */
    private static final long BACKGROUND_SYNC_BYTES = 1L << 20;

    private final LogSpec spec;
    private final LongSupplier clockMillis;
    private final DBOptions options;
    private final LogFamilies families;
    private final RocksDB db;
    private final long[] endOffsets;
    private final AcknowledgedOffsets acknowledged;
    private final AtomicReferenceArray<CompletableFuture<Void>> nextAppend;
    /** Per partition, the run its last read decoded: the next read of the partition most often starts in it. */
    private final AtomicReferenceArray<Segment.Decoded> lastRead;
    /** Per partition, the offset below which the sweeper deletes: what is deleted is read no more. */
    private final AtomicLongArray sweptBelow;
    private final GroupCommitter committer;
    private final LogSweeper sweeper;
    private final ScheduledExecutorService sweeps;
    private volatile LogObserver observer = LogObserver.NONE;
    private final OpenGuard open;

    private RocksRecordLog(LogSpec spec, LongSupplier clockMillis) throws RocksDBException {
        this.spec = spec;
        this.clockMillis = clockMillis;
        this.open = new OpenGuard("log " + spec.directory());
        this.options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                .setBytesPerSync(BACKGROUND_SYNC_BYTES).setStrictBytesPerSync(true);
        this.families = new LogFamilies(spec.partitions(), spec.dedupWindow().toMillis(), clockMillis);
        try {
            this.db = families.open(options, spec.directory());
        } catch (RocksDBException | RuntimeException e) {
            families.close();
            options.close();
            throw e;
        }
        this.endOffsets = new long[spec.partitions()];
        this.acknowledged = new AcknowledgedOffsets(db, families.meta(), spec.partitions());
        this.nextAppend = new AtomicReferenceArray<>(spec.partitions());
        this.lastRead = new AtomicReferenceArray<>(spec.partitions());
        this.sweptBelow = new AtomicLongArray(spec.partitions());
        for (int p = 0; p < spec.partitions(); p++) {
            endOffsets[p] = Math.max(recoverEndOffset(p), acknowledged.get(p)); // a fully swept partition keeps counting on
            nextAppend.set(p, new CompletableFuture<>());
        }
        DedupWindow dedup = new DedupWindow(db, families.dedup(), spec.dedupWindow().toMillis());
        this.committer = new GroupCommitter(this, db, families, dedup, spec.maxPendingAppends(), spec.commitDelay(), clockMillis);
        this.sweeper = new LogSweeper(this, db, families, spec);
        this.sweeps = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "log-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        long every = spec.sweepInterval().toMillis();
        sweeps.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    public static RocksRecordLog open(LogSpec spec) {
        return open(spec, LogClock.SYSTEM::millis);
    }

    /** A log on another clock than the system's (tests that let days pass). */
    static RocksRecordLog open(LogSpec spec, LongSupplier clockMillis) {
        try {
            Files.createDirectories(spec.path());
            return new RocksRecordLog(spec, clockMillis);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create log directory " + spec.directory(), e);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot open log " + spec.directory() + ": " + e.getMessage()
                    + " (is another gridwarden process using this data directory?)", e);
        }
    }

    @Override
    public int partitions() {
        return spec.partitions();
    }

    /** Only gridwarden reads this log's files, so device events are stored compact. */
    @Override
    public boolean takesCompactEvents() {
        return true;
    }

    @Override
    public CompletableFuture<AppendResult> append(List<LogEntry> entries) {
        List<StagedEntry> ready = new ArrayList<>(entries.size());
        entries.forEach(entry -> ready.add(StagedEntry.of(entry, this))); // on the caller's thread, not the single writer's
        return committer.submit(ready);
    }

    /**
     * Reads from the run the last read of the partition decoded while it still holds {@code fromOffset}, and goes
     * to RocksDB only for the records after it: the job reads a run of some 700 events 256 at a time, which
     * read and decompressed each run about four times.
     */
    @Override
    public List<LogRecord> read(int partition, long fromOffset, int max) {
        List<LogRecord> out = new ArrayList<>(Math.min(max, 1024));
        try (OpenGuard.Use use = open.use()) {
            long next = fromOffset;
            Segment.Decoded last = lastRead.get(partition);
            if (last != null && last.holds(fromOffset) && last.firstOffset() >= sweptBelow.get(partition)) {
                last.emit(fromOffset, max, out);
                next = last.endOffset();
            }
            if (out.size() < max && next < endOffset(partition)) {
                Segment.Decoded decoded = readStored(partition, next, max, out);
                if (decoded != null) {
                    lastRead.set(partition, decoded);
                }
            }
        }
        return out;
    }

    /** Adds the stored records from {@code next} on to {@code out}; returns the last run it decoded, or null for none. */
    private Segment.Decoded readStored(int partition, long next, int max, List<LogRecord> out) {
        Segment.Decoded decoded = null;
        try (Slice lower = new Slice(key(partition, 0));
             Slice upper = new Slice(key(partition + 1, 0));
             ReadOptions readOptions = new ReadOptions().setIterateLowerBound(lower).setIterateUpperBound(upper);
             RocksIterator it = db.newIterator(families.records(partition), readOptions)) {
            it.seekForPrev(key(partition, next)); // the segment holding next, or the last before it
            if (!it.isValid()) {
                it.seekToFirst(); // next lies before everything still stored
            }
            for (; it.isValid() && out.size() < max; it.next()) {
                decoded = Segment.Decoded.of(partition, offsetOf(it.key()), it.value());
                decoded.emit(next, max, out);
            }
        }
        return decoded;
    }

    /** The sweeper is deleting the partition's records below {@code offset}: a run read before is not served again. */
    void sweepingBelow(int partition, long offset) {
        sweptBelow.accumulateAndGet(partition, offset, Math::max);
    }

    @Override
    public long endOffset(int partition) {
        synchronized (endOffsets) {
            return endOffsets[partition];
        }
    }

    @Override
    public CompletableFuture<Void> awaitRecord(int partition, long offset) {
        // Take the signal before reading the end: the committer moves the end first, then fires the signal.
        CompletableFuture<Void> signal = nextAppend.get(partition);
        return endOffset(partition) > offset ? CompletableFuture.completedFuture(null) : signal;
    }

    @Override
    public void acknowledge(int partition, long offset) {
        try (OpenGuard.Use use = open.use()) {
            acknowledged.raise(partition, Math.min(offset, endOffset(partition)));
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot store the acknowledged offset of partition " + partition
                    + " of log " + spec.directory() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long acknowledged(int partition) {
        return acknowledged.get(partition);
    }

    @Override
    public void observe(LogObserver newObserver) {
        this.observer = newObserver == null ? LogObserver.NONE : newObserver;
    }

    String directory() {
        return spec.directory();
    }

    LogObserver observer() {
        return observer;
    }

    /** Deletes what has expired as of {@code nowMillis} (the sweeper thread does this every sweep interval). */
    long sweep(long nowMillis) throws RocksDBException {
        long swept;
        try (OpenGuard.Use use = open.use()) {
            swept = sweeper.sweep(nowMillis);
        }
        observer.swept(swept);
        return swept;
    }

    private void sweepQuietly() {
        try {
            sweep(clockMillis.getAsLong());
        } catch (RocksDBException | RuntimeException e) {
            LOG.warn("sweeping log {} failed; expired records stay until the next sweep: {}", spec.directory(), e.toString());
        }
    }

    /** Called by the committer once records up to {@code newEnd} (exclusive) of a partition are durable. */
    void published(int partition, long newEnd) {
        synchronized (endOffsets) {
            endOffsets[partition] = newEnd;
        }
        nextAppend.getAndSet(partition, new CompletableFuture<>()).complete(null);
    }

    static byte[] key(int partition, long offset) {
        return ByteBuffer.allocate(12).putInt(partition).putLong(offset).array();
    }

    private static long offsetOf(byte[] key) {
        return ByteBuffer.wrap(key).getLong(4);
    }

    /** A stored segment's place and time, without its records. */
    record SegmentInfo(long firstOffset, int count, long appendTimeMillis) {
        long endOffset() {
            return firstOffset + count;
        }
    }

    /** The stored segment holding {@code offset}, or else the last one before it; null when there is none. */
    SegmentInfo segmentAt(int partition, long offset) {
        try (OpenGuard.Use use = open.use();
             Slice lower = new Slice(key(partition, 0));
             ReadOptions readOptions = new ReadOptions().setIterateLowerBound(lower);
             RocksIterator it = db.newIterator(families.records(partition), readOptions)) {
            it.seekForPrev(key(partition, offset));
            return info(it);
        }
    }

    /** The first stored segment of the partition; null when there is none. */
    SegmentInfo firstSegment(int partition) {
        try (OpenGuard.Use use = open.use();
             Slice upper = new Slice(key(partition + 1, 0));
             ReadOptions readOptions = new ReadOptions().setIterateUpperBound(upper);
             RocksIterator it = db.newIterator(families.records(partition), readOptions)) {
            it.seek(key(partition, 0));
            return info(it);
        }
    }

    private static SegmentInfo info(RocksIterator it) {
        if (!it.isValid()) {
            return null;
        }
        byte[] value = it.value();
        return new SegmentInfo(offsetOf(it.key()), Segment.count(value), Segment.appendTime(value));
    }

    private long recoverEndOffset(int partition) {
        SegmentInfo last = segmentAt(partition, Long.MAX_VALUE);
        return last == null ? 0 : last.endOffset();
    }

    @Override
    public void close() {
        sweeps.shutdownNow();
        try {
            sweeps.awaitTermination(30, TimeUnit.SECONDS); // a sweep in progress must not outlive the database
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        committer.close();
        open.close(() -> { // readers on other threads (tailers, the job's source) finish their read first
            sweeper.close();
            acknowledged.close();
            families.closeHandles();
            db.close();
            options.close();
            families.close();
        });
    }
}
