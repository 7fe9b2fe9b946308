package io.gridwarden.common.event;

/** A dispatcher closing a violation, with the reason they gave. */
public record ManualClose(String violation, String reason, String operator) implements EventData {}
