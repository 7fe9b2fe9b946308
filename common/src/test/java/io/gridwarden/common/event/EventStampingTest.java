package io.gridwarden.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventStampingTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00.250Z");

    private static String detection(String id, String time, String extra) {
        return """
                {"specversion":"1.0","id":"%s","source":"cam-0001","type":"gw.detection","time":"%s",%s
                 "data":{"objects":[{"track":"t-{1}\\\\\\"","label":"car","confidence":0.9,"box":[0.4,0.5,0.1,0.2]}],"snapshot":"http://x/[1].jpg"}}"""
                .formatted(id, time, extra);
    }

    private static StampedEvents stamp(String body) {
        return EventCodec.parseStamped(body.getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("A plain event is stored as the device wrote it, with the ingest time added, and decodes to the parsed event")
    void shouldStoreAPlainEventAsWritten() {
        String body = detection("e-1", "2026-11-22T07:59:59.120Z", "");

        var stamped = stamp(body);

        String stored = text(stamped.payloads().get(0));
        assertThat(stored).startsWith("{\"ingesttime\":\"2026-11-22T08:00:00.250Z\",").endsWith(body.substring(1));
        assertThat(EventCodec.decode(stamped.payloads().get(0))).isEqualTo(stamped.parsed().events().get(0).withIngestTime(NOW));
    }

    @Test
    @DisplayName("Each event of a batch gets its own bytes, even with braces, brackets and escapes inside strings")
    void shouldSpliceEachEventOfABatch() {
        var stamped = stamp(" [ " + detection("e-1", "2026-11-22T07:59:59Z", "") + " ,\n" + detection("e-2", "2026-11-22T07:59:58Z", "") + "]");

        List<DeviceEvent> events = stamped.parsed().events();
        assertThat(stamped.payloads()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(EventCodec.decode(stamped.payloads().get(i))).isEqualTo(events.get(i).withIngestTime(NOW));
        }
        assertThat(text(stamped.payloads().get(1))).contains("\"id\":\"e-2\"").doesNotContain("e-1");
    }

    @Test
    @DisplayName("An event with a non-UTC time, another attribute or its own ingest time is encoded afresh, exactly as encode does")
    void shouldEncodeAnythingElseAfresh() {
        for (String body : List.of(detection("e-1", "2026-11-22T15:59:59+08:00", ""),
                detection("e-2", "2026-11-22T07:59:59Z", "\"subject\":\"lane-1\","),
                detection("e-3", "2026-11-22T07:59:59Z", "\"ingesttime\":\"2020-01-01T00:00:00Z\","))) {
            var stamped = stamp(body);

            DeviceEvent event = stamped.parsed().events().get(0);
            assertThat(text(stamped.payloads().get(0))).isEqualTo(text(EventCodec.encode(event.withIngestTime(NOW))));
            assertThat(EventCodec.decode(stamped.payloads().get(0)).ingestTime()).isEqualTo(NOW);
        }
    }

    @Test
    @DisplayName("An event's stored length is known without making its bytes, spliced or encoded afresh, read by either reader")
    void shouldTellEachPayloadsLengthWithoutMakingIt() {
        String batch = "[" + detection("e-1", "2026-11-22T07:59:59Z", "") + ","
                + detection("e-2", "2026-11-22T15:59:59+08:00", "") + "," + detection("e-3", "2026-11-22T07:59:58Z", "") + "]";
        byte[] body = batch.getBytes(StandardCharsets.UTF_8);

        for (StampedEvents stamped : List.of(stamp(batch), StampedEvents.parseByTree(body, NOW))) {
            for (int i = 0; i < 3; i++) {
                assertThat(stamped.payloadLength(i)).as("event %d", i).isEqualTo(stamped.payload(i).length);
            }
            assertThat(text(stamped.payload(0))).startsWith("{\"ingesttime\":"); // spliced
            assertThat(text(stamped.payload(1))).isEqualTo(text(EventCodec.encode(stamped.parsed().events().get(1).withIngestTime(NOW))));
        }
    }

    @Test
    @DisplayName("An invalid body yields its problems and nothing to store")
    void shouldStampNothingOfAnInvalidBody() {
        var stamped = stamp("[" + detection("e-1", "2026-11-22T07:59:59Z", "") + ", {\"id\": 1}]");

        assertThat(stamped.parsed().valid()).isFalse();
        assertThat(stamped.payloads()).isEmpty();
    }

    @Test
    @DisplayName("Parsing by hand and through the CloudEvents SDK agree on the time and refuse the same bad source")
    void shouldAgreeWithTheSdk() {
        ParsedEvents plain = EventCodec.parse(detection("e-1", "2026-11-22T07:59:59.5Z", "").getBytes(StandardCharsets.UTF_8), NOW);
        ParsedEvents viaSdk = EventCodec.parse(detection("e-1", "2026-11-22T07:59:59.5Z", "\"subject\":\"s\",")
                .getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(plain.events()).isEqualTo(viaSdk.events());

        ParsedEvents badSource = EventCodec.parse(detection("e-1", "2026-11-22T07:59:59Z", "")
                .replace("\"cam-0001\"", "\"cam 0001 ^\"").getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(badSource.problems()).singleElement().satisfies(p -> assertThat(p.reason()).startsWith("not a valid CloudEvent"));
    }
}
