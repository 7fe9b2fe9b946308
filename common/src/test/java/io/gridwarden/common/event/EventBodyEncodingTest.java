package io.gridwarden.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jackson reads a body in UTF-8, UTF-16 or UTF-32 (told by its zero bytes or byte-order mark). Whatever it read,
 * the log must get UTF-8 events that decode: found by {@link EventCodecFuzzTest}, which keeps the inputs.
 */
class EventBodyEncodingTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:01Z");
    private static final String READING = """
            {"specversion":"1.0","id":"r-1","source":"wl-01","type":"gw.reading","time":"2026-11-22T08:00:00Z",\
            "data":{"metric":"water_level_m","value":3.42}}""";

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"})
    void shouldStoreABodyInAnyEncodingJacksonReadsAsEventsThatDecode(String charset) {
        byte[] body = READING.getBytes(Charset.forName(charset));

        StampedEvents stamped = EventCodec.parseStamped(body, NOW);

        assertThat(stamped.parsed().valid()).isTrue();
        assertThat(stamped.payloads()).singleElement().satisfies(payload -> assertThat(EventCodec.decode(payload))
                .isEqualTo(new DeviceEvent("r-1", "wl-01", EventType.READING, Instant.parse("2026-11-22T08:00:00Z"), NOW,
                        new Reading("water_level_m", 3.42))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-32LE"})
    void shouldStoreABatchInALittleEndianEncodingAsEventsThatDecode(String charset) {
        byte[] body = ("[" + READING + "," + READING.replace("r-1", "r-2") + "]").getBytes(Charset.forName(charset));

        StampedEvents stamped = EventCodec.parseStamped(body, NOW);

        assertThat(stamped.payloads()).hasSize(2).allSatisfy(payload -> assertThat(EventCodec.decode(payload).ingestTime()).isEqualTo(NOW));
        assertThat(stamped.payloads()).map(p -> EventCodec.decode(p).id()).containsExactly("r-1", "r-2");
    }
}
