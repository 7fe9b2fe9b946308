package io.gridwarden.jobs.health;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile;
import io.gridwarden.jobs.detect.EscalationPolicy;
import io.gridwarden.jobs.model.DeviceHealthState;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.OperatorAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Whether a camera or sensor is offline: one heard from (any event) and then silent for longer than its
 * offline threshold raises a {@code device_offline} violation, dispatched to the category's unit
 * (maintenance) like any other; when it is heard from again the violation is closed ("device back
 * online") through assignment, which stands its officer down.
 *
 * <p>Only devices heard from at least once are judged: a device never switched on raises nothing, and
 * neither does a fresh start. Silence is measured in event time, the log's clock moving the watermark
 * in small steps while devices are quiet (ticks); a watermark that leapt past a deadline by more than
 * {@link #LEAP} (or the threshold, if shorter) at once means the log itself had nothing for that long
 * (gridwarden was down, or stalled), which says nothing about the device: its deadline then restarts
 * from the watermark. So a restart raises no storm of cases. Ids come from the last event time heard,
 * so a replay raises the same violation.
 *
 * <p>One timer per device: an event moves the deadline, and the timer at the old deadline re-arms at
 * the new one, so a busy device costs no timer per event.
 */
public final class DeviceHealth {

    /** Who closes a violation when its device is heard from again, as the timeline shows it. */
    public static final String CLOSER = "gridwarden";
    public static final String BACK_ONLINE = "device back online";
    /** A timer fires as soon as the watermark passes its deadline: by more than this, the log's clock leapt. */
    public static final Duration LEAP = Duration.ofSeconds(30);

    private final Town town;

    public DeviceHealth(Town town) {
        this.town = town;
    }

    /**
     * The outcome of an event or a due deadline.
     *
     * @param state the device's new state (never null once heard)
     * @param dispatch a request for a maintenance officer, or null
     * @param close the close of the device's offline violation, for assignment, or null
     * @param timer a timer to set, or -1
     */
    public record Step(DeviceHealthState state, List<Action> actions, DispatchRequest dispatch, OperatorAction close, long timer) {}

    /** {@code device} sent an event at {@code at}; {@code state} is null the first time. */
    public Step heard(String device, DeviceHealthState state, long at) {
        long threshold = threshold(device);
        if (state == null) {
            return new Step(new DeviceHealthState(at, at + threshold, null), List.of(), null, null, at + threshold);
        }
        long last = Math.max(state.lastHeard(), at);
        OperatorAction close = null;
        if (state.offline() != null) {
            // After the raise, however old the event: the close must come after the dispatch at assignment.
            long closedAt = Math.max(at, state.offline().updatedAt().toEpochMilli() + 1);
            close = OperatorAction.close(state.offline().id(), device, closedAt, BACK_ONLINE, CLOSER);
        }
        long deadline = Math.max(last + threshold, state.deadline()); // never before a deadline restarted after a leap
        // While offline no timer is pending; otherwise the pending one re-arms at the new deadline when it fires.
        return new Step(new DeviceHealthState(last, deadline, null), List.of(), null, close, close != null ? deadline : -1);
    }

    /** A timer at {@code due} fired with the watermark at {@code watermark}. */
    public Step due(String device, DeviceHealthState state, long due, long watermark) {
        if (state == null || state.offline() != null || due > state.deadline()) {
            return new Step(state, List.of(), null, null, -1); // already offline, or a timer of an older state
        }
        if (due < state.deadline()) {
            return new Step(state, List.of(), null, null, state.deadline()); // heard from since: re-arm
        }
        long threshold = threshold(device);
        if (watermark - due > Math.min(threshold, LEAP.toMillis())) {
            long restarted = watermark + threshold;
            return new Step(new DeviceHealthState(state.lastHeard(), restarted, null), List.of(), null, null, restarted);
        }
        return raise(device, state, due, threshold);
    }

    private Step raise(String device, DeviceHealthState state, long due, long threshold) {
        Instant when = Instant.ofEpochMilli(due);
        Place place = place(device);
        TownFile.Category category = town.category(Town.DEVICE_OFFLINE).orElseThrow();
        String note = "no event from " + device + " since " + Instant.ofEpochMilli(state.lastHeard()) + " (offline after "
                + Duration.ofMillis(threshold).toSeconds() + " s)";
        Violation detected = new Violation(ActionIds.violation(device, Town.DEVICE_OFFLINE, "offline", Instant.ofEpochMilli(state.lastHeard())),
                Town.DEVICE_OFFLINE, ViolationStatus.DETECTED, place.camera ? device : null, place.camera ? null : device, null,
                place.jurisdiction, place.grid, null, null, place.lat, place.lon, when, null, null, null, null, when, note);
        Violation dispatched = detected.withStatus(ViolationStatus.DISPATCHED, when, "no warning for " + Town.DEVICE_OFFLINE);
        Duration acceptWithin = category.acceptWithin() == null ? EscalationPolicy.DEFAULT_ACCEPT_WITHIN : category.acceptWithin();
        var request = new DispatchRequest(dispatched, town.responsibleUnit(Town.DEVICE_OFFLINE, place.jurisdiction), acceptWithin.toMillis(), due);
        return new Step(new DeviceHealthState(state.lastHeard(), state.deadline(), dispatched), List.of(Action.update(detected)), request,
                null, -1);
    }

    private long threshold(String device) {
        return town.offlineAfter(device).orElseThrow(() -> new IllegalArgumentException(device + " has no offline threshold")).toMillis();
    }

    private record Place(boolean camera, String jurisdiction, String grid, double lat, double lon) {}

    private Place place(String device) {
        var camera = town.camera(device);
        if (camera.isPresent()) {
            TownFile.Camera c = camera.get();
            return new Place(true, c.jurisdiction(), c.grid(), c.lat(), c.lon());
        }
        TownFile.Sensor s = town.sensors().stream().filter(x -> x.id().equals(device)).findFirst().orElseThrow();
        return new Place(false, s.jurisdiction(), s.grid(), s.lat(), s.lon());
    }
}
