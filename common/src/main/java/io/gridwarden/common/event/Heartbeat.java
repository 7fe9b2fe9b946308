package io.gridwarden.common.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A device saying it is alive, with whatever health fields it chooses to send. */
public record Heartbeat(Map<String, String> fields) implements EventData {
    /**
     * Keeps the device's order (not {@code Map.copyOf}'s, which depends on the JVM): the event is then stored
     * with the same bytes whichever reader read it, and on every run.
     */
    public Heartbeat {
        Map<String, String> ordered = new LinkedHashMap<>();
        fields.forEach((name, value) -> ordered.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
        fields = Collections.unmodifiableMap(ordered);
    }
}
