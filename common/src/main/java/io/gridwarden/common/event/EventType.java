package io.gridwarden.common.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
    OPS_CLOSE("gw.ops.close", false),
    /** An admin applied a new version of the town file (written by alerting, never accepted from devices). */
    TOWN_CHANGE("gw.town.change", false);

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, t -> t));

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
        return name == null ? Optional.empty() : Optional.ofNullable(BY_WIRE_NAME.get(name));
    }
}
