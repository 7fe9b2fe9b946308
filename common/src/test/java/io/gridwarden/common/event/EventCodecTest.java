package io.gridwarden.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    private static ParsedEvents parse(String json) {
        return EventCodec.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static String detection(String id, String box) {
        return """
                {"specversion":"1.0","id":"%s","source":"cam-0001","type":"gw.detection","time":"2026-11-22T07:59:59Z",
                 "data":{"objects":[{"track":"t-1","label":"car","confidence":0.9,"box":%s}],"snapshot":"http://x/1.jpg"}}"""
                .formatted(id, box);
    }

    @Test
    void shouldParseADetectionWithItsObjects() {
        ParsedEvents parsed = parse(detection("e-1", "[0.4, 0.5, 0.1, 0.2]"));

        assertThat(parsed.valid()).isTrue();
        DeviceEvent event = parsed.events().get(0);
        assertThat(event.type()).isEqualTo(EventType.DETECTION);
        Detection data = (Detection) event.data();
        assertThat(data.objects()).singleElement().satisfies(o -> {
            assertThat(o.track()).isEqualTo("t-1");
            assertThat(o.box().footX()).isCloseTo(0.45, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(o.box().footY()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(1e-9));
        });
        assertThat(data.snapshot()).isEqualTo("http://x/1.jpg");
    }

    @Test
    void shouldKeepTheRefOfAFramesStoredPicture() {
        String ref = "sha256:" + "0123456789abcdef".repeat(4);
        ParsedEvents parsed = parse(detection("e-1", "[0.4, 0.5, 0.1, 0.2]").replace("\"snapshot\"", "\"evidence\":\"" + ref + "\",\"snapshot\""));

        Detection data = (Detection) parsed.events().get(0).data();
        assertThat(data.evidence()).isEqualTo(ref);
        Detection stored = (Detection) EventCodec.decode(EventCodec.encode(parsed.events().get(0))).data();
        assertThat(stored.evidence()).isEqualTo(ref);
    }

    @Test
    void shouldRefuseAnEvidenceThatIsNotARef() {
        for (String bad : new String[] {"\"http://x/1.jpg\"", "\"sha256:" + "A".repeat(64) + "\"", "\"sha256:abc\"", "7"}) {
            ParsedEvents parsed = parse(detection("e-1", "[0.4, 0.5, 0.1, 0.2]").replace("\"snapshot\"", "\"evidence\":" + bad + ",\"snapshot\""));

            assertThat(parsed.problems()).as(bad).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("/data/evidence"));
        }
    }

    @Test
    void shouldNameTheIndexAndFieldOfEachBadEventInABatch() {
        ParsedEvents parsed = parse("[" + detection("e-1", "[0.4, 0.5, 0.1, 0.2]") + "," + detection("e-2", "[0.4, 1.7, 0.1, 0.2]") + "]");

        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.index()).isEqualTo(1);
            assertThat(p.field()).isEqualTo("/data/objects/0/box");
        });
    }

    @Test
    void shouldRefuseEventsFromMoreThanFiveMinutesInTheFuture() {
        String json = detection("e-1", "[0.4, 0.5, 0.1, 0.2]").replace("2026-11-22T07:59:59Z", "2026-11-22T08:05:01Z");

        assertThat(parse(json).problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("/time"));
    }

    @Test
    void shouldRefuseMissingAttributesAndUnknownTypes() {
        ParsedEvents parsed = parse("""
                {"specversion":"1.0","source":"cam-0001","type":"gw.unknown","time":"2026-11-22T07:59:59Z","data":{}}""");

        assertThat(parsed.problems()).extracting(Problem::field).containsExactlyInAnyOrder("/id", "/type");
    }

    @Test
    void shouldReportInvalidJson() {
        assertThat(parse("{not json").problems()).singleElement().satisfies(p -> assertThat(p.reason()).startsWith("body is not valid JSON"));
    }

    @Test
    void shouldRefuseAnOfficerStatusOutsideTheContract() {
        ParsedEvents parsed = parse("""
                {"specversion":"1.0","id":"s-1","source":"off-01","type":"gw.officer.status","time":"2026-11-22T07:59:59Z",
                 "data":{"lat":128.7,"lon":118.6,"status":"sleeping"}}""");

        assertThat(parsed.problems()).extracting(Problem::field).containsExactlyInAnyOrder("/data/lat", "/data/status");
    }

    @Test
    void shouldRoundTripThroughTheLogFormatWithItsIngestTime() {
        DeviceEvent event = parse(detection("e-1", "[0.4, 0.5, 0.1, 0.2]")).events().get(0).withIngestTime(NOW);

        DeviceEvent decoded = EventCodec.decode(EventCodec.encode(event));

        assertThat(decoded).isEqualTo(event);
    }

    @Test
    void shouldCarryAWholeTownChangeThroughTheLogButRefuseOneFromADevice() {
        TownChange change = new TownChange(3, "sha256:ab", "name: town\ncameras: []\n", "demo-admin");
        DeviceEvent event = new DeviceEvent("town-3", "ops:demo-admin", EventType.TOWN_CHANGE, NOW, NOW, change);
        byte[] encoded = EventCodec.encode(event);

        assertThat(EventCodec.decode(encoded).data()).isEqualTo(change);
        assertThat(parse(new String(encoded, StandardCharsets.UTF_8)).problems()).singleElement()
                .satisfies(p -> assertThat(p.field()).isEqualTo("/type"));
    }

    @Test
    void shouldRefuseOperationsEventsFromDevicesButDecodeThemFromTheLog() {
        String json = """
                {"specversion":"1.0","id":"o-1","source":"ops:demo-admin","type":"gw.ops.close","time":"2026-11-22T07:59:59Z",
                 "data":{"violation":"vio-1","device":"cam-0001","reason":"duplicate report","operator":"demo-admin"}}""";

        assertThat(parse(json).problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("/type"));
        DeviceEvent decoded = EventCodec.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(decoded.data()).isEqualTo(new ManualClose("vio-1", "cam-0001", "duplicate report", "demo-admin"));
    }

    @Test
    void shouldReportAnUnreadableIngestTimeInsteadOfFailing() {
        String json = detection("e-1", "[0.4, 0.5, 0.1, 0.2]").replace("\"data\"", "\"ingesttime\":\"yesterday\",\"data\"");

        assertThat(parse(json).problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("/ingesttime");
            assertThat(p.reason()).contains("UTC timestamp");
        });
    }

    @Test
    void shouldTreatARepeatedMemberAsTheTreeDoesTheLastOneCounts() {
        String json = detection("e-1", "[0.4, 0.5, 0.1, 0.2]").replace("\"track\":\"t-1\"", "\"track\":\"t-0\",\"track\":\"t-1\"");

        Detection data = (Detection) parse(json).events().get(0).data();

        assertThat(data.objects()).singleElement().satisfies(o -> assertThat(o.track()).isEqualTo("t-1"));
    }
}
