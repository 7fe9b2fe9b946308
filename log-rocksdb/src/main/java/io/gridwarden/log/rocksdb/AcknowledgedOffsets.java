package io.gridwarden.log.rocksdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * Each partition's acknowledged offset, kept in memory and in the log's meta column family. Monotonic.
 *
 * <p>Writes are not synced: an acknowledgement lost in a crash only means records are kept longer,
 * and the write-ahead log orders it before any deletion that relied on it.
 */
final class AcknowledgedOffsets implements AutoCloseable {

    private final RocksDB db;
    private final ColumnFamilyHandle meta;
    private final long[] offsets;
    private final WriteOptions writes = new WriteOptions();

    AcknowledgedOffsets(RocksDB db, ColumnFamilyHandle meta, int partitions) throws RocksDBException {
        this.db = db;
        this.meta = meta;
        this.offsets = new long[partitions];
        for (int p = 0; p < partitions; p++) {
            byte[] stored = db.get(meta, key(p));
            offsets[p] = stored == null ? 0 : ByteBuffer.wrap(stored).getLong();
        }
    }

    synchronized long get(int partition) {
        return offsets[partition];
    }

    /** Raises the partition's offset to {@code offset}; a lower one is ignored. */
    synchronized void raise(int partition, long offset) throws RocksDBException {
        if (offset <= offsets[partition]) {
            return;
        }
        db.put(meta, writes, key(partition), ByteBuffer.allocate(8).putLong(offset).array());
        offsets[partition] = offset;
    }

    private static byte[] key(int partition) {
        return ByteBuffer.allocate(7).put("ack".getBytes(StandardCharsets.US_ASCII)).putInt(partition).array();
    }

    @Override
    public void close() {
        writes.close();
    }
}
