package io.gridwarden.common.event;

import java.util.Arrays;
import java.util.Optional;

/** The CloudEvents {@code type} values gridwarden accepts, and the ones it writes back into its own log. */
public enum EventType {
    DETECTION("gw.detection", true),
    READING("gw.reading", true),
    OFFICER_STATUS("gw.officer.status", true),
    COMMAND_ACK("gw.command.ack", true),
    HEARTBEAT("gw.heartbeat", true),
    /** A dispatcher assigned a violation by hand (written by alerting, never accepted from devices). */
    OPS_ASSIGN("gw.ops.assign", false),
    /** A dispatcher closed a violation (written by alerting, never accepted from devices). */
    OPS_CLOSE("gw.ops.close", false);

    private final String wireName;
    private final boolean fromDevices;

    EventType(String wireName, boolean fromDevices) {
        this.wireName = wireName;
        this.fromDevices = fromDevices;
    }

    /** Whether devices may send this type; operations events enter the log only through alerting. */
    public boolean fromDevices() {
        return fromDevices;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
