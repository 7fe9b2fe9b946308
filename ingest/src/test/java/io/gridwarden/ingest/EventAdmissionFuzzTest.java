package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.StoredForm;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.town.Device;
import java.time.Instant;

/**
 * Coverage-guided fuzzing of a body's way through ingest, the same for HTTP and MQTT: counted before it is
 * parsed ({@link EventAdmission#count}, which charges the device and enforces the batch limit), then admitted or
 * refused ({@link EventAdmission#admit}). For any body and shape: neither step throws; a refusal says why; and
 * what is stored is never more events than were counted, so the count that charges and limits a request
 * cannot be outrun by the parse.
 *
 * <p>A plain {@code mvn test} replays {@code EventAdmissionFuzzTestInputs/<method>}; {@code JAZZER_FUZZ=1} fuzzes (docs/fuzzing.md).
 */
class EventAdmissionFuzzTest {

    private static final Device CAMERA_DEVICE = IngestFixtures.TOWN.device(CAMERA).orElseThrow();
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00.250Z");
    /** Small, so that the fuzzer reaches the limit with a short body. */
    private static final int MAX_BATCH_EVENTS = 3;

    private final EventAdmission admission = new EventAdmission(MAX_BATCH_EVENTS, 2, new CommandAcks(CommandIds.random()), StoredForm.COMPACT);

    @DictionaryEntries({"\"specversion\":\"1.0\"", "\"id\":", "\"source\":\"cam-0001\"", "\"type\":", "\"time\":", "\"data\":",
            "\"gw.detection\"", "\"gw.heartbeat\"", "\"gw.command.ack\"", "\"objects\":", "\"track\":", "\"label\":",
            "\"confidence\":", "\"box\":[0.1,0.2,0.3,0.4]", "\"2026-11-22T08:00:00Z\"", "{}", "[", "]", ","})
    @FuzzTest(maxDuration = "5m")
    void anyBodyIsStoredAsNoMoreEventsThanWereCountedOrRefusedWithAReason(byte[] body) {
        for (BodyShape shape : BodyShape.values()) {
            EventAdmission.Read counted = admission.read(shape, body, NOW);
            if (counted.rejection() != null) {
                assertThat(counted.rejection().detail()).isNotBlank();
                continue;
            }
            assertThat(counted.events()).isBetween(0, MAX_BATCH_EVENTS);
            EventAdmission.Admission admitted = admission.admit(CAMERA_DEVICE, counted.stamped(), NOW);
            if (!admitted.accepted()) {
                assertThat(admitted.rejection().detail()).isNotBlank();
                continue;
            }
            assertThat(admitted.entries()).as("stored events, against the %d counted (%s)", counted.events(), shape)
                    .hasSizeLessThanOrEqualTo(counted.events());
            for (LogEntry entry : admitted.entries()) {
                assertThat(EventCodec.decode(entry.payload()).source()).isEqualTo(CAMERA);
            }
        }
    }
}
