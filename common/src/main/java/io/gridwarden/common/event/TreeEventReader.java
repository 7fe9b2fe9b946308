package io.gridwarden.common.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.types.Time;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads events through a Jackson tree and names every problem (index, JSON pointer, reason): the
 * reader of record for anything {@link StreamingEventReader} finds unusual.
 *
 * <p>The CloudEvents SDK checks the envelope against the spec; gridwarden's own rules (required
 * attributes, known types, the {@code data} of each type, clock limits) are checked here first so
 * that each refusal names the exact field.
 */
final class TreeEventReader {

    /** The attributes of an event that needs none of the SDK's further checks. */
    private static final Set<String> PLAIN_ATTRIBUTES = Set.of("specversion", "id", "source", "type", "time", "data",
            EventCodec.INGEST_TIME_ATTRIBUTE);

    private TreeEventReader() {}

    /** @param plain when not null, gets for each valid event whether it may be stored as the device wrote it */
    static ParsedEvents read(byte[] body, Instant now, List<Boolean> plain) {
        JsonNode root;
        try {
            root = EventCodec.MAPPER.readTree(body);
        } catch (IOException e) {
            return new ParsedEvents(List.of(), List.of(new Problem(0, "", "body is not valid JSON: " + firstLine(e))));
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            return new ParsedEvents(List.of(), List.of(new Problem(0, "", "body must be a CloudEvent object or an array of them")));
        }
        List<DeviceEvent> events = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        int count = root.isObject() ? 1 : root.size();
        for (int i = 0; i < count; i++) {
            JsonNode node = root.isObject() ? root : root.get(i);
            DeviceEvent event = readEnvelope(node, i, now, true, problems);
            if (event != null) {
                events.add(event);
                if (plain != null) {
                    plain.add(storableAsWritten(node, event));
                }
            }
        }
        return new ParsedEvents(events, problems);
    }

    /** Decodes one event the log stored; the log holds only events that were valid when stored. */
    static DeviceEvent decode(byte[] stored) {
        try {
            JsonNode node = EventCodec.MAPPER.readTree(stored);
            List<Problem> problems = new ArrayList<>();
            DeviceEvent event = readEnvelope(node, 0, null, false, problems);
            if (event == null) {
                throw new IllegalArgumentException("stored event is invalid: " + problems);
            }
            return event;
        } catch (IOException e) {
            throw new IllegalArgumentException("stored event is not JSON: " + firstLine(e), e);
        }
    }

    /** Whether the device's JSON, stamped, decodes to this event and carries its time exactly as {@link EventCodec#encode} writes it. */
    private static boolean storableAsWritten(JsonNode node, DeviceEvent event) {
        return event.ingestTime() == null && !node.has(EventCodec.INGEST_TIME_ATTRIBUTE) && onlyPlainAttributes(node)
                && event.time().toString().equals(node.get("time").textValue());
    }

    private static DeviceEvent readEnvelope(JsonNode node, int index, Instant now, boolean fromDevice, List<Problem> problems) {
        var fields = new FieldReader(node, "", index, problems, fromDevice);
        if (!fields.clean()) {
            return null;
        }
        String specversion = fields.text("specversion");
        if (specversion != null && !specversion.equals("1.0")) {
            fields.problem("/specversion", "must be \"1.0\"");
        }
        String id = fields.text("id", EventLimits.ID);
        String source = fields.text("source", EventLimits.SOURCE);
        String typeName = fields.text("type");
        EventType type = typeName == null ? null : EventType.fromWire(typeName).filter(t -> t.fromDevices() || !fromDevice).orElse(null);
        if (typeName != null && type == null) {
            fields.problem("/type", "unknown type \"" + typeName + "\"; expected one of gw.detection, gw.reading, "
                    + "gw.officer.status, gw.command.ack, gw.heartbeat");
        }
        if (fields.text("time", EventLimits.TIME) == null || node.get("data") == null) {
            if (node.get("data") == null) {
                fields.problem("/data", "is required");
            }
            return null;
        }
        if (!fields.clean()) {
            return null;
        }
        Envelope envelope = plainEnvelope(node);
        if (envelope == null) {
            envelope = sdkEnvelope(node, fields);
            if (envelope == null) {
                return null;
            }
        }
        Instant time = envelope.time();
        if (now != null && time.isAfter(now.plus(EventCodec.MAX_CLOCK_AHEAD))) {
            fields.problem("/time", "is more than 5 minutes in the future (" + time + "); check the device's clock");
            return null;
        }
        EventData data = EventDataCodec.read(type, node.get("data"), index, problems, fromDevice);
        if (data == null) {
            return null;
        }
        Instant ingestTime;
        try {
            ingestTime = envelope.ingestTime() == null ? null : Instant.parse(envelope.ingestTime());
        } catch (DateTimeParseException e) {
            fields.problem("/" + EventCodec.INGEST_TIME_ATTRIBUTE, "must be a UTC timestamp such as 2026-11-22T08:00:00Z "
                    + "(gridwarden sets it; devices may leave it out)");
            return null;
        }
        return new DeviceEvent(id, source, type, time, ingestTime, data);
    }

    /** What the envelope check yields: the event's time and, if stamped, its ingest time as written. */
    private record Envelope(Instant time, String ingestTime) {}

    /**
     * The envelope of an event that holds only the attributes gridwarden uses, checked by hand exactly as
     * the SDK would (source a URI reference, time RFC 3339 through the SDK's own parser, ingesttime a
     * string); null for anything else, which the SDK then judges. This skips the SDK's copy of the whole
     * event (data included) per event, the largest cost of parsing.
     */
    private static Envelope plainEnvelope(JsonNode node) {
        if (!onlyPlainAttributes(node)) {
            return null;
        }
        JsonNode ingest = node.get(EventCodec.INGEST_TIME_ATTRIBUTE);
        if (ingest != null && !ingest.isTextual()) {
            return null;
        }
        try {
            new URI(node.get("source").textValue());
            Instant time = Time.parseTime(node.get("time").textValue()).toInstant();
            return new Envelope(time, ingest == null ? null : ingest.textValue());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static boolean onlyPlainAttributes(JsonNode node) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            if (!PLAIN_ATTRIBUTES.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    /** The envelope as the CloudEvents SDK reads it; null (with the problem recorded) when it refuses it. */
    private static Envelope sdkEnvelope(JsonNode node, FieldReader fields) {
        CloudEvent cloudEvent;
        try {
            cloudEvent = EventCodec.MAPPER.treeToValue(node, CloudEvent.class);
        } catch (IOException | RuntimeException e) {
            fields.problem("", "not a valid CloudEvent: " + firstLine(e));
            return null;
        }
        if (cloudEvent.getTime() == null) {
            fields.problem("/time", "must be an RFC 3339 timestamp");
            return null;
        }
        Object ingest = cloudEvent.getExtension(EventCodec.INGEST_TIME_ATTRIBUTE);
        return new Envelope(cloudEvent.getTime().toInstant(), ingest == null ? null : ingest.toString());
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
