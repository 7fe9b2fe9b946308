package io.gridwarden.jobs.model;

/** A sensor's measurement of {@code metric} at {@code time} (epoch millis, device clock). */
public record SensorReading(String sensor, long time, String metric, double value) {}
