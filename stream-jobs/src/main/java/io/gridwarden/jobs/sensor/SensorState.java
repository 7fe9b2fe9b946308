package io.gridwarden.jobs.sensor;

import io.gridwarden.common.action.Violation;

/**
 * What detection remembers of one sensor while its metric is above the threshold.
 *
 * @param aboveSince the first reading of this run above the threshold (epoch millis)
 * @param lastReading the latest reading, to ignore older ones and to forget a sensor that went quiet
 * @param violation the run's violation once the dwell was reached, else null; while it is set the
 *     sensor raises nothing new until it has come back down
 */
public record SensorState(long aboveSince, long lastReading, Violation violation) {

    public SensorState seenAt(long at) {
        return new SensorState(aboveSince, at, violation);
    }

    public SensorState withViolation(Violation raised) {
        return new SensorState(aboveSince, lastReading, raised);
    }
}
