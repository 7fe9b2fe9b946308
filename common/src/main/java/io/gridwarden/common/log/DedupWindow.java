package io.gridwarden.common.log;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The de-duplication keys a log remembers, for a window of time. Each key is stored twice, in the
 * same write batch as its record: by key (to look it up) and by (append time, key) (to find the keys
 * that have aged out without scanning them all). Forgetting walks the time index up to the cutoff.
 */
final class DedupWindow {

    /** Keys forgotten per write batch: bounds the memory one expiry pass holds. */
    private static final int FORGET_CHUNK = 10_000;
    private static final byte[] NOTHING = new byte[0];

    private final RocksDB db;
    private final ColumnFamilyHandle byKey;
    private final ColumnFamilyHandle byTime;

    DedupWindow(RocksDB db, ColumnFamilyHandle byKey, ColumnFamilyHandle byTime) {
        this.db = db;
        this.byKey = byKey;
        this.byTime = byTime;
    }

    /** For each key, whether it is already remembered: one batched lookup for the lot. */
    List<Boolean> remembered(List<byte[]> keys) throws RocksDBException {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<byte[]> found = db.multiGetAsList(Collections.nCopies(keys.size(), byKey), keys);
        List<Boolean> out = new ArrayList<>(found.size());
        found.forEach(value -> out.add(value != null));
        return out;
    }

    /** Stages remembering {@code key} from {@code timePrefix} (8 bytes, big-endian epoch millis) on. */
    void remember(BatchBuilder batch, byte[] key, byte[] timePrefix) {
        batch.put(byKey, key, timePrefix, NOTHING);
        batch.put(byTime, ByteBuffer.allocate(8 + key.length).put(timePrefix).put(key).array(), NOTHING, NOTHING);
    }

    /** Forgets every key remembered before {@code cutoffMillis}; returns how many. */
    long forgetOlderThan(long cutoffMillis, WriteOptions writeOptions) throws RocksDBException {
        long forgotten = 0;
        byte[] cutoff = ByteBuffer.allocate(8).putLong(Math.max(0, cutoffMillis)).array();
        try (Slice upper = new Slice(cutoff);
             ReadOptions readOptions = new ReadOptions().setIterateUpperBound(upper);
             RocksIterator it = db.newIterator(byTime, readOptions)) {
            it.seekToFirst();
            while (it.isValid()) {
                byte[] first = it.key();
                int inChunk = 0;
                try (WriteBatch batch = new WriteBatch()) {
                    byte[] last = first;
                    for (; it.isValid() && inChunk < FORGET_CHUNK; it.next(), inChunk++) {
                        last = it.key();
                        batch.delete(byKey, keyOf(last));
                    }
                    batch.deleteRange(byTime, first, successor(last)); // key deletes and index range go together
                    db.write(writeOptions, batch);
                }
                forgotten += inChunk;
            }
        }
        return forgotten;
    }

    private static byte[] keyOf(byte[] indexKey) {
        byte[] key = new byte[indexKey.length - 8];
        System.arraycopy(indexKey, 8, key, 0, key.length);
        return key;
    }

    /** The smallest key after {@code key}: the exclusive end of a range that includes it. */
    private static byte[] successor(byte[] key) {
        byte[] next = new byte[key.length + 1];
        System.arraycopy(key, 0, next, 0, key.length);
        return next;
    }
}
