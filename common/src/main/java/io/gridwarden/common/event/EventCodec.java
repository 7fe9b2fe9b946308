package io.gridwarden.common.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.gridwarden.common.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Device events in CloudEvents 1.0 structured JSON, in and out.
 *
 * <p>The CloudEvents SDK checks the envelope against the spec; gridwarden's own rules (required
 * attributes, known types, the {@code data} of each type, clock limits) are checked here first so
 * that each refusal names the exact field. The log stores events in the same wire form, with the
 * extension attribute {@code ingesttime}.
 */
public final class EventCodec {

    /** Events stamped further ahead than this are refused: the device's clock is wrong. */
    public static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);
    /** The extension attribute that carries the time ingest made the event durable. */
    public static final String INGEST_TIME_ATTRIBUTE = "ingesttime";

    private static final ObjectMapper MAPPER = Json.configure(new ObjectMapper())
            .registerModule(JsonFormat.getCloudEventJacksonModule());

    private EventCodec() {}

    /**
     * Parses a request body holding one event (a JSON object) or a batch (a JSON array).
     *
     * @param now the ingest clock, for the future-time limit
     */
    public static ParsedEvents parse(byte[] body, Instant now) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (IOException e) {
            return new ParsedEvents(List.of(), List.of(new Problem(0, "", "body is not valid JSON: " + firstLine(e))));
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            return new ParsedEvents(List.of(), List.of(new Problem(0, "", "body must be a CloudEvent object or an array of them")));
        }
        List<DeviceEvent> events = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (root.isObject()) {
            add(readEnvelope(root, 0, now, true, problems), events);
        } else {
            for (int i = 0; i < root.size(); i++) {
                add(readEnvelope(root.get(i), i, now, true, problems), events);
            }
        }
        return new ParsedEvents(events, problems);
    }

    /** Decodes one event the log stored; the log holds only events that were valid when stored. */
    public static DeviceEvent decode(byte[] stored) {
        try {
            JsonNode node = MAPPER.readTree(stored);
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

    /** Encodes an event in CloudEvents structured JSON, with its ingest time when it has one. */
    public static byte[] encode(DeviceEvent event) {
        ObjectNode node = MAPPER.createObjectNode()
                .put("specversion", "1.0")
                .put("id", event.id())
                .put("source", event.source())
                .put("type", event.type().wireName())
                .put("time", event.time().toString());
        if (event.ingestTime() != null) {
            node.put(INGEST_TIME_ATTRIBUTE, event.ingestTime().toString());
        }
        node.set("data", EventDataCodec.write(event.data()));
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + event.id(), e);
        }
    }

    private static void add(DeviceEvent event, List<DeviceEvent> events) {
        if (event != null) {
            events.add(event);
        }
    }

    private static DeviceEvent readEnvelope(JsonNode node, int index, Instant now, boolean fromDevice, List<Problem> problems) {
        var fields = new FieldReader(node, "", index, problems);
        if (!fields.clean()) {
            return null;
        }
        String specversion = fields.text("specversion");
        if (specversion != null && !specversion.equals("1.0")) {
            fields.problem("/specversion", "must be \"1.0\"");
        }
        String id = fields.text("id");
        String source = fields.text("source");
        String typeName = fields.text("type");
        EventType type = typeName == null ? null : EventType.fromWire(typeName).filter(t -> t.fromDevices() || !fromDevice).orElse(null);
        if (typeName != null && type == null) {
            fields.problem("/type", "unknown type \"" + typeName + "\"; expected one of gw.detection, gw.reading, "
                    + "gw.officer.status, gw.command.ack, gw.heartbeat");
        }
        if (fields.text("time") == null || node.get("data") == null) {
            if (node.get("data") == null) {
                fields.problem("/data", "is required");
            }
            return null;
        }
        if (!fields.clean()) {
            return null;
        }
        CloudEvent cloudEvent;
        try {
            cloudEvent = MAPPER.treeToValue(node, CloudEvent.class);
        } catch (IOException | RuntimeException e) {
            fields.problem("", "not a valid CloudEvent: " + firstLine(e));
            return null;
        }
        if (cloudEvent.getTime() == null) {
            fields.problem("/time", "must be an RFC 3339 timestamp");
            return null;
        }
        Instant time = cloudEvent.getTime().toInstant();
        if (now != null && time.isAfter(now.plus(MAX_CLOCK_AHEAD))) {
            fields.problem("/time", "is more than 5 minutes in the future (" + time + "); check the device's clock");
            return null;
        }
        EventData data = EventDataCodec.read(type, node.get("data"), index, problems);
        if (data == null) {
            return null;
        }
        Object ingest = cloudEvent.getExtension(INGEST_TIME_ATTRIBUTE);
        Instant ingestTime = ingest == null ? null : Instant.parse(ingest.toString());
        return new DeviceEvent(id, source, type, time, ingestTime, data);
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
