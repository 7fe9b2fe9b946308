package io.gridwarden.common.event;

import java.util.List;

/**
 * The outcome of parsing one request body: the valid events, and a problem for each invalid one.
 * A request with any problem is refused whole, so {@code events} is only stored when {@code problems} is empty.
 */
public record ParsedEvents(List<DeviceEvent> events, List<Problem> problems) {

    public ParsedEvents {
        events = List.copyOf(events);
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
