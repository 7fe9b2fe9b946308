package io.gridwarden.alerting.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;

/**
 * Walks the detection-time index backwards (newest first). A page looks at no more than
 * {@link #MAX_SCANNED} index entries, so a narrow filter over a long history answers quickly with
 * fewer items and a cursor to go on from.
 */
final class HistoryScan {

    static final int MAX_SCANNED = 20_000;

    private final RocksDB db;
    private final Function<String, StoredViolation> lookup;

    HistoryScan(RocksDB db, Function<String, StoredViolation> lookup) {
        this.db = db;
        this.lookup = lookup;
    }

    HistoryPage page(HistoryQuery query) {
        List<StoredViolation> items = new ArrayList<>();
        byte[] last = null;
        int scanned = 0;
        try (RocksIterator it = db.newIterator()) {
            start(it, query.cursor() != null ? StoreKeys.indexOfCursor(query.cursor()) : null, query.until());
            for (; valid(it, query.since()); it.prev()) {
                last = it.key();
                StoredViolation v = lookup.apply(StoreKeys.idOfIndex(last));
                if (v != null && query.filter().test(v.latest())) {
                    items.add(v);
                }
                if (items.size() == query.limit() || ++scanned == MAX_SCANNED) {
                    it.prev();
                    return new HistoryPage(items, valid(it, query.since()) ? StoreKeys.cursorOf(last) : null);
                }
            }
        }
        return new HistoryPage(items, null);
    }

    void forEach(Instant since, Instant until, Consumer<StoredViolation> visitor) {
        try (RocksIterator it = db.newIterator()) {
            for (start(it, null, until); valid(it, since); it.prev()) {
                StoredViolation v = lookup.apply(StoreKeys.idOfIndex(it.key()));
                if (v != null) {
                    visitor.accept(v);
                }
            }
        }
    }

    /** Positions on the newest entry strictly before the cursor (or before {@code until}, or the newest of all). */
    private static void start(RocksIterator it, byte[] cursor, Instant until) {
        byte[] bound = cursor != null ? cursor : until != null ? StoreKeys.indexFrom(until) : null;
        if (bound == null) {
            it.seekForPrev(StoreKeys.bytes("d0")); // '0' follows '/': just past every index key
            return;
        }
        it.seekForPrev(bound);
        if (it.isValid() && java.util.Arrays.equals(it.key(), bound)) {
            it.prev();
        }
    }

    private static boolean valid(RocksIterator it, Instant since) {
        return it.isValid() && StoreKeys.startsWith(it.key(), StoreKeys.INDEX_PREFIX)
                && (since == null || !StoreKeys.timeOfIndex(it.key()).isBefore(since));
    }
}
