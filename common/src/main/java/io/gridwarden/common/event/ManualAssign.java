package io.gridwarden.common.event;

/**
 * A dispatcher's assignment of a violation to an officer, made in the operations API.
 * {@code device} is the camera or sensor that saw the violation: the jobs keep a violation's state
 * under that device, so they route the action by it.
 */
public record ManualAssign(String violation, String device, String officer, String operator) implements EventData {}
