package io.gridwarden.common.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded request bodies for comparing the streaming and tree readers: mostly plain valid events, and
 * every sort of deviation a device could send (bad values, missing, null or repeated members, extension
 * attributes, other time shapes, member order, data of the wrong type, broken JSON) at a few percent each.
 */
final class EventBodyFixtures {

    private static final String[] TIMES = {
        "2026-11-22T07:59:59.120Z", "2026-11-22T07:59:59Z", "2026-11-22T07:59:59.123456Z", "2026-11-22T07:59:59.123456789Z",
        "2026-11-22T07:59:59.5Z", "2026-11-22T07:59:59.000Z", "2026-11-22T07:59:59.120000Z", "2026-11-22T07:59:59.100000000Z",
        "2026-11-22T15:59:59+08:00", "2026-11-22t07:59:59z", "2026-11-22T07:59Z", "2026-02-29T07:59:59Z", "2024-02-29T07:59:59Z",
        "2026-11-22T24:00:00Z", "2026-11-22T07:60:00Z", "2026-11-22T07:59:60Z", "2026-13-01T00:00:00Z", "2026-11-22T08:04:59.999Z",
        "2026-11-22T08:05:00.001Z", "2026-11-22T08:06:00Z", "0999-01-01T00:00:00Z", "2026-11-22T07:59:59.Z",
        "2026-11-22T07:59:59.1234567890Z", "2026-11-22 07:59:59Z", "yesterday", "", " ", "+12026-11-22T07:59:59Z",
        "2026-11-22T07:59:59.000000001Z", "2026-11-22T07:59:59.001Z", "2026-11-22T07:59:59.000001Z",
    };
    private static final String[] SOURCES = {"cam-0001", "cam_0001.a", "ops:demo-admin", "http://cam-0042.local/x", "cam 0001 ^",
        "相机-1", "cam~1", "a%20b", "%zz", "", " "};
    private static final String[] TYPES = {"gw.detection", "gw.reading", "gw.officer.status", "gw.command.ack", "gw.heartbeat",
        "gw.ops.assign", "gw.ops.close", "gw.unknown"};
    private static final String[] EXTRA = {"\"subject\":\"lane-1\"", "\"datacontenttype\":\"application/json\"", "\"ext1\":\"v\"",
        "\"dataschema\":\"not a uri ^\"", "\"Upper\":\"x\"", "\"ext2\":5", "\"subject\":null", "\"ingesttime\":\"2020-01-01T00:00:00Z\"",
        "\"ingesttime\":\"2020-01-01T08:00:00+08:00\"", "\"ingesttime\":\"garbage\"", "\"ingesttime\":7", "\"ingesttime\":null"};
    private static final String[] NUMBERS = {"0.93", "0", "1", "1.0", "0.5e0", "-0.0", "-0", "1e-400", "2", "-0.1", "\"0.5\"", "null",
        "true", "[0.5]", "1.00001", "12345678901234567890", "0.999999999999999999999"};

    private final SplittableRandom random;

    EventBodyFixtures(long seed) {
        random = new SplittableRandom(seed);
    }

