package io.gridwarden.log.rocksdb;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * An exact first answer for de-duplication that needs no lookup for most keys: for each key prefix (a key's
 * bytes up to its first zero byte, the source of a {@code source \0 id} key), the greatest key stored with
 * it. A key greater than that cannot be stored. Devices whose ids rise (timestamps, counters of one width)
 * so skip the Bloom probes of every table file, which were what held ingest alone near 150,000 events/s;
 * any other key is looked up as before.
 *
 * <p>A prefix's greatest key is read from the de-dup family once, the first time the prefix comes (after an
 * open, or after the map was cleared at its bound), and raised as keys are stored, so it never falls below a
 * stored key. Keys that expire stay counted until then, which only sends more keys to the lookup. Used by
 * the single writer only, through {@link DedupWindow}.
 */
final class RisingKeys {

    /** Prefixes remembered at most; past it the map starts again empty (each prefix costs one seek again). */
    static final int MAX_PREFIXES = 200_000;

    private final RocksDB db;
    private final ColumnFamilyHandle byKey;
    private final Map<ByteBuffer, byte[]> greatest = new HashMap<>();

    RisingKeys(RocksDB db, ColumnFamilyHandle byKey) {
        this.db = db;
        this.byKey = byKey;
    }

    /** Whether {@code key} is certainly not stored: it is greater than every stored key of its prefix. */
    boolean certainlyNew(byte[] key) {
        int cut = prefixLength(key);
        if (cut < 0) {
            return false;
        }
        ByteBuffer prefix = ByteBuffer.wrap(key, 0, cut);
        byte[] max = greatest.get(prefix);
        if (max == null) {
            if (greatest.size() >= MAX_PREFIXES) {
                greatest.clear();
            }
            byte[] ownPrefix = Arrays.copyOf(key, cut);
            max = storedGreatest(ownPrefix);
            greatest.put(ByteBuffer.wrap(ownPrefix), max);
        }
        return Arrays.compareUnsigned(key, max) > 0;
    }

    /** {@code key} is now stored: it raises its prefix's greatest key, if the prefix is remembered. */
    void stored(byte[] key) {
        int cut = prefixLength(key);
        if (cut < 0) {
            return;
        }
        ByteBuffer prefix = ByteBuffer.wrap(key, 0, cut);
        byte[] max = greatest.get(prefix);
        if (max != null && Arrays.compareUnsigned(key, max) > 0) {
            greatest.put(prefix, key);
        }
    }

    /** The greatest stored key that starts with {@code prefix}, or the prefix itself when there is none. */
    private byte[] storedGreatest(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        end[end.length - 1] = 1; // the prefix ends in its zero byte: every key with it sorts below this
        try (Slice lower = new Slice(prefix);
             Slice upper = new Slice(end);
             ReadOptions options = new ReadOptions().setIterateLowerBound(lower).setIterateUpperBound(upper);
             RocksIterator it = db.newIterator(byKey, options)) {
            it.seekToLast();
            return it.isValid() ? it.key() : prefix;
        }
    }

    /** The length of the key's prefix: up to and including its first zero byte; -1 when it has none. */
    private static int prefixLength(byte[] key) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] == 0) {
                return i + 1;
            }
        }
        return -1;
    }
}
