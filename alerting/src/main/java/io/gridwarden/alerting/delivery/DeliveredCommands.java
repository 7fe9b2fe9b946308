package io.gridwarden.alerting.delivery;

import io.gridwarden.common.action.Command;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The ids of commands a device has taken ({@code delivered/<id>}) or acknowledged ({@code acked/<id>}),
 * kept in a small RocksDB. Written with sync before delivery moves on, so after {@code kill -9} nothing
 * delivered is sent again. All methods block: call them from a worker thread.
 *
 * <p>Bounded: a record's value is when it was written and until when it must be kept, and
 * {@link #sweep} deletes it after that. A record is needed while its command may still be sent: until
 * the command's deadline (after that alerting never sends it, {@link Expiry}) and while the same id may
 * come back through the action log (a replay of the jobs; the log de-duplicates ids for 25 h), so it is
 * kept {@link #KEEP_AT_LEAST} after it was written, and past the deadline if that is later.
 */
public final class DeliveredCommands implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    /** Longer than the action log's de-duplication window (25 h) and a command's retries (about an hour) together. */
    public static final Duration KEEP_AT_LEAST = Duration.ofDays(2);
    private static final String KEY_PREFIX = "delivered/";
    private static final String ACK_PREFIX = "acked/";
    private static final int SWEEP_BATCH = 10_000;

    private final Options options;
    private final WriteOptions syncWrites;
    /** Not synced: a delete lost in a crash only means a record is kept a little longer. */
    private final WriteOptions writes;
    private final RocksDB db;
    private boolean closed;

    private DeliveredCommands(Path directory) throws RocksDBException {
        this.options = new Options().setCreateIfMissing(true);
        this.syncWrites = new WriteOptions().setSync(true);
        this.writes = new WriteOptions();
        this.db = RocksDB.open(options, directory.toString());
    }

    /** Opens (or creates) the store in {@code directory}. */
    public static DeliveredCommands open(Path directory) {
        try {
            Files.createDirectories(directory);
            return new DeliveredCommands(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + " for alerting's delivered-commands store", e);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot open alerting's delivered-commands store " + directory + ": " + e.getMessage()
                    + " (is another alerting process using this data directory?)", e);
        }
    }

    /** Whether the command was delivered or acknowledged before: either way it is not sent again. */
    public synchronized boolean contains(String commandId) {
        checkOpen();
        try {
            return db.get(key(commandId)) != null || db.get(ackKey(commandId)) != null;
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot read the delivered-commands store: " + e.getMessage(), e);
        }
    }

    /** Records a delivery at {@code now} durably (fsynced) before returning; kept until the command can no longer be sent. */
    public synchronized void markDelivered(Command command, Instant now) {
        checkOpen();
        Instant keep = now.plus(KEEP_AT_LEAST);
        Instant keepUntil = Expiry.deadline(command).filter(keep::isBefore).orElse(keep);
        try {
            db.put(syncWrites, key(command.id()), value(now, keepUntil));
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot record delivery of " + command.id() + ": " + e.getMessage(), e);
        }
    }

    /** When the command was handed over, if this store knows it was. */
    public synchronized java.util.Optional<Instant> deliveredAt(String commandId) {
        checkOpen();
        try {
            byte[] value = db.get(key(commandId));
            return value == null ? java.util.Optional.empty() : java.util.Optional.of(Instant.ofEpochMilli(ByteBuffer.wrap(value).getLong(0)));
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot read the delivered-commands store: " + e.getMessage(), e);
        }
    }

    public synchronized boolean isAcked(String commandId) {
        checkOpen();
        try {
            return db.get(ackKey(commandId)) != null;
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot read the delivered-commands store: " + e.getMessage(), e);
        }
    }

    /** Records durably (fsynced) that the device acknowledged the command, as of {@code now}. */
    public synchronized void markAcked(String commandId, Instant now) {
        checkOpen();
        try {
            db.put(syncWrites, ackKey(commandId), value(now, now.plus(KEEP_AT_LEAST)));
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot record the acknowledgement of " + commandId + ": " + e.getMessage(), e);
        }
    }

    /** Deletes every record whose time to keep is over by {@code now}; returns how many. */
    public synchronized int sweep(Instant now) {
        checkOpen();
        int swept = 0;
        try (RocksIterator it = db.newIterator()) {
            WriteBatch batch = new WriteBatch();
            try {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    if (keepUntil(it.value()) < now.toEpochMilli()) {
                        batch.delete(it.key());
                        if (++swept % SWEEP_BATCH == 0) {
                            db.write(writes, batch);
                            batch.close();
                            batch = new WriteBatch();
                        }
                    }
                }
                db.write(writes, batch);
            } finally {
                batch.close();
            }
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot sweep the delivered-commands store: " + e.getMessage(), e);
        }
        return swept;
    }

    /** When a record was written and until when it is kept. */
    private static byte[] value(Instant at, Instant keepUntil) {
        return ByteBuffer.allocate(16).putLong(at.toEpochMilli()).putLong(keepUntil.toEpochMilli()).array();
    }

    /** Until when a record is kept; a record written before records had a keep time is kept {@link #KEEP_AT_LEAST} from its time. */
    private static long keepUntil(byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        return value.length >= 16 ? buffer.getLong(8) : buffer.getLong(0) + KEEP_AT_LEAST.toMillis();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the delivered-commands store is closed (alerting is stopping)");
        }
    }

    private static byte[] ackKey(String commandId) {
        return (ACK_PREFIX + commandId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] key(String commandId) {
        return (KEY_PREFIX + commandId).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            db.close();
            syncWrites.close();
            writes.close();
            options.close();
        }
    }
}
