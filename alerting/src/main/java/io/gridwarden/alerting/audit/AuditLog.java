package io.gridwarden.alerting.audit;

import io.gridwarden.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Operators' actions, kept durably in alerting's data directory (a RocksDB of its own): every entry is
 * fsynced before the operator is answered. Keyed by time and a sequence ({@code e/<millis><seq>}), so
 * pages are read newest first without an index. Bounded: {@link #sweep} deletes entries older than the
 * retention, and the oldest beyond {@code maxEntries} (so a flood of refused attempts cannot fill the
 * disk; it can push out old entries sooner, which the count of entries kept shows). All methods block:
 * call them from a worker thread.
 */
public final class AuditLog implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    /** How long entries are kept by default: a year, the usual term for administrative records' access logs. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(366);
    /** The most entries kept by default (about 400 bytes each on disk). */
    public static final long DEFAULT_MAX_ENTRIES = 2_000_000;
    /** Entries a page looks at, at most: an operator filter over a long log answers quickly, with a cursor to go on. */
    static final int MAX_SCANNED = 20_000;
    private static final byte[] PREFIX = "e/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAST_ENTRIES = "e0".getBytes(StandardCharsets.US_ASCII); // '0' follows '/'
    private static final byte[] COUNT = "m/count".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_LENGTH = PREFIX.length + 16;

    private final Options options;
    private final WriteOptions syncWrites;
    private final RocksDB db;
    private final Duration retention;
    private final long maxEntries;
    private long count;
    private long sequence;
    private boolean closed;

    private AuditLog(Path directory, Duration retention, long maxEntries) throws RocksDBException {
        this.options = new Options().setCreateIfMissing(true);
        this.syncWrites = new WriteOptions().setSync(true);
        this.db = RocksDB.open(options, directory.toString());
        this.retention = retention;
        this.maxEntries = maxEntries;
        byte[] stored = db.get(COUNT);
        this.count = stored == null ? 0 : ByteBuffer.wrap(stored).getLong();
        try (RocksIterator it = db.newIterator()) {
            it.seekForPrev(PAST_ENTRIES);
            this.sequence = it.isValid() && isEntry(it.key()) ? ByteBuffer.wrap(it.key(), PREFIX.length + 8, 8).getLong() + 1 : 0;
        }
    }

    /** Opens (or creates) the audit log in {@code directory}, keeping entries for {@code retention}, at most {@code maxEntries}. */
    public static AuditLog open(Path directory, Duration retention, long maxEntries) {
        if (retention.isNegative() || retention.isZero() || maxEntries < 1) {
            throw new IllegalArgumentException("the audit log needs a positive retention and entry bound, got " + retention + ", " + maxEntries);
        }
        try {
            Files.createDirectories(directory);
            return new AuditLog(directory, retention, maxEntries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + " for alerting's audit log", e);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot open alerting's audit log " + directory + ": " + e.getMessage()
                    + " (is another alerting process using this data directory?)", e);
        }
    }

    /** Appends an entry, durably (fsynced) before returning. */
    public synchronized void record(AuditEntry entry) {
        checkOpen();
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(key(entry.at(), sequence), Json.toBytes(entry));
            batch.put(COUNT, longBytes(count + 1));
            db.write(syncWrites, batch);
            sequence++;
            count++;
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot write to the audit log: " + e.getMessage(), e);
        }
    }

    /** One page, newest first. */
    public synchronized AuditPage page(AuditQuery query) {
        checkOpen();
        List<AuditEntry> items = new ArrayList<>();
        try (RocksIterator it = db.newIterator()) {
            start(it, query);
            for (int scanned = 0; valid(it, query.since()); it.prev()) {
                byte[] key = it.key();
                AuditEntry entry = Json.fromBytes(it.value(), AuditEntry.class);
                if (query.operator() == null || query.operator().equals(entry.operator())) {
                    items.add(entry);
                }
                if (items.size() == query.limit() || ++scanned == MAX_SCANNED) {
                    it.prev();
                    return new AuditPage(items, valid(it, query.since()) ? Base64.getUrlEncoder().withoutPadding().encodeToString(key) : null);
                }
            }
        }
        return new AuditPage(items, null);
    }

    /** Deletes entries older than the retention as of {@code now}, and the oldest beyond the bound; returns how many. */
    public synchronized int sweep(Instant now) {
        checkOpen();
        long cutoff = now.minus(retention).toEpochMilli();
        int swept = 0;
        try (RocksIterator it = db.newIterator(); WriteBatch batch = new WriteBatch()) {
            for (it.seek(PREFIX); it.isValid() && isEntry(it.key()); it.next()) {
                if (timeOf(it.key()) >= cutoff && count - swept <= maxEntries) {
                    break; // entries are in time order: every later one is kept too
                }
                batch.delete(it.key());
                swept++;
            }
            batch.put(COUNT, longBytes(count - swept));
            db.write(syncWrites, batch);
            count -= swept;
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot sweep the audit log: " + e.getMessage(), e);
        }
        return swept;
    }

    /** Entries held. */
    public synchronized long size() {
        return count;
    }

    /** Positions on the newest entry strictly before the cursor, or before {@code until}, or the newest of all. */
    private static void start(RocksIterator it, AuditQuery query) {
        byte[] bound = query.cursor() != null ? keyOfCursor(query.cursor())
                : query.until() != null ? ByteBuffer.allocate(PREFIX.length + 8).put(PREFIX).putLong(sortable(query.until())).array()
                : PAST_ENTRIES;
        it.seekForPrev(bound);
        if (it.isValid() && Arrays.equals(it.key(), bound)) {
            it.prev();
        }
    }

    private static boolean valid(RocksIterator it, Instant since) {
        return it.isValid() && isEntry(it.key()) && (since == null || timeOf(it.key()) >= since.toEpochMilli());
    }

    /** @throws IllegalArgumentException when the cursor is not one this log handed out */
    private static byte[] keyOfCursor(String cursor) {
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (!isEntry(key)) {
            throw new IllegalArgumentException("cursor is not one this API returned as nextCursor; start again without it");
        }
        return key;
    }

    private static byte[] key(Instant at, long sequence) {
        return ByteBuffer.allocate(KEY_LENGTH).put(PREFIX).putLong(sortable(at)).putLong(sequence).array();
    }

    /** The time with its sign bit flipped, so that keys sort by time as unsigned bytes, before 1970 too. */
    private static long sortable(Instant at) {
        return at.toEpochMilli() ^ Long.MIN_VALUE;
    }

    private static long timeOf(byte[] key) {
        return ByteBuffer.wrap(key, PREFIX.length, 8).getLong() ^ Long.MIN_VALUE;
    }

    private static boolean isEntry(byte[] key) {
        return key.length == KEY_LENGTH && Arrays.equals(key, 0, PREFIX.length, PREFIX, 0, PREFIX.length);
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the audit log is closed (alerting is stopping)");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            db.close();
            syncWrites.close();
            options.close();
        }
    }
}
