package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.OTHER_CAMERA;
import static io.gridwarden.ingest.IngestFixtures.batch;
import static io.gridwarden.ingest.IngestFixtures.detection;
import static io.gridwarden.ingest.IngestFixtures.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.event.CompactEvents;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.Problem;
import io.gridwarden.common.event.StoredForm;
import io.gridwarden.common.town.Device;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventAdmissionTest {

    private static final Device CAMERA_DEVICE = IngestFixtures.TOWN.device(CAMERA).orElseThrow();
    private static final Instant NOW = Instant.now();

    private final EventAdmission admission = new EventAdmission(3, 6, new CommandAcks(CommandIds.random()), StoredForm.COMPACT);

    /** Both steps, as a request goes through them. */
    private EventAdmission.Admission admit(BodyShape shape, Object json) {
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        var read = admission.read(shape, body, NOW);
        return read.rejection() != null ? EventAdmission.Admission.refuse(read.rejection()) : admission.admit(CAMERA_DEVICE, read.stamped(), NOW);
    }

    private EventAdmission.Read count(byte[] body) {
        return admission.read(BodyShape.EITHER, body, NOW);
    }

    private static JsonObject frame(String id, int objects) {
        return IngestFixtures.frame(CAMERA, id, objects);
    }

    @Test
    void shouldTurnEachEventIntoAnEntryKeyedBySourceAndStampedWithIngestTime() {
        var admitted = admit(BodyShape.BATCH, batch(detection(CAMERA, "e-1"), heartbeat(CAMERA, "e-2")));

        assertThat(admitted.accepted()).isTrue();
        assertThat(admitted.entries()).hasSize(2);
        assertThat(admitted.entries().get(0).partitionKey()).isEqualTo(CAMERA);
        DeviceEvent stored = EventCodec.decode(admitted.entries().get(1).payload());
        assertThat(admitted.entries().get(1).dedupKey()).isEqualTo(stored.dedupKey());
        assertThat(stored.id()).isEqualTo("e-2");
        assertThat(stored.ingestTime()).isEqualTo(NOW);
    }

    @Test
    void shouldStoreTheSameEventsCompactOrAsTheDevicesStampedJson() {
        var json = new EventAdmission(3, 6, new CommandAcks(CommandIds.random()), StoredForm.JSON);
        byte[] body = bytes(batch(frame("f-1", 2), heartbeat(CAMERA, "h-1")));
        var read = json.read(BodyShape.BATCH, body, NOW);
        var asJson = json.admit(CAMERA_DEVICE, read.stamped(), NOW);
        var compact = admission.admit(CAMERA_DEVICE, admission.read(BodyShape.BATCH, body, NOW).stamped(), NOW);

        assertThat(asJson.entries()).hasSize(2);
        for (int i = 0; i < 2; i++) {
            byte[] stored = compact.entries().get(i).payload();
            assertThat(CompactEvents.isCompact(stored)).isTrue();
            assertThat(CompactEvents.isCompact(asJson.entries().get(i).payload())).isFalse();
            assertThat(asJson.entries().get(i).payload()).isEqualTo(read.stamped().payloads().get(i));
            assertThat(EventCodec.decode(stored)).isEqualTo(EventCodec.decode(asJson.entries().get(i).payload()));
            assertThat(compact.entries().get(i).eventTimeMillis()).isEqualTo(asJson.entries().get(i).eventTimeMillis());
        }
    }

    @Test
    void shouldRefuseABatchOverTheLimitEvenWhenEveryEventIsValid() {
        var admitted = admit(BodyShape.EITHER, batch(heartbeat(CAMERA, "1"), heartbeat(CAMERA, "2"),
                heartbeat(CAMERA, "3"), heartbeat(CAMERA, "4")));

        assertThat(admitted.accepted()).isFalse();
        assertThat(admitted.rejection().reason()).isEqualTo(Rejection.Reason.BATCH_TOO_LARGE);
        assertThat(admitted.entries()).isEmpty();
        assertThat(count(bytes(batch(heartbeat(CAMERA, "1"), heartbeat(CAMERA, "2"), heartbeat(CAMERA, "3"), heartbeat(CAMERA, "4"),
                heartbeat(CAMERA, "5")))).events()).as("counted to one past the limit").isEqualTo(4);
    }

    @Test
    void shouldNameEveryEventWhoseSourceIsAnotherDevice() {
        var admitted = admit(BodyShape.BATCH, batch(heartbeat(CAMERA, "1"), heartbeat(OTHER_CAMERA, "2")));

        assertThat(admitted.rejection().reason()).isEqualTo(Rejection.Reason.FORBIDDEN);
        assertThat(admitted.rejection().problems()).extracting(Problem::index, Problem::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "/source"));
    }

    @Test
    void shouldRefuseAnArrayDeclaredAsOneEventAndAnObjectDeclaredAsABatch() {
        assertThat(admit(BodyShape.SINGLE, batch(heartbeat(CAMERA, "1"))).rejection().reason())
                .isEqualTo(Rejection.Reason.INVALID_EVENTS);
        assertThat(admit(BodyShape.BATCH, heartbeat(CAMERA, "1")).rejection().reason())
                .isEqualTo(Rejection.Reason.INVALID_EVENTS);
    }

    @Test
    void shouldCountABatchOverTheLimitWithoutReadingPastIt() {
        String body = "[{},{},{},{}," + "x".repeat(100_000);

        var counted = admission.read(BodyShape.BATCH, body.getBytes(StandardCharsets.UTF_8), NOW);

        assertThat(counted.events()).isEqualTo(4);
        assertThat(counted.rejection().reason()).isEqualTo(Rejection.Reason.BATCH_TOO_LARGE);
    }

    @Test
    void shouldCountOneEventForAnObjectAndEachElementOfAnArray() {
        assertThat(count(bytes(heartbeat(CAMERA, "1"))).events()).isEqualTo(1);
        assertThat(count(bytes(batch(heartbeat(CAMERA, "1"), heartbeat(CAMERA, "2")))).events()).isEqualTo(2);
        assertThat(count(bytes("[]")).events()).isZero();
        assertThat(count(bytes("[{\"a\":[1,{\"b\":2}]}, 5")).events()).as("broken off").isEqualTo(2);
    }

    @Test
    void shouldChargeOneTokenAnEventAndOneMoreForEachObjectBeyondTheFourthOfAFrame() {
        var admitted = admit(BodyShape.BATCH, batch(frame("f-1", 0), frame("f-2", 4), frame("f-3", 6)));

        assertThat(admitted.accepted()).isTrue();
        assertThat(admitted.tokens()).isEqualTo(1 + 1 + (1 + 2));
    }

    @Test
    void shouldRefuseAFrameWithMoreObjectsThanTheTownAllowsNamingDataObjects() {
        var admitted = admit(BodyShape.BATCH, batch(frame("f-1", 6), frame("f-2", 7)));

        assertThat(admitted.rejection().reason()).isEqualTo(Rejection.Reason.INVALID_EVENTS);
        assertThat(admitted.rejection().problems()).singleElement().satisfies(p -> {
            assertThat(p.index()).isEqualTo(1);
            assertThat(p.field()).isEqualTo("/data/objects");
            assertThat(p.reason()).contains("at most 6");
        });
    }

    @Test
    void shouldRefuseAnEventLargerThanAnEventMayBeWhateverMembersMakeItSo() {
        JsonObject padded = heartbeat(CAMERA, "1").put("data", new JsonObject().put("objects", new JsonArray()));
        padded.put("type", "gw.detection").getJsonObject("data").put("padding", "x".repeat(EventAdmission.MAX_EVENT_BYTES));

        var admitted = admit(BodyShape.SINGLE, padded);

        assertThat(admitted.rejection().reason()).isEqualTo(Rejection.Reason.INVALID_EVENTS);
        assertThat(admitted.rejection().problems()).singleElement().satisfies(p -> assertThat(p.reason()).contains("at most "
                + EventAdmission.MAX_EVENT_BYTES));
    }

    private static byte[] bytes(Object json) {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
