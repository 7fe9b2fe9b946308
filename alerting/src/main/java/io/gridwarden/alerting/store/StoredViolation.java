package io.gridwarden.alerting.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwarden.alerting.view.TimelineEntry;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A violation's latest state, the action-log offset of that state, and its timeline (bounded), as the
 * violation store keeps it.
 */
public record StoredViolation(Violation latest, long offset, List<TimelineEntry> timeline) {

    /** A violation has a handful of steps; this only guards storage against a runaway producer. */
    static final int MAX_TIMELINE = 100;

    public StoredViolation {
        timeline = List.copyOf(timeline == null ? List.of() : timeline);
    }

    static StoredViolation first(Violation violation, long offset) {
        return new StoredViolation(violation, offset, List.of()).with(entryFor(violation));
    }

    StoredViolation updated(Violation next, long at) {
        return new StoredViolation(next, at, timeline).with(entryFor(next));
    }

    StoredViolation with(TimelineEntry entry) {
        List<TimelineEntry> next = new ArrayList<>(timeline);
        if (next.size() == MAX_TIMELINE) {
            next.remove(0);
        }
        next.add(entry);
        return new StoredViolation(latest, offset, next);
    }

    /** When the violation first reached {@code status} (by its timeline), if it did. */
    public Optional<Instant> reached(String status) {
        return timeline.stream().filter(e -> status.equals(e.status())).map(TimelineEntry::at).findFirst();
    }

    /** The time the store orders violations by: when it was detected. */
    public Instant detectedAt() {
        if (latest.detectedAt() != null) {
            return latest.detectedAt();
        }
        return latest.updatedAt() != null ? latest.updatedAt() : Instant.EPOCH;
    }

    /** The violation's contract JSON with {@code timeline[]} added. */
    public ObjectNode toJson() {
        ObjectNode node = Json.mapper().valueToTree(latest);
        node.set("timeline", Json.mapper().valueToTree(timeline));
        return node;
    }

    private static TimelineEntry entryFor(Violation v) {
        return new TimelineEntry(v.status().wireName(), v.updatedAt() == null ? Instant.now() : v.updatedAt(), v.note(), v.officer());
    }
}
