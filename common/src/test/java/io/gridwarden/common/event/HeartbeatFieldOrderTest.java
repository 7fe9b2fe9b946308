package io.gridwarden.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Found by {@link EventCodecFuzzTest}: the streaming reader kept a heartbeat's fields in hash order, the tree reader in the device's. */
class HeartbeatFieldOrderTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00.250Z");

    @Test
    void shouldStoreAHeartbeatsFieldsInTheDevicesOrderOnEitherPath() {
        // A time Instant prints otherwise (.1 for .100), so the event is encoded afresh rather than stored as written.
        byte[] body = """
                {"specversion":"1.0","id":"h-1","source":"cam-0001","type":"gw.heartbeat","time":"2026-11-22T07:59:59.1Z",\
                "data":{"ba":"87%","id":"1","s":"2.0"}}""".getBytes(StandardCharsets.UTF_8);

        StampedEvents fast = EventCodec.parseStamped(body, NOW);

        assertThat(((Heartbeat) fast.parsed().events().get(0).data()).fields()).containsExactly(
                entry("ba", "87%"), entry("id", "1"),
                entry("s", "2.0"));
        assertThat(new String(fast.payloads().get(0), StandardCharsets.UTF_8)).endsWith("\"data\":{\"ba\":\"87%\",\"id\":\"1\",\"s\":\"2.0\"}}")
                .isEqualTo(new String(StampedEvents.parseByTree(body, NOW).payloads().get(0), StandardCharsets.UTF_8));
    }
}
