package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.OTHER_CAMERA;
import static io.gridwarden.ingest.IngestFixtures.batch;
import static io.gridwarden.ingest.IngestFixtures.detection;
import static io.gridwarden.ingest.IngestFixtures.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.Problem;
import io.gridwarden.common.town.Device;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventAdmissionTest {

    private static final Device CAMERA_DEVICE = IngestFixtures.TOWN.device(CAMERA).orElseThrow();
    private static final Instant NOW = Instant.now();

    private final EventAdmission admission = new EventAdmission(3, new CommandAcks(CommandIds.random()));

    private EventAdmission.Admission admit(BodyShape shape, Object json) {
        return admission.admit(CAMERA_DEVICE, shape, json.toString().getBytes(StandardCharsets.UTF_8), NOW);
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
    void shouldRefuseABatchOverTheLimitEvenWhenEveryEventIsValid() {
        var admitted = admit(BodyShape.EITHER, batch(heartbeat(CAMERA, "1"), heartbeat(CAMERA, "2"),
                heartbeat(CAMERA, "3"), heartbeat(CAMERA, "4")));

        assertThat(admitted.accepted()).isFalse();
        assertThat(admitted.rejection().reason()).isEqualTo(Rejection.Reason.BATCH_TOO_LARGE);
        assertThat(admitted.entries()).isEmpty();
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
}
