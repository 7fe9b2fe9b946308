package io.gridwarden.jobs.model;

import io.gridwarden.common.action.Violation;

/**
 * A violation that needs an officer, sent from detection to assignment.
 *
 * @param violation the violation, status {@code dispatched}, with the camera's or sensor's position
 * @param unit the responsible unit, whose officers are asked first
 * @param acceptWithinMillis how long the officer has to accept before it is reassigned
 * @param at when dispatch was decided (epoch millis, event time)
 * @param urgent whether the category is urgent (open burning): carried into the assignment's note
 * @param officer the officer a dispatcher chose by hand, or null for the nearest available
 */
public record DispatchRequest(Violation violation, String unit, long acceptWithinMillis, long at, boolean urgent, String officer) {

    public DispatchRequest(Violation violation, String unit, long acceptWithinMillis, long at, boolean urgent) {
        this(violation, unit, acceptWithinMillis, at, urgent, null);
    }

    public DispatchRequest(Violation violation, String unit, long acceptWithinMillis, long at) {
        this(violation, unit, acceptWithinMillis, at, false, null);
    }
}
