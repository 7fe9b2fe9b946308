package io.gridwarden.alerting.store;

import io.gridwarden.alerting.view.TimelineEntry;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.json.Json;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rocksdb.WriteBatch;

/**
 * What one page of the action log changes in the store, written in one atomic batch with the page's
 * last offset: a crash leaves either the whole page applied or none of it, so a restart resumes at the
 * right record. Updates at or below a violation's stored offset are ignored (the page was seen before).
 */
public final class PageWrite {

    private final ViolationStore store;
    private final Map<String, StoredViolation> touched = new LinkedHashMap<>();
    private final Map<String, StoredViolation> before = new LinkedHashMap<>();
    private final Map<String, byte[]> pending = new LinkedHashMap<>();
    private final Map<String, byte[]> officers = new LinkedHashMap<>();
    private final Map<String, Boolean> done = new LinkedHashMap<>();
    /** Officer's assignment keys to write (command bytes) or, with a null value, to delete. */
    private final Map<String, byte[]> assignments = new LinkedHashMap<>();

    PageWrite(ViolationStore store) {
        this.store = store;
    }

    /** Applies a status update read at {@code offset}; returns the status it replaced (null: new or stale). */
    public ViolationStatus update(long offset, Violation violation) {
        StoredViolation current = current(violation.id());
        if (current != null && current.offset() >= offset) {
            return null;
        }
        touched.put(violation.id(), current == null ? StoredViolation.first(violation, offset) : current.updated(violation, offset));
        String before = current == null ? null : current.latest().officer();
        if (before != null && (violation.status().terminal() || !before.equals(violation.officer()))) {
            assignments.put(before + "/" + violation.id(), null); // no longer that officer's to work
        }
        return current == null ? null : current.latest().status();
    }

    public void note(String violationId, TimelineEntry entry) {
        StoredViolation current = current(violationId);
        if (current != null) {
            touched.put(violationId, current.with(entry));
        }
    }

    /** A command being delivered: re-submitted after a restart until delivered, acknowledged or expired. */
    public void pending(Action command) {
        pending.put(command.command().id(), ActionCodec.encode(command));
        done.remove(command.command().id());
    }

    /**
     * An officer's assignment (kept while the violation is theirs, so their page can acknowledge it with the
     * command's id) or the cancellation of one.
     */
    public void assignment(String officer, Command command) {
        String key = officer + "/" + command.violation();
        if (Command.ASSIGNMENT.equals(command.type())) {
            assignments.put(key, Json.toBytes(command));
        } else if (Command.ASSIGNMENT_CANCELLED.equals(command.type())) {
            assignments.put(key, null);
        }
    }

    public void settled(String commandId) {
        pending.remove(commandId);
        done.put(commandId, true);
    }

    public void officer(Action.OfficerPosition position) {
        officers.put(position.officer(), Json.toBytes(position));
    }

    /** Writes everything with {@code lastOffset} as the last applied offset. */
    void commit(long lastOffset) {
        Map<ViolationStatus, Long> counts = countDeltas();
        try (WriteBatch batch = new WriteBatch()) {
            for (StoredViolation v : touched.values()) {
                batch.put(StoreKeys.violation(v.latest().id()), Json.toBytes(v));
                batch.put(StoreKeys.index(v.detectedAt(), v.latest().id()), new byte[0]);
            }
            for (Map.Entry<String, byte[]> p : pending.entrySet()) {
                batch.put(StoreKeys.pending(p.getKey()), p.getValue());
            }
            for (String id : done.keySet()) {
                batch.delete(StoreKeys.pending(id));
            }
            for (Map.Entry<String, byte[]> a : assignments.entrySet()) {
                byte[] key = StoreKeys.bytes(StoreKeys.ASSIGNMENT_PREFIX + a.getKey());
                if (a.getValue() == null) {
                    batch.delete(key);
                } else {
                    batch.put(key, a.getValue());
                }
            }
            for (Map.Entry<String, byte[]> o : officers.entrySet()) {
                batch.put(StoreKeys.officer(o.getKey()), o.getValue());
            }
            for (Map.Entry<ViolationStatus, Long> c : counts.entrySet()) {
                long now = StoreKeys.longOf(store.get(StoreKeys.count(c.getKey().wireName())));
                batch.put(StoreKeys.count(c.getKey().wireName()), StoreKeys.longValue(Math.max(0, now + c.getValue())));
            }
            batch.put(StoreKeys.OFFSET, StoreKeys.longValue(lastOffset));
            store.write(batch);
        } catch (org.rocksdb.RocksDBException e) {
            throw new IllegalStateException("cannot write a page to the violation store: " + e.getMessage(), e);
        }
    }

    private StoredViolation current(String id) {
        StoredViolation mine = touched.get(id);
        if (mine != null) {
            return mine;
        }
        StoredViolation stored = store.get(id).orElse(null);
        before.putIfAbsent(id, stored);
        return stored;
    }

    private Map<ViolationStatus, Long> countDeltas() {
        Map<ViolationStatus, Long> deltas = new EnumMap<>(ViolationStatus.class);
        for (Map.Entry<String, StoredViolation> t : touched.entrySet()) {
            StoredViolation was = before.get(t.getKey());
            ViolationStatus from = was == null ? null : was.latest().status();
            ViolationStatus to = t.getValue().latest().status();
            if (from == to) {
                continue;
            }
            if (from != null && !from.terminal()) {
                deltas.merge(from, -1L, Long::sum);
            }
            if (!to.terminal()) {
                deltas.merge(to, 1L, Long::sum);
            }
        }
        return deltas;
    }
}
