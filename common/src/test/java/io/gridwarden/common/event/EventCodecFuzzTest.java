package io.gridwarden.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Coverage-guided fuzzing of the event codecs exactly as ingest calls them: every HTTP body and MQTT payload
 * goes through {@link EventCodec#parseStamped}, and the stream jobs read what it stored with
 * {@link EventCodec#decode}.
 *
 * <p>In a plain {@code mvn test} each fuzz test runs once per input in {@code EventCodecFuzzTestInputs/<method>}
 * (seeds, and every crash the fuzzer ever found); {@code JAZZER_FUZZ=1} fuzzes for real (see docs/fuzzing.md).
 */
class EventCodecFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00.250Z");

    /** What a call gave: its value, or the exception it threw (type and message). */
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

    @DictionaryFile(resourcePath = "cloudevents.dict")
    @FuzzTest(maxDuration = "5m")
    void anyBodyIsStoredOrRefusedWithProblemsAlikeByBothReaders(byte[] body) {
        StampedEvents stamped = EventCodec.parseStamped(body, NOW); // refuses with problems, never by throwing

        assertThat(Outcome.of(() -> Stamped.of(stamped))).as("the streaming reader's shortcut gives what the tree reader gives")
                .isEqualTo(Outcome.of(() -> Stamped.of(StampedEvents.parseByTree(body, NOW))));
        assertThat(Outcome.of(() -> EventCodec.parse(body, NOW))).isEqualTo(Outcome.of(() -> TreeEventReader.read(body, NOW, null)));
        stamped.parsed().problems().forEach(EventCodecFuzzTest::assertNamesTheField);
        if (stamped.parsed().valid()) {
            assertStoredBytesReadBackAsTheEvents(stamped);
        }
    }

    @DictionaryFile(resourcePath = "cloudevents.dict")
    @FuzzTest(maxDuration = "5m")
    void anyStoredEventDecodesOrFailsAlikeByBothReaders(byte[] stored) {
        Outcome fast = Outcome.of(() -> EventCodec.decode(stored));

        assertThat(fast).isEqualTo(Outcome.of(() -> TreeEventReader.decode(stored)));
        if (fast.thrown() != null) {
            assertThat(fast.thrown()).as("the documented failure of decode").startsWith(IllegalArgumentException.class.getName());
        }
    }

    /** Each problem tells the device which event and which field (a JSON pointer) is wrong, and why. */
    private static void assertNamesTheField(Problem problem) {
        assertThat(problem.index()).isNotNegative();
        assertThat(problem.field()).matches("|/.*");
        assertThat(problem.reason()).isNotBlank();
    }

    /** What ingest appends for a valid body is what the stream jobs read back: the same events, stamped with the ingest time. */
    private static void assertStoredBytesReadBackAsTheEvents(StampedEvents stamped) {
        List<DeviceEvent> events = stamped.parsed().events();
        assertThat(stamped.payloads()).hasSameSizeAs(events);
        for (int i = 0; i < events.size(); i++) {
            byte[] payload = stamped.payloads().get(i);
            DeviceEvent stored = events.get(i).withIngestTime(NOW);
            assertThat(EventCodec.decode(payload)).as(new String(payload, StandardCharsets.UTF_8)).isEqualTo(stored);
            assertThat(TreeEventReader.decode(payload)).isEqualTo(stored);
        }
    }
}
