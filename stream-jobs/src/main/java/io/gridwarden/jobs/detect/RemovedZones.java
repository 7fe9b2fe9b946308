package io.gridwarden.jobs.detect;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.jobs.model.OperatorAction;
import io.gridwarden.jobs.model.TrackState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A camera's tracks in zones a new town version no longer has: they are forgotten, and their open
 * violations closed with a status that says why ({@link #REASON}). A violation still with detection
 * (detected, or warned and in its grace period) is closed here; one handed to assignment is closed by
 * assignment, which frees its officer, through a close like a dispatcher's.
 */
public final class RemovedZones {

    /** How such a close reads: {@code closed}, with this reason. */
    public static final String REASON = "zone-removed";
    /** The "operator" of the closes sent to assignment. */
    public static final String TOWN_OPERATOR = "town-file";

    /** What the removal does: updates for the action log, closes for assignment, tracks to forget. */
    public record Outcome(List<Action> actions, List<OperatorAction> closes, List<String> forgotten) {}

    private RemovedZones() {}

    /** {@code zones}: the camera's zones in the new town; {@code at}: when the version took effect. */
    public static Outcome of(String camera, Iterable<TrackState> tracks, Set<String> zones, long at, long version) {
        List<Action> actions = new ArrayList<>();
        List<OperatorAction> closes = new ArrayList<>();
        List<String> forgotten = new ArrayList<>();
        for (TrackState track : tracks) {
            if (zones.contains(track.zone())) {
                continue;
            }
            forgotten.add(track.key());
            Violation v = track.violation();
            if (v == null || v.status().terminal()) {
                continue;
            }
            String note = REASON + ": zone " + track.zone() + " of " + camera + " is not in town version " + version;
            if (v.status() == ViolationStatus.DETECTED || v.status() == ViolationStatus.WARNED) {
                actions.add(Action.update(v.withStatus(ViolationStatus.CLOSED, Instant.ofEpochMilli(at), note)));
            } else {
                closes.add(OperatorAction.close(v.id(), camera, at, note, TOWN_OPERATOR));
            }
        }
        return new Outcome(actions, closes, forgotten);
    }
}
