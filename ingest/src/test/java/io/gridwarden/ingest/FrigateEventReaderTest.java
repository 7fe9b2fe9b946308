package io.gridwarden.ingest;

import static io.gridwarden.ingest.MqttFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.ingest.FrigateRefusal.Reason;
import org.junit.jupiter.api.Test;

class FrigateEventReaderTest {

    @Test
    void shouldReadTheAfterStateOfTheDocumentedFrigate014Message() throws FrigateRefusal {
        FrigateEvent event = FrigateEventReader.read(bytes(FrigateFixtures.DOCUMENTED_0_14));

        assertThat(event.type()).isEqualTo(FrigateEvent.Type.UPDATE);
        assertThat(event.id()).isEqualTo("1607123955.475377-mxklsc");
        assertThat(event.camera()).isEqualTo("front_door");
        assertThat(event.label()).isEqualTo("person");
        assertThat(event.score()).isEqualTo(0.87890625);
        assertThat(event.confidence()).isEqualTo(0.958984375);
        assertThat(event.box()).containsExactly(432, 496, 544, 854);
        assertThat(event.frameTime()).isEqualTo(1607123962.082975);
        assertThat(event.endTime()).isNull();
        assertThat(event.currentZones()).containsExactly("yard", "driveway");
        assertThat(event.enteredZones()).containsExactly("yard", "driveway");
        assertThat(event.stationary()).isFalse();
        assertThat(event.hasSnapshot()).isFalse();
        assertThat(event.present()).isTrue();
    }

    @Test
    void shouldReadTheDocumentedFrigate013MessageWithoutTheMembers014Added() throws FrigateRefusal {
        String message = "{\"type\": \"new\", \"before\": " + FrigateFixtures.DOCUMENTED_0_13_AFTER + ", \"after\": "
                + FrigateFixtures.DOCUMENTED_0_13_AFTER + "}";

        FrigateEvent event = FrigateEventReader.read(bytes(message));

        assertThat(event.type()).isEqualTo(FrigateEvent.Type.NEW);
        assertThat(event.box()).containsExactly(432, 496, 544, 854);
    }

    @Test
    void shouldTakeAnEndAsTheObjectNoLongerShownAndRequireItsEndTime() throws FrigateRefusal {
        FrigateEvent end = FrigateEventReader.read(bytes(FrigateFixtures.car("end", "1700000000.1-abc", "front_door", 1_700_000_100, new int[] {1, 2, 3, 4}, true)));

        assertThat(end.present()).isFalse();
        assertThat(end.endTime()).isEqualTo(1_700_000_101);
        assertThat(end.stationary()).isTrue();
        String withoutEndTime = FrigateFixtures.DOCUMENTED_0_14.replace("\"type\": \"update\"", "\"type\": \"end\"");
        assertThatThrownBy(() -> FrigateEventReader.read(bytes(withoutEndTime))).hasMessageContaining("after.end_time is missing");
    }

    @Test
    void shouldRefuseWhatIsNotAFrigateEventNamingWhy() {
        assertRefused("snapshot bytes", Reason.NOT_JSON);
        assertRefused("[1, 2]", Reason.NOT_JSON);
        assertRefused(FrigateFixtures.DOCUMENTED_0_14.replace("\"type\": \"update\"", "\"type\": \"started\""), Reason.BAD_FIELD);
        assertRefused(FrigateFixtures.DOCUMENTED_0_14.replace("\"box\": [432, 496, 544, 854],", ""), Reason.MISSING_FIELD);
        assertRefused(FrigateFixtures.DOCUMENTED_0_14.replace("\"box\": [432, 496, 544, 854]", "\"box\": [432, 496]"), Reason.BAD_FIELD);
        assertRefused(FrigateFixtures.DOCUMENTED_0_14.replace("\"score\": 0.87890625", "\"score\": 87.9"), Reason.BAD_FIELD);
        assertRefused(FrigateFixtures.DOCUMENTED_0_14.replace("1607123955.475377-mxklsc\",\n    \"camera\": \"front_door\",\n    \"frame_time\": 1607123962",
                "../../api/config\",\n    \"camera\": \"front_door\",\n    \"frame_time\": 1607123962"), Reason.BAD_FIELD);
        assertRefused("{\"type\": \"update\", \"before\": {}}", Reason.MISSING_FIELD);
        assertRefused("{\"after\": {}}", Reason.MISSING_FIELD);
    }

    private static void assertRefused(String message, Reason reason) {
        assertThatThrownBy(() -> FrigateEventReader.read(bytes(message))).as(message).isInstanceOfSatisfying(FrigateRefusal.class,
                refusal -> assertThat(refusal.reason()).isEqualTo(reason));
    }
}
