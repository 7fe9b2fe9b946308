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
    private final RisingKeys rising;

    /** @param windowMillis how long a key is remembered; 0 remembers it for ever */
    DedupWindow(RocksDB db, ColumnFamilyHandle byKey, long windowMillis) {
        this.db = db;
        this.byKey = byKey;
        this.windowMillis = windowMillis;
        this.rising = new RisingKeys(db, byKey);
    }

    /**
     * For each key, whether it is remembered as of {@code nowMillis}: one batched lookup for the keys that
     * {@link RisingKeys} cannot rule out.
     */
    List<Boolean> remembered(List<byte[]> keys, long nowMillis) throws RocksDBException {
        if (keys.isEmpty()) {
            return List.of();
        }
        boolean[] certainlyNew = new boolean[keys.size()];
        List<byte[]> looked = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            certainlyNew[i] = rising.certainlyNew(keys.get(i)); // most keys of devices whose ids rise need no lookup
            if (!certainlyNew[i]) {
                looked.add(keys.get(i));
            }
        }
        List<byte[]> found = looked.isEmpty() ? List.of() : db.multiGetAsList(Collections.nCopies(looked.size(), byKey), looked);
        List<Boolean> out = new ArrayList<>(keys.size());
        int next = 0;
        for (int i = 0; i < keys.size(); i++) {
            byte[] value = certainlyNew[i] ? null : found.get(next++);
            out.add(value != null && (windowMillis == 0 || ByteBuffer.wrap(value).getLong() > nowMillis - windowMillis));
        }
        return out;
    }

    /** {@code key} is now durably stored (after the write that staged it with {@link #remember}). */
    void stored(byte[] key) {
        rising.stored(key);
    }

    /** Stages remembering {@code key} from {@code timePrefix} (8 bytes, big-endian epoch millis) on. */
    void remember(BatchBuilder batch, byte[] key, byte[] timePrefix) {
        batch.put(byKey, key, timePrefix, NOTHING);
    }
}
