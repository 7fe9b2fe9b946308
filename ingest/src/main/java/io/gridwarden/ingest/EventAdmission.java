package io.gridwarden.ingest;

import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.ParsedEvents;
import io.gridwarden.common.event.Problem;
import io.gridwarden.common.event.StampedEvents;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.town.Device;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks every request body passes before anything is stored, the same for HTTP and MQTT:
 * shape, parse and validate, batch size, that each event comes from the device that sent it, and that it
 * acknowledges only commands sent to it ({@link CommandAcks}).
 * Pure: no I/O, no framework.
 */
final class EventAdmission {

    private final int maxBatchEvents;
    private final CommandAcks acks;

    EventAdmission(int maxBatchEvents, CommandAcks acks) {
        this.maxBatchEvents = maxBatchEvents;
        this.acks = acks;
    }

    /** The log entries to append for this body, or why it is refused as a whole. */
    Admission admit(Device device, BodyShape shape, byte[] body, Instant now) {
        Boolean isArray = startsWithArray(body);
        if (isArray != null && !shape.accepts(isArray)) {
            String expected = shape == BodyShape.SINGLE ? "one event object" : "a JSON array of events";
            return Admission.refuse(new Rejection(Rejection.Reason.INVALID_EVENTS, shape.mediaType() + " carries " + expected,
                    List.of(new Problem(0, "", "expected " + expected + " for " + shape.mediaType()))));
        }
        StampedEvents stamped = EventCodec.parseStamped(body, now);
        ParsedEvents parsed = stamped.parsed();
        int count = parsed.events().size() + (int) parsed.problems().stream().mapToInt(Problem::index).distinct().count();
        if (count > maxBatchEvents) {
            return Admission.refuse(new Rejection(Rejection.Reason.BATCH_TOO_LARGE,
                    "a request carries at most " + maxBatchEvents + " events, this one has " + count + "; split the batch",
                    List.of(new Problem(maxBatchEvents, "", "beyond the limit of " + maxBatchEvents + " events"))));
        }
        if (!parsed.valid()) {
            return Admission.refuse(new Rejection(Rejection.Reason.INVALID_EVENTS,
                    parsed.problems().size() + " problem(s) found; nothing of this request was stored", parsed.problems()));
        }
        List<Problem> foreign = foreignSources(device, parsed.events());
        if (!foreign.isEmpty()) {
            Problem first = foreign.get(0);
            return Admission.refuse(new Rejection(Rejection.Reason.FORBIDDEN,
                    "event " + first.index() + " " + first.reason() + "; a device may only send its own events", foreign));
        }
        Optional<Rejection> notItsCommand = acks.refusal(device, parsed.events());
        if (notItsCommand.isPresent()) {
            return Admission.refuse(notItsCommand.get());
        }
        List<LogEntry> entries = new ArrayList<>(parsed.events().size());
        for (int i = 0; i < parsed.events().size(); i++) {
            DeviceEvent event = parsed.events().get(i);
            entries.add(new LogEntry(event.source(), event.dedupKey(), stamped.payloads().get(i)));
        }
        return Admission.accept(entries);
    }

    private static List<Problem> foreignSources(Device device, List<DeviceEvent> events) {
        List<Problem> foreign = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String source = events.get(i).source();
            if (!source.equals(device.id())) {
                foreign.add(new Problem(i, "/source", "has source \"" + source + "\" but the credentials are " + device.id() + "'s"));
            }
        }
        return foreign;
    }

    /** True for a body whose first JSON token opens an array, false for anything else, null for a blank body. */
    private static Boolean startsWithArray(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '[';
            }
        }
        return null;
    }

    /** Either the entries to append or the rejection; exactly one is set. */
    record Admission(List<LogEntry> entries, Rejection rejection) {

        static Admission accept(List<LogEntry> entries) {
            return new Admission(List.copyOf(entries), null);
        }

        static Admission refuse(Rejection rejection) {
            return new Admission(List.of(), rejection);
        }

        boolean accepted() {
            return rejection == null;
        }
    }
}
