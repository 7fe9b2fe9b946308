package io.gridwarden.common.action;

import java.time.Instant;

/**
 * A command to a device (CONTRACT.md §2). Fields not used by a type are null and left out of the JSON.
 * The {@code id} is derived from what the command is about, so it never changes across retries or replays.
 */
public record Command(
        String id,
        String type,
        String violation,
        String text,
        String clip,
        Integer repeat,
        Instant issued,
        Instant expires,
        String category,
        String camera,
        String sensor,
        Double lat,
        Double lon,
        String snapshot,
        Instant respondBy) {

    public static final String VOICE_WARNING = "voice_warning";
    public static final String ASSIGNMENT = "assignment";
    public static final String ASSIGNMENT_CANCELLED = "assignment_cancelled";
    /** How a violation's timeline note starts when its voice warning did not play (the jobs write it, the stats read it). */
    public static final String WARNING_FAILED_NOTE = "voice warning failed";
}
