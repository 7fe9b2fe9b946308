package io.gridwarden.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every string of a device's event has a bound, named when exceeded; events read back from the log keep none. */
class EventLimitsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    private static ParsedEvents parse(String json) {
        return EventCodec.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static String event(String id, String type, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"cam-0001","type":"%s","time":"2026-11-22T07:59:59Z","data":%s}"""
                .formatted(id, type, data);
    }

    private static String detection(String track, String label, String snapshot) {
        return event("e-1", "gw.detection", """
                {"objects":[{"track":"%s","label":"%s","confidence":0.9,"box":[0.4,0.5,0.1,0.2]}],"snapshot":"%s"}"""
                .formatted(track, label, snapshot));
    }

    private static void assertRefused(String json, String field) {
        ParsedEvents parsed = parse(json);
        assertThat(parsed.valid()).as(field).isFalse();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.reason()).startsWith("must be at most").doesNotContain("xxxxxxxxxx");
        });
    }

    @Test
    void shouldAcceptEveryStringAtItsBound() {
        String json = "[" + detection("t".repeat(EventLimits.TRACK), "l".repeat(EventLimits.LABEL), "s".repeat(EventLimits.SNAPSHOT))
                .replace("\"e-1\"", "\"" + "i".repeat(EventLimits.ID) + "\"")
                + "," + event("a-1", "gw.command.ack", "{\"command\":\"%s\",\"result\":\"played\",\"note\":\"%s\"}"
                .formatted("c".repeat(EventLimits.COMMAND), "n".repeat(EventLimits.NOTE)))
                + "," + event("r-1", "gw.reading", "{\"metric\":\"%s\",\"value\":1}".formatted("m".repeat(EventLimits.METRIC))) + "]";

        assertThat(parse(json).problems()).isEmpty();
    }

    @Test
    void shouldRefuseAnIdOneCharacterTooLongNamingTheField() {
        assertRefused(event("x".repeat(EventLimits.ID + 1), "gw.heartbeat", "{}"), "/id");
    }

    @Test
    void shouldRefuseAHalfMegabyteIdWithoutEchoingIt() {
        assertRefused(event("x".repeat(500_000), "gw.heartbeat", "{}"), "/id");
    }

    @Test
    void shouldRefuseALongSourceAndTime() {
        assertRefused(event("e-1", "gw.heartbeat", "{}").replace("\"cam-0001\"", "\"" + "x".repeat(EventLimits.SOURCE + 1) + "\""), "/source");
        assertRefused(event("e-1", "gw.heartbeat", "{}").replace("07:59:59Z", "07:59:59" + "0".repeat(EventLimits.TIME) + "Z"), "/time");
    }

    @Test
    void shouldRefuseLongDetectionStringsNamingEachField() {
        assertRefused(detection("x".repeat(200_000), "car", "http://x/1.jpg"), "/data/objects/0/track");
        assertRefused(detection("t-1", "x".repeat(EventLimits.LABEL + 1), "http://x/1.jpg"), "/data/objects/0/label");
        assertRefused(detection("t-1", "car", "x".repeat(EventLimits.SNAPSHOT + 1)), "/data/snapshot");
    }

    @Test
    void shouldRefuseLongReadingAndAcknowledgementStrings() {
        assertRefused(event("r-1", "gw.reading", "{\"metric\":\"%s\",\"value\":1}".formatted("x".repeat(EventLimits.METRIC + 1))),
                "/data/metric");
        assertRefused(event("a-1", "gw.command.ack", "{\"command\":\"%s\",\"result\":\"played\"}".formatted("x".repeat(EventLimits.COMMAND + 1))),
                "/data/command");
        assertRefused(event("a-1", "gw.command.ack", "{\"command\":\"c-1\",\"result\":\"played\",\"note\":\"%s\"}"
                .formatted("x".repeat(EventLimits.NOTE + 1))), "/data/note");
    }

    @Test
    void shouldRefuseAHeartbeatBeyondItsSizeOrMemberCount() {
        ParsedEvents big = parse(event("h-1", "gw.heartbeat", "{\"log\":\"%s\"}".formatted("x".repeat(780_000))));
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i <= EventLimits.HEARTBEAT_MEMBERS; i++) {
            many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\":\"v\"");
        }
        ParsedEvents crowded = parse(event("h-2", "gw.heartbeat", many.append('}').toString()));

        assertThat(big.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("/data"));
        assertThat(crowded.problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("at most " + EventLimits.HEARTBEAT_MEMBERS));
        assertThat(parse(event("h-3", "gw.heartbeat", "{\"battery\":\"87%\",\"firmware\":\"1.2\"}")).valid()).isTrue();
    }

    @Test
    void shouldQuoteAnUnknownTypeOnlyInPart() {
        ParsedEvents parsed = parse(event("e-1", "gw." + "x".repeat(100_000), "{}"));

        assertThat(parsed.problems()).singleElement().satisfies(p -> assertThat(p.reason()).hasSizeLessThanOrEqualTo(Problem.MAX_REASON_CHARS));
    }

    @Test
    void shouldStillDecodeAStoredEventBeyondTheBounds() {
        String stored = "{\"ingesttime\":\"2026-11-22T08:00:00Z\"," + detection("x".repeat(1000), "car", "http://x/1.jpg").substring(1)
                .replace("\"e-1\"", "\"" + "i".repeat(1000) + "\"");

        DeviceEvent event = EventCodec.decode(stored.getBytes(StandardCharsets.UTF_8));

        assertThat(event.id()).hasSize(1000);
        assertThat(((Detection) event.data()).objects().get(0).track()).hasSize(1000);
    }
}
