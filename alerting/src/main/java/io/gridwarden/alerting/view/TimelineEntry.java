package io.gridwarden.alerting.view;

import java.time.Instant;
import java.util.List;

/**
 * One step in a violation's life: a status it reached (or {@code expired} for a command that came too late).
 * {@code evidence}: the refs of the pictures this step added to the violation's; null when none.
 */
public record TimelineEntry(String status, Instant at, String note, String officer, List<String> evidence) {

    public TimelineEntry {
        evidence = evidence == null || evidence.isEmpty() ? null : List.copyOf(evidence);
    }

    public TimelineEntry(String status, Instant at, String note, String officer) {
        this(status, at, note, officer, null);
    }
}
