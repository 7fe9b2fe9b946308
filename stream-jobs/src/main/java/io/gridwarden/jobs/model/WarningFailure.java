package io.gridwarden.jobs.model;

/**
 * A voice warning that did not play: a {@code failed} ack of command {@code command}, at {@code time}
 * (epoch millis), routed to {@code camera}, the camera the warning was for. {@code note} may be null
 * ({@code expired}: alerting could not deliver it before it expired).
 */
public record WarningFailure(String camera, long time, String command, String note) {}
