package io.gridwarden.alerting.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.json.Json;
import java.util.ArrayList;
import java.util.List;

/** A violation's latest state, the action-log offset of that state, and its timeline (bounded). */
public final class ViolationRecord {

    /** A violation has a handful of steps; this only guards memory against a runaway producer. */
    static final int MAX_TIMELINE = 100;

    private Violation latest;
    private long offset;
    private final List<TimelineEntry> timeline = new ArrayList<>();

    ViolationRecord(Violation latest, long offset) {
        this.latest = latest;
        this.offset = offset;
    }

    public Violation latest() {
        return latest;
    }

    public long offset() {
        return offset;
    }

    public List<TimelineEntry> timeline() {
        return List.copyOf(timeline);
    }

    void update(Violation next, long at) {
        this.latest = next;
        this.offset = at;
    }

    void add(TimelineEntry entry) {
        if (timeline.size() == MAX_TIMELINE) {
            timeline.remove(0);
        }
        timeline.add(entry);
    }

    /** The violation's contract JSON with {@code timeline[]} added. */
    public ObjectNode toJson() {
        ObjectNode node = Json.mapper().valueToTree(latest);
        node.set("timeline", Json.mapper().valueToTree(timeline));
        return node;
    }
}
