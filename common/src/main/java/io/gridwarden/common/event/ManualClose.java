package io.gridwarden.common.event;

/**
 * A dispatcher closing a violation, with the reason they gave. {@code device} is the camera or sensor
 * that saw the violation (see {@link ManualAssign}).
 */
public record ManualClose(String violation, String device, String reason, String operator) implements EventData {}
