package io.gridwarden.alerting.view;

import java.time.Instant;

/** One step in a violation's life: a status it reached (or {@code expired} for a command that came too late). */
public record TimelineEntry(String status, Instant at, String note, String officer) {}
