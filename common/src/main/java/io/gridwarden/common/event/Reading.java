package io.gridwarden.common.event;

/** A sensor measurement, e.g. {@code water_level_m = 3.42}. */
public record Reading(String metric, double value) implements EventData {}
