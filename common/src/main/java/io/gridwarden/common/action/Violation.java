package io.gridwarden.common.action;

import java.time.Instant;

/**
 * A violation as operations staff see it (CONTRACT.md §4), at one point of its lifecycle.
 * {@code camera} or {@code sensor} says what saw it; {@code updatedAt} is the event time of this status.
 */
public record Violation(
        String id,
        String category,
        ViolationStatus status,
        String camera,
        String sensor,
        String zone,
        String jurisdiction,
        String grid,
        String track,
        String label,
        double lat,
        double lon,
        Instant detectedAt,
        Instant warnedAt,
        Instant dispatchedAt,
        String officer,
        String snapshot,
        Instant updatedAt,
        String note) {

    public Violation withStatus(ViolationStatus next, Instant at, String why) {
        return new Violation(id, category, next, camera, sensor, zone, jurisdiction, grid, track, label, lat, lon, detectedAt,
                next == ViolationStatus.WARNED ? at : warnedAt, next == ViolationStatus.DISPATCHED ? at : dispatchedAt,
                officer, snapshot, at, why);
    }

    /** The same status with a new timeline note at {@code at} (warnedAt and dispatchedAt kept). */
    public Violation withNote(Instant at, String why) {
        return new Violation(id, category, status, camera, sensor, zone, jurisdiction, grid, track, label, lat, lon, detectedAt,
                warnedAt, dispatchedAt, officer, snapshot, at, why);
    }

    public Violation withOfficer(String assignee) {
        return new Violation(id, category, status, camera, sensor, zone, jurisdiction, grid, track, label, lat, lon, detectedAt,
                warnedAt, dispatchedAt, assignee, snapshot, updatedAt, note);
    }
}
