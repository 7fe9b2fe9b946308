package io.gridwarden.jobs.sensor;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.SensorReading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Threshold for a duration: a sensor whose metric stays above its threshold for the dwell time
 * raises one violation, which goes straight to dispatch (sensors are never warned). Falling back to
 * or below the threshold ends the run and clears the state; only a new rise can raise again.
 *
 * <p>Readings run ahead of the watermark, so before a reading is applied the run is first advanced to
 * the reading's time: a run that lasted the dwell is raised even if the reading that ends it is
 * processed before the dwell timer fires. Every time used is a due time, so a replay decides alike.
 */
public final class SensorWatch {

    /** A sensor that has said nothing for this long while latched on a violation is forgotten. */
    public static final Duration FORGET_QUIET_AFTER = Duration.ofHours(1);

    private final SensorRule rule;

    public SensorWatch(SensorRule rule) {
        this.rule = rule;
    }

    /**
     * The outcome of a reading or a due time.
     *
     * @param state the sensor's new state, or null to clear it
     * @param dispatch a request for an officer, or null
     * @param timer when to look again, or -1
     */
    public record Step(SensorState state, List<Action> actions, DispatchRequest dispatch, long timer) {}

    public Step onReading(SensorState state, SensorReading reading) {
        if (!rule.metric().equals(reading.metric()) || (state != null && reading.time() < state.lastReading())) {
            return new Step(state, List.of(), null, -1); // another metric, or an old reading arriving late
        }
        Step advanced = onTime(state, reading.time());
        SensorState current = advanced.state();
        if (reading.value() <= rule.threshold()) {
            return new Step(null, advanced.actions(), advanced.dispatch(), -1);
        }
        if (current == null) {
            return new Step(new SensorState(reading.time(), reading.time(), null), advanced.actions(), advanced.dispatch(),
                    reading.time() + rule.dwell().toMillis());
        }
        return new Step(current.seenAt(reading.time()), advanced.actions(), advanced.dispatch(), advanced.timer());
    }

    /** Advances the run to {@code now}: raises it once the dwell has passed; forgets a long-quiet latched sensor. */
    public Step onTime(SensorState state, long now) {
        if (state == null) {
            return new Step(null, List.of(), null, -1);
        }
        long due = state.aboveSince() + rule.dwell().toMillis();
        if (state.violation() == null) {
            return now < due ? new Step(state, List.of(), null, due) : raise(state, due);
        }
        long forgetAt = state.lastReading() + FORGET_QUIET_AFTER.toMillis();
        return now >= forgetAt ? new Step(null, List.of(), null, -1) : new Step(state, List.of(), null, forgetAt);
    }

    /** A dispatcher closed {@code violationId}: the run is forgotten. */
    public SensorState close(SensorState state, String violationId) {
        return state != null && state.violation() != null && state.violation().id().equals(violationId) ? null : state;
    }

    private Step raise(SensorState state, long due) {
        Instant when = Instant.ofEpochMilli(due);
        String note = rule.metric() + " above " + rule.threshold() + " for " + rule.dwell().toSeconds() + " s";
        Violation detected = new Violation(ActionIds.violation(rule.sensor(), rule.category(), rule.metric(), Instant.ofEpochMilli(state.aboveSince())),
                rule.category(), ViolationStatus.DETECTED, null, rule.sensor(), null, rule.jurisdiction(), rule.grid(), null,
                rule.metric(), rule.lat(), rule.lon(), when, null, null, null, null, when, note);
        Violation dispatched = detected.withStatus(ViolationStatus.DISPATCHED, when, "no warning for " + rule.category());
        var request = new DispatchRequest(dispatched, rule.responsibleUnit(), rule.acceptWithin().toMillis(), due, rule.urgent());
        SensorState latched = state.withViolation(dispatched);
        return new Step(latched, List.of(Action.update(detected)), request, state.lastReading() + FORGET_QUIET_AFTER.toMillis());
    }
}
