package io.gridwarden.alerting.view;

import io.gridwarden.alerting.AlertingMetrics;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The violations alerting knows, rebuilt from the action log at start: latest status and timeline.
 * Bounded: beyond {@code capacity} the least recently updated is dropped (the log still has it).
 * Not thread-safe: used from alerting's Vert.x context only.
 */
public final class ViolationView {

    private final int capacity;
    private final AlertingMetrics metrics;
    private final LinkedHashMap<String, ViolationRecord> byId;

    public ViolationView(int capacity, AlertingMetrics metrics) {
        this.capacity = capacity;
        this.metrics = metrics;
        this.byId = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ViolationRecord> eldest) {
                if (size() > ViolationView.this.capacity) {
                    metrics.statusChanged(eldest.getValue().latest().status(), null);
                    return true;
                }
                return false;
            }
        };
    }

    /** Applies a status update read at {@code offset} of the action log. */
    public void apply(long offset, Violation violation) {
        ViolationRecord record = byId.remove(violation.id());
        metrics.statusChanged(record == null ? null : record.latest().status(), violation.status());
        if (record == null) {
            record = new ViolationRecord(violation, offset);
        } else {
            record.update(violation, offset);
        }
        record.add(new TimelineEntry(violation.status().wireName(),
                violation.updatedAt() == null ? Instant.now() : violation.updatedAt(), violation.note(), violation.officer()));
        byId.put(violation.id(), record); // re-inserted: most recently updated last
    }

    /** Notes on the violation's timeline that a command to {@code target} expired before it was delivered. */
    public void commandExpired(String violationId, String target, Command command, Instant at) {
        ViolationRecord record = byId.get(violationId);
        if (record != null) {
            record.add(new TimelineEntry("expired", at, command.type() + " " + command.id() + " to " + target
                    + " expired before it could be delivered", Command.ASSIGNMENT.equals(command.type()) ? target : null));
        }
    }

    public Optional<ViolationRecord> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Up to {@code limit} violations that pass {@code filter}, most recently updated first. */
    public List<ViolationRecord> newest(Predicate<Violation> filter, int limit) {
        List<ViolationRecord> all = new ArrayList<>(byId.values());
        List<ViolationRecord> out = new ArrayList<>(Math.min(limit, 256));
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            if (filter.test(all.get(i).latest())) {
                out.add(all.get(i));
            }
        }
        out.sort(Comparator.comparingLong(ViolationRecord::offset).reversed());
        return out;
    }

    public int size() {
        return byId.size();
    }
}
