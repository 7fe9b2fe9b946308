package io.gridwarden.common.action;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A violation as operations staff see it (CONTRACT.md §4), at one point of its lifecycle.
 * {@code camera} or {@code sensor} says what saw it; {@code updatedAt} is the event time of this status.
 * {@code evidence} holds the refs of the pictures of the frames that caused it (the stored pictures of
 * {@link io.gridwarden.common.evidence.EvidenceStore}), oldest first, at most {@link #MAX_EVIDENCE}; null when none.
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
        String note,
        List<String> evidence) {

    /** The most pictures a violation names: its track's arrival, the detection, the re-check, one more. */
    public static final int MAX_EVIDENCE = 4;

    public Violation {
        evidence = evidence == null || evidence.isEmpty() ? null : List.copyOf(evidence.subList(0, Math.min(MAX_EVIDENCE, evidence.size())));
    }

    /** A violation without pictures. */
    public Violation(String id, String category, ViolationStatus status, String camera, String sensor, String zone, String jurisdiction,
            String grid, String track, String label, double lat, double lon, Instant detectedAt, Instant warnedAt, Instant dispatchedAt,
            String officer, String snapshot, Instant updatedAt, String note) {
        this(id, category, status, camera, sensor, zone, jurisdiction, grid, track, label, lat, lon, detectedAt, warnedAt, dispatchedAt,
                officer, snapshot, updatedAt, note, null);
    }

    public Violation withStatus(ViolationStatus next, Instant at, String why) {
        return new Violation(id, category, next, camera, sensor, zone, jurisdiction, grid, track, label, lat, lon, detectedAt,
                next == ViolationStatus.WARNED ? at : warnedAt, next == ViolationStatus.DISPATCHED ? at : dispatchedAt,
                officer, snapshot, at, why, evidence);
    }

    /** The same status with a new timeline note at {@code at} (warnedAt and dispatchedAt kept). */
    public Violation withNote(Instant at, String why) {
        return new Violation(id, category, status, camera, sensor, zone, jurisdiction, grid, track, label, lat, lon, detectedAt,
                warnedAt, dispatchedAt, officer, snapshot, at, why);
    }

    public Violation withOfficer(String assignee) {
        return new Violation(id, category, status, camera, sensor, zone, jurisdiction, grid, track, label, lat, lon, detectedAt,
                warnedAt, dispatchedAt, assignee, snapshot, updatedAt, note, evidence);
    }

    /** With the picture {@code ref} named too (once; ignored when null or when {@link #MAX_EVIDENCE} are named already). */
    public Violation withEvidence(String ref) {
        if (ref == null || (evidence != null && (evidence.contains(ref) || evidence.size() >= MAX_EVIDENCE))) {
            return this;
        }
        List<String> more = evidence == null ? new ArrayList<>() : new ArrayList<>(evidence);
        more.add(ref);
        return new Violation(id, category, status, camera, sensor, zone, jurisdiction, grid, track, label, lat, lon, detectedAt,
                warnedAt, dispatchedAt, officer, snapshot, updatedAt, note, more);
    }
}
