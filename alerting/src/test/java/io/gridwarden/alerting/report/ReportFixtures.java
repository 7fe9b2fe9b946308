package io.gridwarden.alerting.report;

import io.gridwarden.alerting.store.StoredViolation;
import io.gridwarden.alerting.view.TimelineEntry;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Stored cases of the demo town with the timelines the jobs write, built step by step for the report tests. */
final class ReportFixtures {

    static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z"); // Monday 10:00 in Asia/Shanghai

    private Violation latest;
    private final List<TimelineEntry> timeline = new ArrayList<>();
    private final List<Violation> history = new ArrayList<>();

    private ReportFixtures(Violation first) {
        this.latest = first;
        timeline.add(new TimelineEntry("detected", first.detectedAt(), null, null));
        history.add(first);
    }

    /** A case of {@code category} detected at {@code seconds} after T0 in {@code jurisdiction}'s grid g01. */
    static ReportFixtures detected(String id, String category, String jurisdiction, long seconds) {
        Instant at = T0.plusSeconds(seconds);
        return new ReportFixtures(new Violation(id, category, ViolationStatus.DETECTED, "cam-0001", null, "z-parking", jurisdiction,
                jurisdiction + "-g01", "t-" + id, "car", 28.74, 118.58, at, null, null, null, null, at, null));
    }

    static ReportFixtures detected(String id, long seconds) {
        return detected(id, "illegal_parking", "hecun", seconds);
    }

    /** The case reaches {@code status} {@code seconds} after its detection, with {@code officer} (null: the one it has). */
    ReportFixtures then(ViolationStatus status, long seconds, String officer, String note) {
        Instant at = latest.detectedAt().plusSeconds(seconds);
        latest = latest.withStatus(status, at, note);
        if (status == ViolationStatus.ESCALATED) {
            latest = latest.withOfficer(null);
        } else if (officer != null) {
            latest = latest.withOfficer(officer);
        }
        timeline.add(new TimelineEntry(status.wireName(), at, note, status == ViolationStatus.ESCALATED ? officer : latest.officer()));
        history.add(latest);
        return this;
    }

    ReportFixtures then(ViolationStatus status, long seconds) {
        return then(status, seconds, null, null);
    }

    /** Each state the case went through, as the action log carries them. */
    List<Violation> history() {
        return List.copyOf(history);
    }

    StoredViolation stored() {
        return new StoredViolation(latest, timeline.size(), timeline);
    }
}