    /** A request body: one event, or an array of up to five, sometimes broken. */
    String body() {
        int shape = random.nextInt(100);
        if (shape < 3) {
            return broken();
        }
        if (shape < 25) {
            return ws() + event(random.nextInt(TYPES.length)) + ws();
        }
        List<String> events = new ArrayList<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            events.add(random.nextInt(100) < 2 ? pick("1", "null", "[]", "\"x\"") : event(random.nextInt(TYPES.length)));
        }
        return "[" + ws() + String.join("," + ws(), events) + ws() + "]" + (random.nextInt(100) < 2 ? " {}" : "");
    }

    /** A stored event as the log holds it, sometimes damaged. */
    String stored() {
        String event = event(random.nextInt(TYPES.length));
        String stamped = "{\"ingesttime\":\"" + pick("2026-11-22T08:00:00.250Z", "2026-11-22T08:00:00Z", "2026-11-22T08:00:00.25Z", "x")
                + "\"," + event.substring(1);
        return random.nextInt(100) < 3 ? broken() : stamped;
    }

    private String broken() {
        String event = event(0);
        return pick("", "   ", "{not json", event.substring(0, random.nextInt(event.length())), "\uFEFF" + event, "5", "\"x\"", "null",
                event + " trailing", event + event, "[" + event + "," + "]");
    }

    private String event(int typeIndex) {
        List<String> members = new ArrayList<>();
        member(members, "specversion", rare() ? pick("\"0.3\"", "1.0", "null", "\"\"") : "\"1.0\"");
        member(members, "id", rare() ? pick("\"\"", "\" \"", "5", "null", "\"e-\\u0031\"", longText(EventLimits.ID))
                : "\"e-" + random.nextInt(1000) + "\"");
        member(members, "source", rare() ? pick(longText(EventLimits.SOURCE), "\"" + pick(SOURCES) + "\"") : "\"cam-0001\"");
        String type = rare() ? pick(TYPES) : TYPES[typeIndex];
        member(members, "type", rare() ? pick("5", "null", "\"\"") : "\"" + type + "\"");
        member(members, "time", random.nextInt(100) < 15 ? "\"" + pick(TIMES) + "\"" : rare() ? pick("5", "null") : "\"2026-11-22T07:59:59.120Z\"");
        member(members, "data", rare() ? pick("null", "\"x\"", "[]", "5") : data(type));
        if (random.nextInt(100) < 8) {
            members.add(random.nextInt(members.size() + 1), pick(EXTRA));
        }
        if (random.nextInt(100) < 3) {
            members.add(members.get(random.nextInt(members.size())));
        }
        if (random.nextInt(100) < 5) {
            java.util.Collections.swap(members, random.nextInt(members.size()), random.nextInt(members.size()));
        }
        return "{" + ws() + String.join("," + ws(), members) + ws() + "}";
    }

    private void member(List<String> members, String name, String value) {
        if (random.nextInt(100) >= 2) {
            members.add("\"" + name + "\":" + ws() + value);
        }
    }

    private String data(String type) {
        return switch (type) {
            case "gw.detection" -> detection();
            case "gw.reading" -> object("metric", text("water_level_m"), "value", number("3.42"));
            case "gw.officer.status" -> object("lat", number("28.74"), "lon", number("118.62"),
                    "status", text(pick("available", "busy", "off_duty", "sleeping")));
            case "gw.command.ack" -> object("command", text("cmd-1"), "result", text(pick("played", "accepted", "exploded")),
                    "note", rare() ? pick("null", "5", "\"\"") : text("ok"));
            case "gw.heartbeat" -> rare() ? pick("{\"battery\":0.5,\"ok\":true,\"nested\":{\"a\":[1]},\"none\":null}",
                    "{\"log\":" + longText(EventLimits.HEARTBEAT_CHARACTERS - 3) + "}", manyMembers())
                    : object("battery", text("87%"), "firmware", text("1.2"));
            case "gw.ops.assign" -> object("violation", text("vio-1"), "device", text("cam-0001"), "officer", text("off-02"),
                    "operator", text("demo-admin"));
            default -> object("violation", text("vio-1"), "device", text("cam-0001"), "reason", text("duplicate"),
                    "operator", text("demo-admin"));
        };
    }

    /** A heartbeat with as many members as it may hold, or one more. */
    private String manyMembers() {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < EventLimits.HEARTBEAT_MEMBERS + random.nextInt(2); i++) {
            members.add("\"m" + i + "\":\"v\"");
        }
        return "{" + String.join(",", members) + "}";
    }

    private String detection() {
        List<String> objects = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            objects.add(rare() ? pick("null", "5", "[]") : object("track", text("t-" + i), "label", text(pick("car", "vendor_cart")),
                    "confidence", number("0.9"), "box", box()));
        }
        String array = rare() ? pick("null", "{}", "\"x\"") : "[" + String.join(",", objects) + "]";
        if (random.nextInt(100) < 20) { // a frame with a stored picture: a ref, or rarely something like one
            String evidence = rare() ? pick("null", "5", "\"\"", "\"sha256:abc\"", "\"SHA256:" + "a".repeat(64) + "\"",
                    "\"sha256:" + "A".repeat(64) + "\"", "\"sha256:" + "0".repeat(65) + "\"") : "\"sha256:" + "0123456789abcdef".repeat(4) + "\"";
            return object("objects", array, "snapshot", text("http://cam-0001.local/snap/1.jpg"), "evidence", evidence);
        }
        return object("objects", array, "snapshot", rare() ? pick("null", "5", "\"\"") : text("http://cam-0001.local/snap/1.jpg"));
    }

    private String box() {
        if (rare()) {
            return pick("[0.1,0.2,0.3]", "[0.1,0.2,0.3,0.4,0.5]", "\"box\"", "null", "[0.1,\"0.2\",0.3,0.4]", "[0.1,[0.2],0.3,0.4]",
                    "[0.9,0.2,0.10005,0.4]", "[0.9,0.2,0.1002,0.4]", "[0,0,1,1]", "[1,1,0,0]");
        }
        return String.format(Locale.ROOT, "[%.3f,%.3f,%.3f,%.3f]", random.nextDouble(0, 0.8), random.nextDouble(0, 0.7),
                random.nextDouble(0, 0.2), random.nextDouble(0, 0.3));
    }

    /** An object of name/value pairs; sometimes a member is missing or repeated, or another one is added. */
    private String object(String... pairs) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!rare()) {
                members.add("\"" + pairs[i] + "\":" + pairs[i + 1]);
            }
        }
        if (rare()) {
            members.add(pick("\"extra\":{\"a\":[1,{\"b\":2}]}", "\"extra\":null", "\"extra\":\"x\""));
        }
        if (rare() && !members.isEmpty()) {
            members.add(members.get(random.nextInt(members.size())));
        }
        return "{" + String.join("," + ws(), members) + "}";
    }

    private String text(String usual) {
        return rare() ? pick("\"\"", "\"  \"", "5", "null", "\"\\u00e9t\\u00e9\"", "\"引号\\\"}\"", longText(EventLimits.LABEL),
                longText(EventLimits.TRACK), longText(EventLimits.METRIC), longText(EventLimits.COMMAND), longText(EventLimits.NOTE),
                longText(EventLimits.SNAPSHOT)) : "\"" + usual + "\"";
    }

    /** A string at a bound of {@link EventLimits}, or one character past it. */
    private String longText(int bound) {
        return "\"" + "x".repeat(bound + random.nextInt(2)) + "\"";
    }

    private String number(String usual) {
        return rare() ? pick(NUMBERS) : usual;
    }

    private boolean rare() {
        return random.nextInt(100) < 2;
    }

    private String ws() {
        return random.nextInt(100) < 10 ? pick(" ", "\n  ", "\t") : "";
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
