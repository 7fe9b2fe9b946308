package io.gridwarden.common.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwarden.common.evidence.EvidenceRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the {@code data} of each event type, checking every field the contract constrains.
 * Problems are collected rather than thrown so that a device hears about every bad field at once.
 */
final class EventDataCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventDataCodec() {}

    /**
     * Parses {@code data}; returns null and adds problems when it is invalid.
     *
     * @param bounded hold its strings to {@link EventLimits} (a device's event, not a stored one)
     */
    static EventData read(EventType type, JsonNode data, int index, List<Problem> problems, boolean bounded) {
        var fields = new FieldReader(data, "/data", index, problems, bounded);
        return switch (type) {
            case DETECTION -> readDetection(fields);
            case READING -> readReading(fields);
            case OFFICER_STATUS -> readOfficerStatus(fields);
            case COMMAND_ACK -> readAck(fields);
            case HEARTBEAT -> readHeartbeat(data, fields);
            case OPS_ASSIGN -> readManualAssign(fields);
            case OPS_CLOSE -> readManualClose(fields);
            case TOWN_CHANGE -> readTownChange(fields);
        };
    }

    private static EventData readDetection(FieldReader fields) {
        List<DetectedObject> objects = new ArrayList<>();
        JsonNode array = fields.array("objects");
        if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                FieldReader object = fields.child(array.get(i), "/objects/" + i);
                String track = object.text("track", EventLimits.TRACK);
                String label = object.text("label", EventLimits.LABEL);
                double confidence = object.number("confidence", 0, 1);
                Box box = object.box("box");
                if (track != null && label != null && box != null && !Double.isNaN(confidence)) {
                    objects.add(new DetectedObject(track, label, confidence, box));
                }
            }
        }
        String snapshot = fields.optionalText("snapshot", EventLimits.SNAPSHOT);
        String evidence = fields.optionalText("evidence", EventLimits.EVIDENCE);
        if (evidence != null && fields.bounded() && !EvidenceRef.isValid(evidence)) {
            fields.problem("/evidence", "must be an evidence ref: 'sha256:' and 64 lower-case hex digits, as POST /v1/evidence answers");
        }
        return fields.clean() ? new Detection(objects, snapshot, evidence) : null;
    }

    private static EventData readReading(FieldReader fields) {
        String metric = fields.text("metric", EventLimits.METRIC);
        double value = fields.number("value", -Double.MAX_VALUE, Double.MAX_VALUE);
        return fields.clean() ? new Reading(metric, value) : null;
    }

    private static EventData readOfficerStatus(FieldReader fields) {
        double lat = fields.number("lat", -90, 90);
        double lon = fields.number("lon", -180, 180);
        String status = fields.text("status");
        var availability = status == null ? null : OfficerStatus.Availability.fromWire(status).orElse(null);
        if (status != null && availability == null) {
            fields.problem("/status", "must be one of available, busy, off_duty");
        }
        return fields.clean() ? new OfficerStatus(lat, lon, availability) : null;
    }

    private static EventData readAck(FieldReader fields) {
        String command = fields.text("command", EventLimits.COMMAND);
        String result = fields.text("result");
        if (result != null && !CommandAck.RESULTS.contains(result)) {
            fields.problem("/result", "must be one of " + String.join(", ", new java.util.TreeSet<>(CommandAck.RESULTS)));
        }
        String note = fields.optionalText("note", EventLimits.NOTE);
        return fields.clean() ? new CommandAck(command, result, note) : null;
    }

    private static EventData readManualAssign(FieldReader fields) {
        String violation = fields.text("violation");
        String device = fields.text("device");
        String officer = fields.text("officer");
        String operator = fields.text("operator");
        return fields.clean() ? new ManualAssign(violation, device, officer, operator) : null;
    }

    private static EventData readManualClose(FieldReader fields) {
        String violation = fields.text("violation");
        String device = fields.text("device");
        String reason = fields.text("reason");
        String operator = fields.text("operator");
        return fields.clean() ? new ManualClose(violation, device, reason, operator) : null;
    }

    private static EventData readTownChange(FieldReader fields) {
        double version = fields.number("version", 1, Long.MAX_VALUE);
        String sha256 = fields.text("sha256");
        String town = fields.text("town");
        String author = fields.text("author");
        return fields.clean() ? new TownChange((long) version, sha256, town, author) : null;
    }

    private static EventData readHeartbeat(JsonNode data, FieldReader fields) {
        if (!fields.clean()) {
            return null; // not an object
        }
        Map<String, String> health = new LinkedHashMap<>();
        data.properties().forEach(e -> health.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        if (fields.bounded() && health.size() > EventLimits.HEARTBEAT_MEMBERS) {
            fields.problem("", "holds " + health.size() + " members; a heartbeat carries at most " + EventLimits.HEARTBEAT_MEMBERS);
            return null;
        }
        int characters = EventLimits.heartbeatCharacters(health);
        if (fields.bounded() && characters > EventLimits.HEARTBEAT_CHARACTERS) {
            fields.problem("", "holds " + characters + " characters of names and values; a heartbeat carries at most "
                    + EventLimits.HEARTBEAT_CHARACTERS);
            return null;
        }
        return new Heartbeat(health);
    }

    /** Writes {@code data} in the contract's wire form. */
    static ObjectNode write(EventData data) {
        ObjectNode node = NODES.objectNode();
        if (data instanceof Detection d) {
            ArrayNode objects = node.putArray("objects");
            for (DetectedObject o : d.objects()) {
                ObjectNode object = objects.addObject().put("track", o.track()).put("label", o.label()).put("confidence", o.confidence());
                object.putArray("box").add(o.box().x()).add(o.box().y()).add(o.box().w()).add(o.box().h());
            }
            if (d.snapshot() != null) {
                node.put("snapshot", d.snapshot());
            }
            if (d.evidence() != null) {
                node.put("evidence", d.evidence());
            }
        } else if (data instanceof Reading r) {
            node.put("metric", r.metric()).put("value", r.value());
        } else if (data instanceof OfficerStatus s) {
            node.put("lat", s.lat()).put("lon", s.lon()).put("status", s.status().wireName());
        } else if (data instanceof CommandAck a) {
            node.put("command", a.command()).put("result", a.result());
            if (a.note() != null) {
                node.put("note", a.note());
            }
        } else if (data instanceof Heartbeat h) {
            h.fields().forEach(node::put);
        } else if (data instanceof ManualAssign m) {
            node.put("violation", m.violation()).put("device", m.device()).put("officer", m.officer()).put("operator", m.operator());
        } else if (data instanceof ManualClose c) {
            node.put("violation", c.violation()).put("device", c.device()).put("reason", c.reason()).put("operator", c.operator());
        } else if (data instanceof TownChange t) {
            node.put("version", t.version()).put("sha256", t.sha256()).put("town", t.town()).put("author", t.author());
        }
        return node;
    }
}
