package io.gridwarden.ingest;

import io.gridwarden.common.event.Detection;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.ParsedEvents;
import io.gridwarden.common.event.Problem;
import io.gridwarden.common.event.StampedEvents;
import io.gridwarden.common.event.StoredForm;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.town.Device;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks every request body passes before anything is stored, the same for HTTP and MQTT, in two
 * steps so that a request can be charged to its device in between ({@link MeteredAdmission}): first the
 * shape and number of events, with the parse ({@link #read}); then validate, the objects of each frame, the
 * size of each event, that each event comes from the device that sent it, and that it acknowledges only
 * commands sent to it ({@link CommandAcks}) ({@link #admit}). Pure: no I/O, no framework.
 */
final class EventAdmission {

    /** A camera frame's objects up to this many cost nothing beyond the event's own token; each further one costs one. */
    static final int FREE_OBJECTS_PER_FRAME = 4;
    /** The most bytes one event may take as stored: room for a frame of 64 objects with every string at its bound. */
    static final int MAX_EVENT_BYTES = 32 * 1024;

    private final int maxBatchEvents;
    private final int maxObjectsPerFrame;
    private final CommandAcks acks;
    private final StoredForm form;

    /** @param form how the log stores events: the device's JSON as stamped, or {@link StoredForm#COMPACT} */
    EventAdmission(int maxBatchEvents, int maxObjectsPerFrame, CommandAcks acks, StoredForm form) {
        this.maxBatchEvents = maxBatchEvents;
        this.maxObjectsPerFrame = maxObjectsPerFrame;
        this.acks = acks;
        this.form = form;
    }

    /**
     * The body read: how many events it holds, and either their parse or why it is refused whatever they are
     * (the wrong shape, or too many). The usual body is read in one pass that stops past the limit; anything
     * else is first counted without being parsed ({@link EventCount}), so that a megabyte of {@code [{},{},…]}
     * is refused after a few kilobytes, and only then parsed with every problem named.
     */
    Read read(BodyShape shape, byte[] body, Instant now) {
        Boolean isArray = startsWithArray(body);
        if (isArray != null && !shape.accepts(isArray)) {
            String expected = shape == BodyShape.SINGLE ? "one event object" : "a JSON array of events";
            return new Read(1, null, new Rejection(Rejection.Reason.INVALID_EVENTS, shape.mediaType() + " carries " + expected,
                    List.of(new Problem(0, "", "expected " + expected + " for " + shape.mediaType()))));
        }
        StampedEvents plain = EventCodec.parseStampedPlain(body, now, maxBatchEvents);
        if (plain != null) {
            return new Read(plain.parsed().events().size(), plain, null);
        }
        int events = EventCount.upTo(body, maxBatchEvents);
        if (events > maxBatchEvents) {
            return new Read(events, null, new Rejection(Rejection.Reason.BATCH_TOO_LARGE,
                    "a request carries at most " + maxBatchEvents + " events, this one has more; split the batch",
                    List.of(new Problem(maxBatchEvents, "", "beyond the limit of " + maxBatchEvents + " events"))));
        }
        return new Read(events, EventCodec.parseStampedByTree(body, now), null);
    }

    /**
     * The log entries to append for a body {@link #read} at {@code now} without rejection, with what they cost in event
     * tokens, or why it is refused as a whole. An event's size is judged by its JSON, whichever form stores it.
     */
    Admission admit(Device device, StampedEvents stamped, Instant now) {
        ParsedEvents parsed = stamped.parsed();
        if (!parsed.valid()) {
            return invalid(parsed.problems());
        }
        List<Problem> oversized = oversized(parsed.events(), stamped);
        if (!oversized.isEmpty()) {
            return invalid(oversized);
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
            // the device time beside the record: the jobs take it as the event time without parsing the payload again
            byte[] payload = form == StoredForm.JSON ? stamped.payload(i) : form.encode(event.withIngestTime(now));
            entries.add(new LogEntry(event.source(), event.dedupKey(), payload, event.time().toEpochMilli()));
        }
        return Admission.accept(entries, tokens(parsed.events()));
    }

    /**
     * What events cost in event tokens: one each, and one more for each object of a frame beyond the first
     * {@link #FREE_OBJECTS_PER_FRAME}, since every object can become a violation and a voice warning.
     */
    static int tokens(List<DeviceEvent> events) {
        int tokens = 0;
        for (DeviceEvent event : events) {
            tokens += 1 + (event.data() instanceof Detection frame ? Math.max(0, frame.objects().size() - FREE_OBJECTS_PER_FRAME) : 0);
        }
        return tokens;
    }

    private static Admission invalid(List<Problem> problems) {
        return Admission.refuse(new Rejection(Rejection.Reason.INVALID_EVENTS,
                problems.size() + " problem(s) found; nothing of this request was stored", problems));
    }

    /** Frames with more objects than the town allows, and events larger than an event may be. */
    private List<Problem> oversized(List<DeviceEvent> events, StampedEvents stamped) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).data() instanceof Detection frame && frame.objects().size() > maxObjectsPerFrame) {
                problems.add(new Problem(i, "/data/objects", "holds " + frame.objects().size() + " objects; a frame may report at most "
                        + maxObjectsPerFrame + " (the town file's limits.maxObjectsPerFrame)"));
            } else if (stamped.payloadLength(i) > MAX_EVENT_BYTES) {
                problems.add(new Problem(i, "", "takes " + stamped.payloadLength(i) + " bytes; an event may take at most "
                        + MAX_EVENT_BYTES + " (drop members gridwarden does not read)"));
            }
        }
        return problems;
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

    /** A body's events counted, and either their parse or the rejection when the count or shape alone refuses it. */
    record Read(int events, StampedEvents stamped, Rejection rejection) {}

    /** Either the entries to append (and their cost in event tokens) or the rejection; exactly one is set. */
    record Admission(List<LogEntry> entries, int tokens, Rejection rejection) {

        static Admission accept(List<LogEntry> entries, int tokens) {
            return new Admission(List.copyOf(entries), tokens, null);
        }

        static Admission refuse(Rejection rejection) {
            return new Admission(List.of(), 0, rejection);
        }

        boolean accepted() {
            return rejection == null;
        }
    }
}
