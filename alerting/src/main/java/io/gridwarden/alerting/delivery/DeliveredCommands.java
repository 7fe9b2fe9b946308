package io.gridwarden.alerting.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The ids of commands a device has taken ({@code delivered/<id>}) or acknowledged ({@code acked/<id>}),
 * kept in a small RocksDB, the value the time. Written with sync before delivery moves on, so after {@code kill -9} nothing delivered is
 * sent again. All methods block: call them from a worker thread.
 */
public final class DeliveredCommands implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    private static final String KEY_PREFIX = "delivered/";
    private static final String ACK_PREFIX = "acked/";

    private final Options options;
    private final WriteOptions syncWrites;
    private final RocksDB db;
    private boolean closed;

    private DeliveredCommands(Path directory) throws RocksDBException {
        this.options = new Options().setCreateIfMissing(true);
        this.syncWrites = new WriteOptions().setSync(true);
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

    /** Records a delivery durably (fsynced) before returning. */
    public synchronized void markDelivered(String commandId, Instant at) {
        checkOpen();
        try {
            db.put(syncWrites, key(commandId), ByteBuffer.allocate(8).putLong(at.toEpochMilli()).array());
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot record delivery of " + commandId + ": " + e.getMessage(), e);
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

    /** Records durably (fsynced) that the device acknowledged the command. */
    public synchronized void markAcked(String commandId, Instant at) {
        checkOpen();
        try {
            db.put(syncWrites, ackKey(commandId), ByteBuffer.allocate(8).putLong(at.toEpochMilli()).array());
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot record the acknowledgement of " + commandId + ": " + e.getMessage(), e);
        }
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
            options.close();
        }
    }
}
