package io.gridwarden.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The compact form is only another spelling of the stored event: whatever the JSON form decodes to, the compact
 * form of it decodes to the same; and damaged compact bytes are refused with an {@link IllegalArgumentException}.
 */
class CompactEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00.250Z");
    private static final int EVENTS = 5_000;

    @Test
    @DisplayName("Generated stored events decode to the same event from their JSON and from their compact form")
    void shouldDecodeTheCompactFormToTheEventTheJsonHolds() {
        var fixtures = new EventBodyFixtures(11L);
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        int decoded = 0;
        for (int i = 0; i < EVENTS; i++) {
            byte[] json = fixtures.stored().getBytes(StandardCharsets.UTF_8);
            DeviceEvent event;
            try {
                event = EventCodec.decode(json);
            } catch (RuntimeException notAnEvent) {
                continue; // the fixtures also make stored bytes no event could have; nothing compact to compare
            }
            byte[] compact = CompactEvents.encode(event);

            assertThat(CompactEvents.isCompact(json)).isFalse();
            assertThat(CompactEvents.isCompact(compact)).isTrue();
            assertThat(EventCodec.decode(compact)).as(new String(json, StandardCharsets.UTF_8)).isEqualTo(event);
            assertThat(CompactEvents.source(compact)).isEqualTo(event.source());
            assertThat(CompactEvents.id(compact)).isEqualTo(event.id());
            assertThat(CompactEvents.timeMillis(compact)).isEqualTo(event.time().toEpochMilli());
            types.add(event.type());
            decoded++;
        }
        assertThat(decoded).as("stored events that decoded").isGreaterThan(EVENTS / 4);
        assertThat(types).as("event types seen").contains(EventType.DETECTION, EventType.READING, EventType.HEARTBEAT,
                EventType.COMMAND_ACK, EventType.OFFICER_STATUS);
    }

    @Test
    @DisplayName("Every event type, with absent and non-ASCII strings, odd numbers and instants, comes back equal")
    void shouldKeepEveryFieldOfEveryType() {
        Map<String, String> health = new LinkedHashMap<>();
        health.put("uptime_s", "12");
        health.put("温度", "41.5 °C");
        Instant beforeEpoch = Instant.parse("1960-01-01T00:00:00.000000001Z");
        List<EventData> data = List.of(
                new Detection(List.of(new DetectedObject("t-1", "car", 0.93, new Box(0.41, 0.55, 0.12, 0.08)),
                        new DetectedObject("t-2", "摊贩", 1.0, new Box(0, 0, 1, 1))), "http://cam/snap.jpg", "sha256:" + "a".repeat(64)),
                new Detection(List.of(), null, null),
                new Reading("water_level_m", -Double.MAX_VALUE),
                new Reading("rain_mm", Double.MIN_VALUE),
                new OfficerStatus(28.74, -118.62, OfficerStatus.Availability.OFF_DUTY),
                new CommandAck("cmd-1", "failed", "expired"),
                new CommandAck("cmd-2", "played", null),
                new Heartbeat(health),
                new ManualAssign("v-1", "cam-0001", "off-01", "ops-lead"),
                new ManualClose("v-1", "cam-0001", "resolved on site", "ops-lead"),
                new TownChange(Long.MAX_VALUE, "b".repeat(64), "town: {}\n", "admin"));
        for (EventData d : data) {
            for (Instant ingest : Arrays.asList(null, NOW, beforeEpoch)) {
                var event = new DeviceEvent("id-" + d.getClass().getSimpleName(), "cam-0001", typeOf(d), beforeEpoch, ingest, d);
                assertThat(CompactEvents.decode(CompactEvents.encode(event))).isEqualTo(event);
                assertThat(StoredForm.COMPACT.encode(event)).isEqualTo(CompactEvents.encode(event));
                assertThat(EventCodec.decode(StoredForm.JSON.encode(event))).as("the JSON form of the same").isEqualTo(event);
            }
        }
    }

    @Test
    @DisplayName("A thread's writer serves event after event: each encodes to its own bytes alone, and a huge one's buffer is not kept")
    void shouldReuseTheThreadsWriterWithoutCarryingBytesOrMemoryOver() {
        var big = new DeviceEvent("e-big", "ops", EventType.TOWN_CHANGE, NOW, NOW,
                new TownChange(7, "c".repeat(64), "town: {}\n# " + "é".repeat(100_000), "admin"));
        var small = new DeviceEvent("e-small", "cam-0001", EventType.DETECTION, NOW, null,
                new Detection(List.of(new DetectedObject("t-1", "car", 0.9, new Box(0.1, 0.2, 0.3, 0.4))), null, null));
        byte[] smallAlone = CompactEvents.encode(small);

        byte[] bigBytes = CompactEvents.encode(big);
        assertThat(CompactEvents.writer().capacity()).as("grown for the big one").isGreaterThan(CompactWriter.KEPT_CAPACITY);
        byte[] smallAfter = CompactEvents.encode(small);

        assertThat(CompactEvents.decode(bigBytes)).isEqualTo(big);
        assertThat(smallAfter).isEqualTo(smallAlone);
        assertThat(CompactEvents.decode(smallAfter)).isEqualTo(small);
        assertThat(CompactEvents.writer().capacity()).as("the big one's buffer dropped").isLessThanOrEqualTo(CompactWriter.KEPT_CAPACITY);
    }

    @Test
    @DisplayName("Every truncation and a thousand random damages of a compact event fail as IllegalArgumentException or decode")
    void shouldRefuseDamagedBytesWithAClearError() {
        byte[] whole = CompactEvents.encode(new DeviceEvent("e-1", "cam-0001", EventType.DETECTION, NOW, NOW,
                new Detection(List.of(new DetectedObject("t-1", "car", 0.9, new Box(0.1, 0.2, 0.3, 0.4))), "s", null)));
        for (int length = 0; length < whole.length; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> CompactEvents.decode(cut)).as("cut at %d", length).isInstanceOf(IllegalArgumentException.class);
        }
        byte[] longer = Arrays.copyOf(whole, whole.length + 1);
        assertThatThrownBy(() -> CompactEvents.decode(longer)).hasMessageContaining("left over");

        Random random = new Random(5);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            byte[] damaged = whole.clone();
            damaged[1 + random.nextInt(damaged.length - 1)] = (byte) random.nextInt(256);
            try {
                CompactEvents.decode(damaged);
            } catch (IllegalArgumentException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            } catch (RuntimeException other) {
                failures.add(other.toString());
            }
        }
        assertThat(failures).as("damages that failed other than as IllegalArgumentException").isEmpty();
    }

    @Test
    void shouldRefuseALengthTheBytesCannotHoldBeforeAllocatingIt() {
        byte[] huge = {CompactEvents.FORMAT, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        assertThatThrownBy(() -> CompactEvents.decode(huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit");
    }

    private static EventType typeOf(EventData data) {
        if (data instanceof Detection) {
            return EventType.DETECTION;
        } else if (data instanceof Reading) {
            return EventType.READING;
        } else if (data instanceof OfficerStatus) {
            return EventType.OFFICER_STATUS;
        } else if (data instanceof CommandAck) {
            return EventType.COMMAND_ACK;
        } else if (data instanceof Heartbeat) {
            return EventType.HEARTBEAT;
        } else if (data instanceof ManualAssign) {
            return EventType.OPS_ASSIGN;
        } else if (data instanceof ManualClose) {
            return EventType.OPS_CLOSE;
        }
        return EventType.TOWN_CHANGE;
    }
}
