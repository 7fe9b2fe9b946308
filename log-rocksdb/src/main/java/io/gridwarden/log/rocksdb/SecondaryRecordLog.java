package io.gridwarden.log.rocksdb;

import io.gridwarden.common.files.Directories;
import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A read-only view of a log that another process owns (a running {@code gridwarden run}): a RocksDB
 * <em>secondary</em> instance, which reads the primary's files as of its opening and never writes
 * to them, takes no lock and does not hold up the primary's flushes or compactions. What the primary
 * appends later is not seen. Writing through it ({@link #append}, {@link #acknowledge}) is refused.
 *
 * <p>Obtained through {@link LogRegistry#acquireForReading}, which prefers the log this process already
 * has open.
 */
final class SecondaryRecordLog implements RecordLog {

    private static final String RECORDS_PREFIX = LogFamilies.RECORDS_PREFIX;

    private final int partitions;
    private final Path scratch;
    private final DBOptions options;
    private final ColumnFamilyOptions familyOptions;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final RocksDB db;
    private final int[] recordFamily;
    private final OpenGuard open;

    private SecondaryRecordLog(LogSpec spec, Path scratch) throws RocksDBException {
        this.partitions = spec.partitions();
        this.scratch = scratch;
        this.open = new OpenGuard("read-only view of log " + spec.directory());
        this.options = new DBOptions().setMaxOpenFiles(-1); // a secondary must keep every file it opened
        this.familyOptions = new ColumnFamilyOptions();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Options probe = new Options()) {
            for (byte[] raw : RocksDB.listColumnFamilies(probe, spec.directory())) {
                descriptors.add(new ColumnFamilyDescriptor(raw, familyOptions));
                names.add(new String(raw, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        this.recordFamily = new int[partitions];
        for (int p = 0; p < partitions; p++) {
            recordFamily[p] = names.indexOf(RECORDS_PREFIX + p);
            if (recordFamily[p] < 0) {
                throw new IllegalStateException("log " + spec.directory() + " has no partition " + p + " (it has "
                        + names.stream().filter(n -> n.startsWith(RECORDS_PREFIX)).count() + "); give its partition count");
            }
        }
        this.db = RocksDB.openAsSecondary(options, spec.directory(), scratch.toString(), descriptors, handles);
    }

    static SecondaryRecordLog open(LogSpec spec) {
        if (!Files.exists(spec.path().resolve("CURRENT"))) {
            throw new IllegalStateException("no log in " + spec.directory() + ": give the data directory of a gridwarden that has run");
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("gridwarden-log-reader");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch directory to read " + spec.directory(), e);
        }
        try {
            return new SecondaryRecordLog(spec, scratch);
        } catch (RocksDBException | RuntimeException e) {
            deleteQuietly(scratch);
            throw new IllegalStateException("cannot read log " + spec.directory() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int partitions() {
        return partitions;
    }

    @Override
    public List<LogRecord> read(int partition, long fromOffset, int max) {
        List<LogRecord> out = new ArrayList<>(Math.min(max, 1024));
        try (OpenGuard.Use use = open.use();
             Slice lower = new Slice(RocksRecordLog.key(partition, 0));
             Slice upper = new Slice(RocksRecordLog.key(partition + 1, 0));
             ReadOptions readOptions = new ReadOptions().setIterateLowerBound(lower).setIterateUpperBound(upper);
             RocksIterator it = db.newIterator(handles.get(recordFamily[partition]), readOptions)) {
            it.seekForPrev(RocksRecordLog.key(partition, fromOffset));
            if (!it.isValid()) {
                it.seekToFirst();
            }
            for (; it.isValid() && out.size() < max; it.next()) {
                Segment.decode(partition, ByteBuffer.wrap(it.key()).getLong(4), it.value(), fromOffset, max, out);
            }
        }
        return out;
    }

    @Override
    public long endOffset(int partition) {
        try (OpenGuard.Use use = open.use();
             ReadOptions readOptions = new ReadOptions();
             RocksIterator it = db.newIterator(handles.get(recordFamily[partition]), readOptions)) {
            it.seekForPrev(RocksRecordLog.key(partition, Long.MAX_VALUE));
            if (!it.isValid()) {
                return 0;
            }
            return ByteBuffer.wrap(it.key()).getLong(4) + Segment.count(it.value());
        }
    }

    @Override
    public CompletableFuture<AppendResult> append(List<LogEntry> entries) {
        return CompletableFuture.failedFuture(readOnly());
    }

    /** What is not there yet will not be seen: a view of the log as of its opening. */
    @Override
    public CompletableFuture<Void> awaitRecord(int partition, long offset) {
        return endOffset(partition) > offset ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
    }

    @Override
    public void acknowledge(int partition, long offset) {
        throw readOnly();
    }

    @Override
    public long acknowledged(int partition) {
        return 0;
    }

    private static UnsupportedOperationException readOnly() {
        return new UnsupportedOperationException("a read-only view of a log another process owns: it cannot be written");
    }

    @Override
    public void close() {
        open.close(() -> {
            handles.forEach(ColumnFamilyHandle::close);
            db.close();
            familyOptions.close();
            options.close();
            deleteQuietly(scratch);
        });
    }

    private static void deleteQuietly(Path dir) {
        try {
            Directories.deleteTree(dir);
        } catch (IOException | UncheckedIOException e) {
            // a scratch directory left in the temp directory is harmless
        }
    }
}
