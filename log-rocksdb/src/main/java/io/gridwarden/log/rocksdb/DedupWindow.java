package io.gridwarden.log.rocksdb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The de-duplication keys a log remembers, for a window of time: each key maps to the append time
 * (8 bytes, big-endian epoch millis) of the record that brought it, written in the same batch as
 * that record. A key counts as remembered while its time is within the window of the log's clock,
 * whether or not storage still holds it, so the window is exact.
 *
 * <p>Storage forgets old keys without any work of ours: {@link LogFamilies} gives the family a
 * compaction filter that drops a value whose leading timestamp has aged out of the window, and has
 * RocksDB compact files holding such keys. An earlier design kept a second index by time and deleted
 * each key in a sweep, which cost one more write per event then and a delete per event a day later.
 */
final class DedupWindow {

    private static final byte[] NOTHING = new byte[0];

    private final RocksDB db;
    private final ColumnFamilyHandle byKey;
    private final long windowMillis;

    /** @param windowMillis how long a key is remembered; 0 remembers it for ever */
    DedupWindow(RocksDB db, ColumnFamilyHandle byKey, long windowMillis) {
        this.db = db;
        this.byKey = byKey;
        this.windowMillis = windowMillis;
    }

    /** For each key, whether it is remembered as of {@code nowMillis}: one batched lookup for the lot. */
    List<Boolean> remembered(List<byte[]> keys, long nowMillis) throws RocksDBException {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<byte[]> found = db.multiGetAsList(Collections.nCopies(keys.size(), byKey), keys);
        List<Boolean> out = new ArrayList<>(found.size());
        for (byte[] value : found) {
            out.add(value != null && (windowMillis == 0 || ByteBuffer.wrap(value).getLong() > nowMillis - windowMillis));
        }
        return out;
    }

    /** Stages remembering {@code key} from {@code timePrefix} (8 bytes, big-endian epoch millis) on. */
    void remember(BatchBuilder batch, byte[] key, byte[] timePrefix) {
        batch.put(byKey, key, timePrefix, NOTHING);
    }
}
