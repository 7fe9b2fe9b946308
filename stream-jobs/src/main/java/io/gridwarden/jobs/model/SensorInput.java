package io.gridwarden.jobs.model;

/**
 * What a sensor's threshold watch takes on its keyed input: a reading, or a dispatcher's action on one of its
 * violations. One type, so that the keyed stream can be connected to the town versions' broadcast.
 */
public record SensorInput(SensorReading reading, OperatorAction operation) {

    public static SensorInput of(SensorReading reading) {
        return new SensorInput(reading, null);
    }

    public static SensorInput of(OperatorAction operation) {
        return new SensorInput(null, operation);
    }

    /** The sensor it concerns: the reading's, or the device the dispatcher's action is about. */
    public String sensor() {
        return reading != null ? reading.sensor() : operation.source();
    }

    /** When it happened (epoch millis, event time). */
    public long time() {
        return reading != null ? reading.time() : operation.time();
    }
}
