package io.gridwarden.jobs.model;

/**
 * A device's answer to a command at {@code time} (epoch millis): a camera played a warning, an
 * officer accepted, arrived, resolved or rejected an assignment. {@code note} may be null.
 */
public record DeviceAck(String device, long time, String command, String result, String note) {

    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    public static final String ARRIVED = "arrived";
    public static final String RESOLVED = "resolved";
}
