package io.gridwarden.common.event;

import java.util.Arrays;
import java.util.Optional;

/** The CloudEvents {@code type} values gridwarden accepts, and the ones it writes back into its own log. */
public enum EventType {
    DETECTION("gw.detection"),
    READING("gw.reading"),
    OFFICER_STATUS("gw.officer.status"),
    COMMAND_ACK("gw.command.ack"),
    HEARTBEAT("gw.heartbeat");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
