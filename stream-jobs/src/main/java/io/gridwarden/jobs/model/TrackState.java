package io.gridwarden.jobs.model;

import io.gridwarden.common.action.Violation;

/**
 * What detection remembers of one tracked object in one zone.
 *
 * @param firstSeen when the object was first seen standing in the zone (epoch millis)
 * @param lastSeen the latest frame that showed it there
 * @param missingSince the first frame after {@code lastSeen} without it, or -1 if the latest frame had it
 * @param snapshot the latest snapshot that showed it, as evidence
 * @param violation its violation once the dwell time is reached, else null
 * @param firstEvidence the stored picture ({@code sha256:} ref) of the first frame that showed it with one, else null
 * @param evidence the stored picture of the latest frame that showed it with one, else null
 */
public record TrackState(String zone, String track, String label, long firstSeen, long lastSeen, long missingSince,
        String snapshot, Violation violation, String firstEvidence, String evidence) {

    public static final long NOT_MISSING = -1;

    /** A track without stored pictures. */
    public TrackState(String zone, String track, String label, long firstSeen, long lastSeen, long missingSince, String snapshot,
            Violation violation) {
        this(zone, track, label, firstSeen, lastSeen, missingSince, snapshot, violation, null, null);
    }

    public String key() {
        return key(zone, track);
    }

    public static String key(String zone, String track) {
        return zone + '|' + track;
    }

    public TrackState withViolation(Violation next) {
        return new TrackState(zone, track, label, firstSeen, lastSeen, missingSince, snapshot, next, firstEvidence, evidence);
    }
}
