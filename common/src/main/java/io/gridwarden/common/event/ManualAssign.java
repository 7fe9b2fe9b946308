package io.gridwarden.common.event;

/** A dispatcher's assignment of a violation to an officer, made in the operations API. */
public record ManualAssign(String violation, String officer, String operator) implements EventData {}
