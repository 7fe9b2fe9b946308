package io.gridwarden.common.event;

import java.util.Map;

/** A device saying it is alive, with whatever health fields it chooses to send. */
public record Heartbeat(Map<String, String> fields) implements EventData {
    public Heartbeat {
        fields = Map.copyOf(fields);
    }
}
