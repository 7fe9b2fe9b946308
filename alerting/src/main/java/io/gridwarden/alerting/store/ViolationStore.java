package io.gridwarden.alerting.store;

import io.gridwarden.alerting.view.TimelineEntry;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Alerting's own RocksDB (not a log): each violation's latest state and timeline, a detection-time
 * index for history paging, the action-log offset applied last (so a restart resumes there instead of
 * replaying the log), commands still being delivered, and officers' latest positions. Nothing of it is
 * held in memory. All methods block: call them from a worker thread.
 */
public final class ViolationStore implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    private final Options options;
    private final WriteOptions writes;
    private final RocksDB db;
    private boolean closed;

    private ViolationStore(Path directory) throws RocksDBException {
        this.options = new Options().setCreateIfMissing(true);
        this.writes = new WriteOptions();
        this.db = RocksDB.open(options, directory.toString());
    }

    public static ViolationStore open(Path directory) {
        try {
            Files.createDirectories(directory);
            return new ViolationStore(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + " for alerting's violation store", e);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot open alerting's violation store " + directory + ": " + e.getMessage()
                    + " (is another alerting process using this data directory?)", e);
        }
    }

    /** The action-log offset to read next: one past the last applied page, 0 for a new store. */
    public synchronized long nextOffset() {
        byte[] value = get(StoreKeys.OFFSET);
        return value == null ? 0 : StoreKeys.longOf(value) + 1;
    }

    /**
     * {@link #nextOffset()} once the store's write-ahead log is on disk: the action-log records below it
     * are applied for good, so the log may delete them (a crash cannot take the store back before it).
     */
    public synchronized long durableNextOffset() {
        checkOpen();
        try {
            db.flushWal(true);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot sync the violation store: " + e.getMessage(), e);
        }
        return nextOffset();
    }

    /**
     * Applies one page of the action log atomically with {@code lastOffset}; the store stays locked
     * meanwhile, so a timeline note written concurrently is never lost.
     */
    public synchronized void apply(Consumer<PageWrite> work, long lastOffset) {
        checkOpen();
        PageWrite page = new PageWrite(this);
        work.accept(page);
        page.commit(lastOffset);
    }

    public synchronized Optional<StoredViolation> get(String id) {
        return Optional.ofNullable(get(StoreKeys.violation(id))).map(b -> Json.fromBytes(b, StoredViolation.class));
    }

    /** Adds a step to a violation's timeline (a delivery result); nothing when the violation is unknown. */
    public synchronized void note(String violationId, TimelineEntry entry) {
        get(violationId).ifPresent(v -> put(StoreKeys.violation(violationId), Json.toBytes(v.with(entry))));
    }

    /**
     * Puts {@code officer}'s photo {@code ref} on the violation's timeline if {@link OfficerPhotoPolicy} lets it, judged
     * and written in one step (two uploads at once cannot both take the last place).
     */
    public synchronized OfficerPhotoPolicy.Verdict attachPhoto(String violationId, String officer, String ref, Instant at) {
        StoredViolation violation = get(violationId).orElse(null);
        OfficerPhotoPolicy.Verdict verdict = OfficerPhotoPolicy.judge(violation, officer, ref);
        if (verdict == OfficerPhotoPolicy.Verdict.ATTACH) {
            put(StoreKeys.violation(violationId), Json.toBytes(violation.with(OfficerPhotoPolicy.step(officer, ref, at))));
        }
        return verdict;
    }

    /** Commands that were being delivered when alerting last stopped. */
    public synchronized List<Action> pendingCommands() {
        List<Action> out = new ArrayList<>();
        scan(StoreKeys.PENDING_PREFIX, (k, v) -> out.add(ActionCodec.decode(v)));
        return out;
    }

    /** The violation a command still under way (or awaiting its acknowledgement) is about. */
    public synchronized Optional<String> violationOfPending(String commandId) {
        checkOpen();
        try {
            byte[] stored = db.get(StoreKeys.pending(commandId));
            return stored == null ? Optional.empty() : Optional.of(ActionCodec.decode(stored).violation().id());
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot read the violation store: " + e.getMessage(), e);
        }
    }

    public synchronized void removePending(String commandId) {
        checkOpen();
        try {
            db.delete(writes, StoreKeys.pending(commandId));
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot update the violation store: " + e.getMessage(), e);
        }
    }

    public synchronized List<Action.OfficerPosition> officers() {
        List<Action.OfficerPosition> out = new ArrayList<>();
        scan(StoreKeys.OFFICER_PREFIX, (k, v) -> out.add(Json.fromBytes(v, Action.OfficerPosition.class)));
        return out;
    }

    /**
     * The violations {@code officer} holds now (assigned to them and not over), each with the assignment
     * command that gave it to them, oldest dispatch first.
     */
    public synchronized List<OfficerAssignment> assignmentsOf(String officer) {
        List<OfficerAssignment> out = new ArrayList<>();
        scan(StoreKeys.assignmentsOf(officer), (k, v) -> {
            Command command = Json.fromBytes(v, Command.class);
            get(command.violation()).filter(s -> officer.equals(s.latest().officer()) && !s.latest().status().terminal())
                    .ifPresent(s -> out.add(new OfficerAssignment(s, command)));
        });
        out.sort(java.util.Comparator.comparing(a -> a.command().issued() == null ? Instant.EPOCH : a.command().issued()));
        return out;
    }

    /** Violations not yet over, by status. */
    public synchronized Map<ViolationStatus, Long> openCounts() {
        Map<ViolationStatus, Long> out = new EnumMap<>(ViolationStatus.class);
        scan(StoreKeys.COUNT_PREFIX, (k, v) -> ViolationStatus.fromWire(StoreKeys.suffix(k, StoreKeys.COUNT_PREFIX))
                .ifPresent(s -> out.put(s, StoreKeys.longOf(v))));
        return out;
    }

    /** One page of history, newest detection first. */
    public synchronized HistoryPage history(HistoryQuery query) {
        checkOpen();
        return new HistoryScan(db, id -> get(id).orElse(null)).page(query);
    }

    /** Every violation detected in [since, until), newest first, that passes nothing but the time window. */
    public synchronized void forEach(Instant since, Instant until, Consumer<StoredViolation> visitor) {
        checkOpen();
        new HistoryScan(db, id -> get(id).orElse(null)).forEach(since, until, visitor);
    }

    /** Deletes violations that are over and were last updated before {@code cutoff}; returns how many. */
    public synchronized int sweep(Instant cutoff, int max) {
        checkOpen();
        List<byte[]> doomed = new ArrayList<>();
        try (RocksIterator it = db.newIterator(); WriteBatch batch = new WriteBatch()) {
            for (it.seek(StoreKeys.INDEX_PREFIX); it.isValid() && StoreKeys.startsWith(it.key(), StoreKeys.INDEX_PREFIX)
                    && doomed.size() < max; it.next()) {
                if (!StoreKeys.timeOfIndex(it.key()).isBefore(cutoff)) {
                    break; // detected after the cutoff: so was everything further on
                }
                String id = StoreKeys.idOfIndex(it.key());
                StoredViolation v = get(id).orElse(null);
                if (v == null || v.latest().status().terminal() && lastUpdate(v).isBefore(cutoff)) {
                    doomed.add(it.key());
                    batch.delete(it.key());
                    batch.delete(StoreKeys.violation(id));
                }
            }
            db.write(writes, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot sweep the violation store: " + e.getMessage(), e);
        }
        return doomed.size();
    }

    private static Instant lastUpdate(StoredViolation v) {
        return v.latest().updatedAt() == null ? v.detectedAt() : v.latest().updatedAt();
    }

    synchronized void write(WriteBatch batch) {
        checkOpen();
        try {
            db.write(writes, batch);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot write to the violation store: " + e.getMessage(), e);
        }
    }

    synchronized byte[] get(byte[] key) {
        checkOpen();
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot read the violation store: " + e.getMessage(), e);
        }
    }

    private void put(byte[] key, byte[] value) {
        checkOpen();
        try {
            db.put(writes, key, value);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot write to the violation store: " + e.getMessage(), e);
        }
    }

    private void scan(byte[] prefix, java.util.function.BiConsumer<byte[], byte[]> visitor) {
        checkOpen();
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(prefix); it.isValid() && StoreKeys.startsWith(it.key(), prefix); it.next()) {
                visitor.accept(it.key(), it.value());
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the violation store is closed (alerting is stopping)");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            db.close();
            writes.close();
            options.close();
        }
    }
}
