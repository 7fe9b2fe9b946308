package io.gridwarden.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader is only a shortcut: for any body, parsing gives exactly what the tree reader
 * alone gives (events, problems, stored bytes, or the same exception).
 */
class EventReadersAgreeTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00.250Z");
    private static final int BODIES = 5_000;

    /** What a call gave: its value, or the exception it threw (the same type and message count as the same). */
    private record Outcome(Object value, String thrown) {
        static Outcome of(Supplier<?> call) {
            try {
                return new Outcome(call.get(), null);
            } catch (RuntimeException e) {
                return new Outcome(null, e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }

    /** A StampedEvents with its payloads as text, so that equal bytes compare equal. */
    private record Stamped(ParsedEvents parsed, List<String> payloads) {
        static Stamped of(StampedEvents stamped) {
            return new Stamped(stamped.parsed(), stamped.payloads().stream().map(p -> new String(p, StandardCharsets.UTF_8)).toList());
        }
    }

    @Test
    @DisplayName("Generated bodies, valid and not, parse to the same events, problems and stored bytes by either reader;"
            + " the one-pass parse with a limit gives the same or nothing")
    void shouldParseEveryBodyAsTheTreeReaderDoes() {
        var bodies = new EventBodyFixtures(20261122L);
        int streamed = 0;
        int refused = 0;
        int overLimit = 0;
        for (int i = 0; i < BODIES; i++) {
            byte[] body = bodies.body().getBytes(StandardCharsets.UTF_8);

            Outcome fast = Outcome.of(() -> Stamped.of(EventCodec.parseStamped(body, NOW)));
            Outcome tree = Outcome.of(() -> Stamped.of(StampedEvents.parseByTree(body, NOW)));
            Outcome parsed = Outcome.of(() -> EventCodec.parse(body, NOW));

            String text = new String(body, StandardCharsets.UTF_8);
            assertThat(fast).as(text).isEqualTo(tree);
            assertThat(parsed).as(text).isEqualTo(Outcome.of(() -> TreeEventReader.read(body, NOW, null)));
            streamed += StreamingEventReader.readBody(body, NOW) != null ? 1 : 0;
            refused += tree.thrown() == null && !((Stamped) tree.value()).parsed().valid() ? 1 : 0;

            int limit = i % 4;
            StampedEvents plain = EventCodec.parseStampedPlain(body, NOW, limit);
            if (plain != null) {
                assertThat(Stamped.of(plain)).as(text).isEqualTo(tree.value());
                assertThat(plain.parsed().events()).as(text).hasSizeLessThanOrEqualTo(limit);
            } else if (tree.thrown() == null && ((Stamped) tree.value()).parsed().valid()
                    && ((Stamped) tree.value()).parsed().events().size() > limit) {
                overLimit++;
            }
        }
        assertThat(streamed).as("bodies the streaming reader took").isGreaterThan(BODIES / 5);
        assertThat(refused).as("bodies refused with problems").isGreaterThan(BODIES / 5);
        assertThat(overLimit).as("valid bodies over the limit, left to the caller").isGreaterThan(BODIES / 50);
    }

    @Test
    @DisplayName("Generated stored events decode to the same event, or fail the same way, by either reader")
    void shouldDecodeEveryStoredEventAsTheTreeReaderDoes() {
        var events = new EventBodyFixtures(7L);
        int streamed = 0;
        for (int i = 0; i < BODIES; i++) {
            byte[] stored = events.stored().getBytes(StandardCharsets.UTF_8);

            Outcome fast = Outcome.of(() -> EventCodec.decode(stored));

            assertThat(fast).as(new String(stored, StandardCharsets.UTF_8)).isEqualTo(Outcome.of(() -> TreeEventReader.decode(stored)));
            streamed += StreamingEventReader.readStored(stored) != null ? 1 : 0;
        }
        assertThat(streamed).as("stored events the streaming reader took").isGreaterThan(BODIES / 4);
    }

    @Test
    @DisplayName("The usual bodies take the streaming path: a detection batch, each event type, a stored event")
    void shouldStreamTheUsualBodies() {
        String detection = """
                {"specversion":"1.0","id":"cam-0042-000001","source":"cam-0042","type":"gw.detection","time":"2026-11-22T08:00:00.120Z",
                 "data":{"objects":[{"track":"t-17","label":"car","confidence":0.93,"box":[0.41,0.55,0.12,0.08]}],
                 "snapshot":"http://cam-0042.local/snap/000001.jpg"}}""";
        String reading = """
                {"specversion":"1.0","id":"r-1","source":"wl-01","type":"gw.reading","time":"2026-11-22T08:00:00Z",
                 "data":{"metric":"water_level_m","value":3.42}}""";
        String status = """
                {"specversion":"1.0","id":"s-1","source":"off-01","type":"gw.officer.status","time":"2026-11-22T08:00:00Z",
                 "data":{"lat":28.74,"lon":118.62,"status":"available"}}""";
        String ack = """
                {"specversion":"1.0","id":"a-1","source":"cam-0001","type":"gw.command.ack","time":"2026-11-22T08:00:00Z",
                 "data":{"command":"cmd-1","result":"played"}}""";
        String heartbeat = """
                {"specversion":"1.0","id":"h-1","source":"cam-0001","type":"gw.heartbeat","time":"2026-11-22T08:00:00Z","data":{}}""";
        byte[] batch = ("[" + String.join(",", detection, reading, status, ack, heartbeat) + "]").getBytes(StandardCharsets.UTF_8);

        PlainEvents events = StreamingEventReader.readBody(batch, NOW.plusSeconds(1));

        assertThat(events).isNotNull();
        assertThat(events.events()).extracting(DeviceEvent::type).containsExactly(EventType.DETECTION, EventType.READING,
                EventType.OFFICER_STATUS, EventType.COMMAND_ACK, EventType.HEARTBEAT);
        StampedEvents stamped = EventCodec.parseStamped(batch, NOW.plusSeconds(1));
        for (byte[] payload : stamped.payloads()) {
            assertThat(StreamingEventReader.readStored(payload)).isNotNull();
        }
    }
}
