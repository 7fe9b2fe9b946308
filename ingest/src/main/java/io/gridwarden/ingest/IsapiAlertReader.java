package io.gridwarden.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gridwarden.common.xml.SafeXml;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a Hikvision {@code EventNotificationAlert} in either of the forms cameras send, XML
 * ({@link SafeXml}: no DTD, no entities) or JSON, into an {@link IsapiAlert}. The XML is first turned
 * into the same tree the JSON gives, so one reader serves both. Bounded: strings, regions and points
 * beyond {@link #MAX_TEXT}, {@link #MAX_REGIONS} and {@link #MAX_POINTS} refuse the alert. Pure.
 */
final class IsapiAlertReader {

    static final int MAX_TEXT = 128;
    static final int MAX_REGIONS = 16;
    static final int MAX_POINTS = 32;
    static final String ROOT = "EventNotificationAlert";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    private IsapiAlertReader() {}

    /** An alert that cannot be read, with the reason to give the camera's integrator. */
    static final class UnreadableAlert extends Exception {
        UnreadableAlert(String reason) {
            super(reason, null, false, false);
        }
    }

    static IsapiAlert readXml(byte[] body) throws UnreadableAlert {
        Element root;
        try {
            root = SafeXml.parse(body);
        } catch (IllegalArgumentException e) {
            throw new UnreadableAlert("the XML alert is refused: " + e.getMessage());
        }
        if (!ROOT.equals(SafeXml.localNameOf(root))) {
            throw new UnreadableAlert("the XML root element is " + limited(SafeXml.localNameOf(root)) + ", not " + ROOT);
        }
        return read(tree(root, 0));
    }

    static IsapiAlert readJson(byte[] body) throws UnreadableAlert {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new UnreadableAlert("the JSON alert is not well-formed JSON");
        }
        if (node != null && node.size() == 1 && node.has(ROOT)) {
            node = node.get(ROOT);
        }
        if (node == null || !node.isObject()) {
            throw new UnreadableAlert("the JSON alert must be an object (an " + ROOT + ")");
        }
        return read(node);
    }

    private static IsapiAlert read(JsonNode alert) throws UnreadableAlert {
        String eventType = required(alert, "eventType");
        String serial = firstOf(alert, "deviceID", "serialNumber", "deviceSerial");
        String channel = firstOf(alert, "channelID", "dynChannelID");
        String count = text(alert, "activePostCount");
        List<IsapiAlert.Region> regions = new ArrayList<>();
        for (JsonNode entry : items(alert, "DetectionRegionList", "DetectionRegionEntry")) {
            if (regions.size() == MAX_REGIONS) {
                throw new UnreadableAlert("an alert may name at most " + MAX_REGIONS + " detection regions");
            }
            regions.add(region(entry));
        }
        return new IsapiAlert(eventType, text(alert, "eventState"), text(alert, "dateTime"), text(alert, "macAddress"), serial,
                channel == null ? "1" : channel, count == null || !count.matches("\\d{1,9}") ? 0 : Integer.parseInt(count),
                text(alert, "uuid"), text(alert, "targetType"), regions);
    }

    private static IsapiAlert.Region region(JsonNode entry) throws UnreadableAlert {
        List<double[]> polygon = new ArrayList<>();
        for (JsonNode point : items(entry, "RegionCoordinatesList", "RegionCoordinates")) {
            if (polygon.size() == MAX_POINTS) {
                throw new UnreadableAlert("a detection region may have at most " + MAX_POINTS + " points");
            }
            polygon.add(new double[] {number(point, "positionX", 0, 1000), number(point, "positionY", 0, 1000)});
        }
        JsonNode rect = entry.get("TargetRect");
        double[] targetRect = rect == null || !rect.isObject() ? null
                : new double[] {number(rect, "X", 0, 1), number(rect, "Y", 0, 1), number(rect, "width", 0, 1), number(rect, "height", 0, 1)};
        String target = firstOf(entry, "detectionTarget", "targetType");
        return new IsapiAlert.Region(text(entry, "regionID"), target, polygon, targetRect);
    }

    /** The entries of a list, whichever way it came: {@code {"L":{"E":[…]}}} (XML) or {@code {"L":[{"E":{…}}]}} (JSON). */
    private static List<JsonNode> items(JsonNode parent, String list, String entry) {
        JsonNode l = parent.get(list);
        List<JsonNode> out = new ArrayList<>();
        if (l == null) {
            return out;
        }
        for (JsonNode item : l.isArray() ? l : List.of(l)) {
            JsonNode inner = item.has(entry) ? item.get(entry) : item;
            for (JsonNode e : inner.isArray() ? inner : List.of(inner)) {
                if (e.isObject()) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static String required(JsonNode node, String field) throws UnreadableAlert {
        String value = text(node, field);
        if (value == null) {
            throw new UnreadableAlert("the alert has no " + field);
        }
        return value;
    }

    private static String firstOf(JsonNode node, String... fields) throws UnreadableAlert {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) throws UnreadableAlert {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().trim();
        if (text.length() > MAX_TEXT) {
            throw new UnreadableAlert(field + " is longer than " + MAX_TEXT + " characters");
        }
        return text.isEmpty() ? null : text;
    }

    private static double number(JsonNode node, String field, double min, double max) throws UnreadableAlert {
        String text = text(node, field);
        double value;
        try {
            value = text == null ? Double.NaN : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value >= min && value <= max)) {
            throw new UnreadableAlert(field + " must be a number in " + (int) min + ".." + (int) max);
        }
        return value;
    }

    /** An element as the JSON form would have it: text for a leaf, an object of its children otherwise (repeats as arrays). */
    private static JsonNode tree(Element element, int depth) throws UnreadableAlert {
        if (depth > 16) {
            throw new UnreadableAlert("the XML alert is nested too deeply");
        }
        ObjectNode object = NODES.objectNode();
        boolean hasChildren = false;
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                hasChildren = true;
                String name = SafeXml.localNameOf(child);
                JsonNode value = tree(child, depth + 1);
                JsonNode existing = object.get(name);
                if (existing == null) {
                    object.set(name, value);
                } else if (existing.isArray()) {
                    ((ArrayNode) existing).add(value);
                } else {
                    object.set(name, NODES.arrayNode().add(existing).add(value));
                }
            }
        }
        return hasChildren ? object : NODES.textNode(element.getTextContent());
    }

    private static String limited(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
