package io.gridwarden.log.rocksdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlinkCompactionFilter;
import org.rocksdb.FlinkCompactionFilter.FlinkCompactionFilterFactory;
import org.rocksdb.IndexType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The log's column families, each tuned for what it holds, and their handles once open. RocksDB's
 * defaults suit none of them: with one family for every partition's records, every flush overlapped
 * every other, so each compaction rewrote all the records kept; the log's background work cost as much
 * CPU as its writer.
 * <ul>
 *   <li>{@code timed-partition-<p>}, one per partition: each entry a {@link Segment}, the records one group commit
 *   appended to the partition, keyed by (partition, offset of its first record). Offsets only grow, so
 *   each flush is a run of keys after every earlier one and compaction can move files instead of merging
 *   them. Values go to blob files (RocksDB's BlobDB): what compaction does rewrite is keys and blob
 *   references, and a blob file, written once at flush, is deleted once the sweeper has deleted every
 *   segment in it. The writer LZ4-compresses each segment (see {@link Segment}), so RocksDB stores blobs
 *   as they come. A segment of events compresses severalfold (the load generator's frames tenfold), so
 *   the WAL and the flush write a tenth of the bytes, which saves more CPU than compressing costs.
 *   Compressing single records, before segments, cost a microsecond each and gained little.</li>
 *   <li>{@code dedup} ({@link DedupWindow}): small values looked up once per appended event, nearly always
 *   absent. A whole-key Bloom filter in every table and in the memtable answers "absent" without reading
 *   a block. Frocksdb's TTL compaction filter (the one Flink's state TTL uses; our value is its format,
 *   a leading big-endian timestamp) drops keys older than the window, and RocksDB's {@code ttl} has every
 *   file compacted within a window of its data's age, so old keys do not outlive two windows. Compacted
 *   universally (tiered), see {@link #DEDUP_LEVEL0_FILES}.</li>
 *   <li>{@code meta} and the default family: RocksDB's defaults, but for the shared cache below.</li>
 * </ul>
 * Memory is bounded whatever the rate and however much the log holds (per log; the action log has its
 * own, which stays small): memtables of all families together
 * stay under {@link #MEMTABLE_BUDGET}, and every table's index and filter blocks live in one block cache of
 * {@link #BLOCK_CACHE_BYTES}, not beside it. By default RocksDB keeps each open table's index and filter
 * in memory of its own, which grows with the data: the de-duplication filter alone is 10 bits a key,
 * 4 GB for a day at 40,000 events/s. Filters and indexes are partitioned (two-level), so the cache holds
 * the partitions lookups need, the newest keys' nearly always; the top levels and level 0's are pinned.
 * Options are read at open, not stored, so a log reopened with other tuning reads the same.
 */
final class LogFamilies implements AutoCloseable {

    private static final String DEDUP = "dedup";
    private static final String META = "meta";
    /** The records families, one per partition: the prefix of their names (read-only views find them by it). */
    static final String RECORDS_PREFIX = "timed-partition-";
    /** The families of logs whose segments held no event time beside each record. */
    private static final String UNTIMED_PREFIX = "partition-";
    /** The single records family of logs written before records had a family per partition. */
    private static final String SHARED_RECORDS = "records";
    /** The families of logs written before records were stored in segments, a record per entry. */
    private static final String RECORD_PER_ENTRY_PREFIX = "records-";
    /** The families of logs whose segments RocksDB compressed at flush, not the writer. */
    private static final String FLUSH_COMPRESSED_PREFIX = "segments-";
    private static final byte[] PARTITIONS_KEY = "partitions".getBytes(StandardCharsets.UTF_8);

    /** Memtable bytes of every family together; beyond it RocksDB flushes the largest. */
    private static final long MEMTABLE_BUDGET = 256L << 20;
    /**
     * Write-ahead log bytes kept at most; beyond it RocksDB flushes the families the oldest file holds
     * writes of, so it can delete that file. A WAL file is deleted only once every family written in it
     * has flushed, and the default and meta families take a few small writes now and then: without a
     * bound, RocksDB's default (four times all memtables) let the WAL grow to gigabytes, all of it
     * replayed at a restart. Twice the memtable budget is enough for the records' own flushes.
     */
    private static final long MAX_WAL_BYTES = 2 * MEMTABLE_BUDGET;
    private static final long MAX_RECORDS_MEMTABLE = 64L << 20;
    private static final long MIN_RECORDS_MEMTABLE = 8L << 20;
    /** Index, filter and data blocks of every family's tables; see the class comment. */
    private static final long BLOCK_CACHE_BYTES = 256L << 20;
    /** Share of the cache kept for index and filter blocks, before data blocks may take it. */
    private static final double INDEX_AND_FILTER_SHARE = 0.5;
    /** Bits per key of the de-duplication filters: about 1% false positives, each costing one block read. */
    private static final double BLOOM_BITS_PER_KEY = 10;
    /**
     * Sorted runs of de-duplication keys (level-0 files among them) that start a compaction (RocksDB's default: 4).
     * The keys are spread across the whole key space (every camera's in every flush), so every flush overlaps
     * everything below it. Leveled compaction, the family's first form, rewrote the whole family at each compaction
     * of level 0 while it was smaller than its base level's target (256 MB, some 57 million keys: ten minutes at
     * 100,000 events/s), and then rewrote every key some ten times more on its way to the last level: 7, 12 and 16 s
     * of a core for compactions of 13, 25 and 38 million keys two minutes apart, a cost growing with the family, in
     * bursts that made the acks' slow seconds of a ten-minute run gather in its second half. Universal (tiered)
     * compaction merges runs of like size: after the first few merges it left the big run alone and merged the new
     * ones (12 and 11 million keys, 6 and 5 s); the whole family is merged again only once the newer runs outgrow
     * the oldest twice over (RocksDB's size amplification limit), so a key is rewritten about as many times as the
     * family's size doubles, not once per compaction (benchmarks/results/2026-12-07/dedup-universal/). Lookups are
     * seldom (see {@link RisingKeys}) and each run answers one with its pinned Bloom filter, so more runs cost little. Sixteen, not four, runs start one: every
     * fourth flush rewrote the family, 0.35–0.49 of a core one to two minutes into 200,000–250,000 events/s (ingest
     * alone, MQTT); every sixteenth, 0.10–0.19 (benchmarks/results/2026-12-07/dedup-compaction/). Writes slow down
     * and stop later than by default by the same margin. The window's {@code ttl} is universal compaction's
     * periodic compaction: a file older than the window is compacted, through the filter that drops expired keys.
     */
    static final int DEDUP_LEVEL0_FILES = 16;
    /** Share of the memtable given to its Bloom filter. */
    private static final double MEMTABLE_BLOOM_RATIO = 0.05;
    /** Large enough to hold a memtable's records, small enough to free space soon after a sweep. */
    private static final long BLOB_FILE_BYTES = 256L << 20;
    /**
     * How often, in entries compacted, the compaction filter reads the clock anew (it reads it at the first entry of
     * each compaction). Each read calls into Java from RocksDB's thread, which attaches that thread to the JVM and
     * detaches it again: at a read every thousand entries a de-duplication compaction at 100,000 events/s started and
     * ended some 50,000 Java threads a minute. A clock up to a second behind keeps a key a second longer, no shorter.
     */
    private static final long CLOCK_READ_EVERY_ENTRIES = 100_000;

    private final int partitions;
    private final LRUCache cache = new LRUCache(BLOCK_CACHE_BYTES, -1, false, INDEX_AND_FILTER_SHARE);
    private final ColumnFamilyOptions plain;
    private final ColumnFamilyOptions records;
    private final BloomFilter bloom = new BloomFilter(BLOOM_BITS_PER_KEY, false);
    private final ColumnFamilyOptions dedup;
    private final FlinkCompactionFilterFactory forgetting;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();

    /**
     * @param dedupWindowMillis how long de-duplication keys are kept; 0 keeps them for ever
     * @param clockMillis       the log's clock, which says what has aged out
     */
    LogFamilies(int partitions, long dedupWindowMillis, LongSupplier clockMillis) {
        this.partitions = partitions;
        this.plain = new ColumnFamilyOptions().setTableFormatConfig(tables());
        long memtable = Math.max(MIN_RECORDS_MEMTABLE, Math.min(MAX_RECORDS_MEMTABLE, MEMTABLE_BUDGET / 2 / partitions));
        this.records = new ColumnFamilyOptions()
                .setTableFormatConfig(tables())
                .setWriteBufferSize(memtable)
                .setEnableBlobFiles(true)
                .setMinBlobSize(0)
                .setBlobFileSize(BLOB_FILE_BYTES)
                .setBlobCompressionType(CompressionType.NO_COMPRESSION) // the writer compressed them
                .setEnableBlobGarbageCollection(false) // blobs die oldest first with their records; relocating them only costs
                .setCompressionType(CompressionType.LZ4_COMPRESSION);
        this.dedup = new ColumnFamilyOptions()
                .setTableFormatConfig(tables().setFilterPolicy(bloom).setWholeKeyFiltering(true))
                .setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO)
                .setMemtableWholeKeyFiltering(true)
                .setCompactionStyle(CompactionStyle.UNIVERSAL)
                .setLevel0FileNumCompactionTrigger(DEDUP_LEVEL0_FILES)
                .setLevel0SlowdownWritesTrigger(DEDUP_LEVEL0_FILES + 20).setLevel0StopWritesTrigger(DEDUP_LEVEL0_FILES + 32)
                .setCompressionType(CompressionType.LZ4_COMPRESSION);
        if (dedupWindowMillis > 0) {
            this.forgetting = new FlinkCompactionFilterFactory(clockMillis::getAsLong);
            forgetting.configure(FlinkCompactionFilter.Config.createForValue(dedupWindowMillis, CLOCK_READ_EVERY_ENTRIES));
            dedup.setCompactionFilterFactory(forgetting)
                    .setTtl(Math.max(1, TimeUnit.MILLISECONDS.toSeconds(dedupWindowMillis)));
        } else {
            this.forgetting = null;
        }
    }

    /** Tables whose index and filter blocks are partitioned and cached in the shared, bounded cache. */
    private BlockBasedTableConfig tables() {
        return new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setCacheIndexAndFilterBlocks(true)
                .setCacheIndexAndFilterBlocksWithHighPriority(true)
                .setPinL0FilterAndIndexBlocksInCache(true)
                .setIndexType(IndexType.kTwoLevelIndexSearch)
                .setPartitionFilters(true)
                .setPinTopLevelIndexAndFilter(true);
    }

    /**
     * Opens the log's database with every family, creating what is missing. Refuses a log made with another
     * partition count, or in the earlier layout, before opening it.
     */
    RocksDB open(DBOptions options, String directory) throws RocksDBException {
        checkExisting(directory);
        options.setDbWriteBufferSize(MEMTABLE_BUDGET).setMaxTotalWalSize(MAX_WAL_BYTES);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, plain));
        for (int p = 0; p < partitions; p++) {
            descriptors.add(new ColumnFamilyDescriptor(name(RECORDS_PREFIX + p), records));
        }
        descriptors.add(new ColumnFamilyDescriptor(name(DEDUP), dedup));
        descriptors.add(new ColumnFamilyDescriptor(name(META), plain));
        RocksDB db = RocksDB.open(options, directory, descriptors, handles);
        byte[] stored = db.get(PARTITIONS_KEY);
        if (stored == null) {
            db.put(PARTITIONS_KEY, ByteBuffer.allocate(4).putInt(partitions).array());
        }
        return db;
    }

    ColumnFamilyHandle records(int partition) {
        return handles.get(1 + partition);
    }

    ColumnFamilyHandle dedup() {
        return handles.get(1 + partitions);
    }

    ColumnFamilyHandle meta() {
        return handles.get(2 + partitions);
    }

    private void checkExisting(String directory) throws RocksDBException {
        if (!Files.exists(Path.of(directory, "CURRENT"))) {
            return; // a new log
        }
        List<String> existing = new ArrayList<>();
        try (Options probe = new Options()) {
            RocksDB.listColumnFamilies(probe, directory).forEach(raw -> existing.add(new String(raw, StandardCharsets.UTF_8)));
        }
        if (existing.contains(SHARED_RECORDS)) {
            throw earlierLayout(directory, "kept every partition's records in one column family");
        }
        if (existing.stream().anyMatch(name -> name.startsWith(RECORD_PER_ENTRY_PREFIX))) {
            throw earlierLayout(directory, "stored each record as an entry of its own");
        }
        if (existing.stream().anyMatch(name -> name.startsWith(FLUSH_COMPRESSED_PREFIX))) {
            throw earlierLayout(directory, "left its segments to RocksDB to compress");
        }
        if (existing.stream().anyMatch(name -> name.startsWith(UNTIMED_PREFIX))) {
            throw earlierLayout(directory, "stored no event time beside its records");
        }
        long stored = existing.stream().filter(name -> name.startsWith(RECORDS_PREFIX)).count();
        if (stored != partitions) {
            throw new IllegalStateException("log " + directory + " was created with " + stored
                    + " partitions; it cannot be reopened with " + partitions);
        }
    }

    private static IllegalStateException earlierLayout(String directory, String how) {
        return new IllegalStateException("log " + directory + " was written by an earlier gridwarden that " + how
                + "; this version cannot read it. Move it aside and start with an empty data directory");
    }

    private static byte[] name(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    /** Closes the handles (before the database is closed) and the options (after). */
    void closeHandles() {
        handles.forEach(ColumnFamilyHandle::close);
    }

    @Override
    public void close() {
        records.close();
        dedup.close();
        bloom.close();
        plain.close();
        cache.close();
        if (forgetting != null) {
            forgetting.close();
        }
    }
}
