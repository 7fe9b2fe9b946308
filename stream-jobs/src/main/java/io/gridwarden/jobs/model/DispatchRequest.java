package io.gridwarden.jobs.model;

import io.gridwarden.common.action.Violation;

/**
 * A violation that needs an officer, sent from detection to assignment.
 *
 * @param violation the violation, status {@code dispatched}, with the camera's position
 * @param unit the responsible unit, whose officers are asked first
 * @param acceptWithinMillis how long the officer has to accept, for the command's {@code respondBy}
 * @param at when dispatch was decided (epoch millis, event time)
 */
public record DispatchRequest(Violation violation, String unit, long acceptWithinMillis, long at) {}
