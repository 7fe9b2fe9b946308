package io.gridwarden.alerting.report;

import io.gridwarden.alerting.store.StoredViolation;
import io.gridwarden.alerting.store.ViolationStats;
import io.gridwarden.alerting.view.TimelineEntry;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile.Officer;
import io.gridwarden.common.town.TownFileException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What an assessment report needs of one case, read from its stored timeline: when it reached each
 * step, whether a voice warning settled it, how often it was reassigned (an {@code escalated} step:
 * not accepted in time, or rejected by the officer), the officer who last had it, the team it is
 * for, and whether it crossed to a "1+X" neighbour (some officer who had it was of another unit than
 * that team). Pure.
 *
 * @param officer the officer who last had the case, null when nobody ever did
 * @param team    the unit responsible for the case: its category's department (the water bureau) or its
 *                jurisdiction's own team, as the jobs dispatch; null when the town file names none
 */
public record CaseFacts(
        String category, String jurisdiction, String grid, String officer, String team,
        Instant detected, Instant warned, Instant dispatched, Instant accepted, Instant arrived, Instant resolved,
        boolean warnedAndSettled, boolean settledByWarning, int reassignments, int rejections, boolean crossedToNeighbour) {

    /** The note the jobs give an escalation that an officer's rejection caused ({@code rejected by off-07: …}). */
    static final String REJECTED_NOTE = "rejected by ";

    public static CaseFacts of(StoredViolation stored, Town town) {
        Violation v = stored.latest();
        // the first warning and dispatch by the timeline: a reassigned case carries its last dispatch's time
        Instant warned = stored.reached("warned").orElse(v.warnedAt());
        Instant dispatched = stored.reached("dispatched").orElse(v.dispatchedAt());
        Instant resolved = stored.reached("resolved").orElse(stored.reached("resolved_by_warning").orElse(null));
        // a warning that did not play settled nothing (the same rule as /v1/stats)
        boolean settled = warned != null && !ViolationStats.warningFailed(stored)
                && v.status() != ViolationStatus.WARNED && v.status() != ViolationStatus.DETECTED;
        String officer = lastOfficer(v, stored.timeline());
        String team = responsibleUnit(v, town);
        return new CaseFacts(v.category(), v.jurisdiction(), v.grid(), officer, team, stored.detectedAt(), warned, dispatched,
                stored.reached("accepted").orElse(null), stored.reached("arrived").orElse(null), resolved,
                settled, settled && v.status() == ViolationStatus.RESOLVED_BY_WARNING,
                count(stored.timeline(), false), count(stored.timeline(), true), crossed(v, stored.timeline(), team, town));
    }

    private static String lastOfficer(Violation v, List<TimelineEntry> timeline) {
        if (v.officer() != null) {
            return v.officer();
        }
        for (int i = timeline.size() - 1; i >= 0; i--) {
            if (timeline.get(i).officer() != null) {
                return timeline.get(i).officer();
            }
        }
        return null;
    }

    private static int count(List<TimelineEntry> timeline, boolean rejectionsOnly) {
        return (int) timeline.stream().filter(e -> ViolationStatus.ESCALATED.wireName().equals(e.status()))
                .filter(e -> !rejectionsOnly || e.note() != null && e.note().toLowerCase(Locale.ROOT).startsWith(REJECTED_NOTE))
                .count();
    }

    private static String responsibleUnit(Violation v, Town town) {
        if (v.category() == null || v.jurisdiction() == null || town.category(v.category()).isEmpty() || town.jurisdiction(v.jurisdiction()).isEmpty()) {
            return null;
        }
        try {
            return town.responsibleUnit(v.category(), v.jurisdiction());
        } catch (TownFileException e) {
            return null; // a jurisdiction without a team of its own
        }
    }

    /** Whether an officer of a unit other than the responsible one ever had the case (the jobs send only "1+X" neighbours). */
    private static boolean crossed(Violation v, List<TimelineEntry> timeline, String home, Town town) {
        if (home == null) {
            return false;
        }
        return Stream.concat(timeline.stream().map(TimelineEntry::officer), Stream.of(v.officer()))
                .filter(o -> o != null).map(o -> town.officer(o).map(Officer::unit).orElse(null))
                .anyMatch(unit -> unit != null && !unit.equals(home));
    }
}
