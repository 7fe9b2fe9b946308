package io.gridwarden.ingest;

import static io.gridwarden.ingest.MqttFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gridwarden.common.event.Box;
import io.gridwarden.ingest.FrigateRefusal.Reason;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FrigateConverterTest {

    private static final Instant NOW = Instant.parse("2020-12-04T23:20:00Z"); // a minute after the documented frame
    private static final double CAR_TIME = 1_607_124_000.25;

    private static FrigateConverter.Sighting convert(String message, Instant now) throws FrigateRefusal {
        return FrigateConverter.convert(FrigateFixtures.NVR, FrigateEventReader.read(bytes(message)), now).orElseThrow();
    }

    @Test
    void shouldMakeTheDocumentedUpdateAnObjectOfTheMappedCameraWithItsBoxNormalisedByTheDetectResolution() throws FrigateRefusal {
        FrigateConverter.Sighting sighting = convert(FrigateFixtures.DOCUMENTED_0_14, NOW);

        assertThat(sighting.camera()).isEqualTo("cam-0101");
        assertThat(sighting.time()).isEqualTo(Instant.parse("2020-12-04T23:19:22.082975Z"));
        assertThat(sighting.eventId()).isEqualTo("1607123955.475377-mxklsc/update/1607123962082975");
        assertThat(sighting.object().track()).isEqualTo("1607123955.475377-mxklsc");
        assertThat(sighting.object().label()).isEqualTo("person");
        assertThat(sighting.object().confidence()).as("top_score").isEqualTo(0.958984375);
        Box box = sighting.object().box();
        assertThat(box.x()).isCloseTo(432.0 / 1920, within(1e-9));
        assertThat(box.y()).isCloseTo(496.0 / 1080, within(1e-9));
        assertThat(box.w()).isCloseTo(112.0 / 1920, within(1e-9));
        assertThat(box.h()).isCloseTo(358.0 / 1080, within(1e-9));
        assertThat(sighting.snapshot()).as("has_snapshot is false").isNull();
    }

    @Test
    void shouldPointAtFrigatesSnapshotOfTheEventWhenItHasOne() throws FrigateRefusal {
        String withSnapshot = FrigateFixtures.car("new", "1607124000.1-kq2x", "front_door", CAR_TIME, new int[] {800, 700, 1100, 900}, false);

        assertThat(convert(withSnapshot, NOW).snapshot()).isEqualTo("http://10.0.0.5:5000/api/events/1607124000.1-kq2x/snapshot.jpg");
    }

    @Test
    void shouldMapLabelsTheTownFileRenamesAndPassTheOthersUnchanged() throws FrigateRefusal {
        String car = FrigateFixtures.car("new", "1607124000.1-kq2x", "front_door", CAR_TIME, new int[] {800, 700, 1100, 900}, false);

        assertThat(convert(car, NOW).object().label()).isEqualTo("car");
        assertThat(convert(car.replace("\"label\": \"car\"", "\"label\": \"motorcycle\""), NOW).object().label()).isEqualTo("e_bike");
    }

    @Test
    void shouldTakeAnEndAsTheObjectGoneAtItsEndTime() throws FrigateRefusal {
        FrigateConverter.Sighting end = convert(FrigateFixtures.car("end", "1607124000.1-kq2x", "front_door", CAR_TIME,
                new int[] {800, 700, 1100, 900}, true), NOW);

        assertThat(end.object()).isNull();
        assertThat(end.track()).isEqualTo("1607124000.1-kq2x");
        assertThat(end.time()).isEqualTo(Instant.parse("2020-12-04T23:20:01.250Z"));
        assertThat(end.eventId()).isEqualTo("1607124000.1-kq2x/end/1607124000250000");
    }

    @Test
    void shouldGiveTheSameMessageTheSameIdAndEveryOtherMessageAnother() throws FrigateRefusal {
        String update = FrigateFixtures.car("update", "1607124000.1-kq2x", "front_door", CAR_TIME, new int[] {800, 700, 1100, 900}, true);

        assertThat(convert(update, NOW).eventId()).isEqualTo(convert(update, NOW.plusSeconds(5)).eventId())
                .isNotEqualTo(convert(update.replace("\"type\": \"update\"", "\"type\": \"new\""), NOW).eventId())
                .isNotEqualTo(convert(FrigateFixtures.car("update", "1607124000.1-kq2x", "front_door", CAR_TIME + 0.1,
                        new int[] {800, 700, 1100, 900}, true), NOW).eventId());
    }

    @Test
    void shouldRefuseABoxOutsideTheDetectResolutionAnUnknownCameraAndAFrameFromTheFuture() {
        assertRefused(FrigateFixtures.car("new", "1607124000.1-kq2x", "front_door", CAR_TIME, new int[] {800, 700, 1100, 1081}, false),
                Reason.BOX_OUTSIDE, "1920×1080");
        assertRefused(FrigateFixtures.car("new", "1607124000.1-kq2x", "front_door", CAR_TIME, new int[] {1100, 700, 800, 900}, false),
                Reason.BOX_OUTSIDE, "not inside");
        assertRefused(FrigateFixtures.car("new", "1607124000.1-kq2x", "back_yard", CAR_TIME, new int[] {800, 700, 1100, 900}, false),
                Reason.UNKNOWN_CAMERA, "back_yard");
        assertRefused(FrigateFixtures.car("new", "1607124000.1-kq2x", "front_door", CAR_TIME + 600, new int[] {800, 700, 1100, 900}, false),
                Reason.FUTURE_TIME, "NTP");
    }

    @Test
    void shouldDropTheEventsOfACameraTheTownListsButDoesNotWatch() throws FrigateRefusal {
        String garage = FrigateFixtures.car("new", "1607124000.1-kq2x", "garage", CAR_TIME, new int[] {10, 10, 600, 400}, false);

        assertThat(FrigateConverter.convert(FrigateFixtures.NVR, FrigateEventReader.read(bytes(garage)), NOW)).isEmpty();
    }

    private static void assertRefused(String message, Reason reason, String detail) {
        assertThatThrownBy(() -> convert(message, NOW)).isInstanceOfSatisfying(FrigateRefusal.class,
                refusal -> assertThat(refusal.reason()).isEqualTo(reason)).hasMessageContaining(detail);
    }
}
