package io.gridwarden.jobs.model;

import io.gridwarden.common.action.Violation;

/**
 * What the jobs remember of one camera or sensor's liveness.
 *
 * @param lastHeard the latest event time heard from it (epoch millis)
 * @param deadline when it counts as offline unless heard from again (its timer)
 * @param offline its open {@code device_offline} violation, or null
 */
public record DeviceHealthState(long lastHeard, long deadline, Violation offline) {}
