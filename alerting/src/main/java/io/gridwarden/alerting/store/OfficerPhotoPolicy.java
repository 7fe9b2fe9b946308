package io.gridwarden.alerting.store;

import io.gridwarden.alerting.view.TimelineEntry;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Whether an officer's photo goes onto a violation's timeline. Only the officer the violation is assigned to, while
 * they are handling it or have just resolved it (a photo queued on a phone with no link is sent after its resolve
 * tap); a few per violation, so a handset cannot fill the evidence store; the same photo sent again (the page resends
 * until it hears back) is one step, not two.
 */
public final class OfficerPhotoPolicy {

    /** The timeline step of an officer's photo. */
    public static final String STEP = "photo";
    /** Photos one violation takes: before, during and after, and one more. */
    public static final int MAX_PER_VIOLATION = 4;
    private static final Set<ViolationStatus> HANDLING = Set.of(ViolationStatus.DISPATCHED, ViolationStatus.ACCEPTED,
            ViolationStatus.ARRIVED, ViolationStatus.RESOLVED);

    /** What a photo upload comes to. */
    public enum Verdict {
        /** A new step with the photo. */
        ATTACH,
        /** This photo is on the timeline already: nothing more. */
        ALREADY_ATTACHED,
        /** Not this officer's violation (or none, or over): the same answer as for one that does not exist. */
        NOT_HELD,
        /** The violation has {@link #MAX_PER_VIOLATION} photos. */
        FULL
    }

    private OfficerPhotoPolicy() {}

    /** @param ref the photo's evidence ref (the SHA-256 of its bytes, known before it is stored) */
    public static Verdict judge(StoredViolation violation, String officer, String ref) {
        Violation latest = violation == null ? null : violation.latest();
        if (latest == null || officer == null || !officer.equals(latest.officer()) || !HANDLING.contains(latest.status())) {
            return Verdict.NOT_HELD;
        }
        List<TimelineEntry> photos = violation.timeline().stream().filter(e -> STEP.equals(e.status()) && e.evidence() != null).toList();
        if (photos.stream().anyMatch(e -> e.evidence().contains(ref))) {
            return Verdict.ALREADY_ATTACHED;
        }
        return photos.size() >= MAX_PER_VIOLATION ? Verdict.FULL : Verdict.ATTACH;
    }

    /** The timeline step of {@code officer}'s photo {@code ref}, received at {@code at}. */
    public static TimelineEntry step(String officer, String ref, Instant at) {
        return new TimelineEntry(STEP, at, "photo from " + officer + "'s handset", officer, List.of(ref));
    }
}
