package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.parkedCar;
import static io.gridwarden.jobs.JobFixtures.parkingRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.jobs.model.TrackState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DwellTrackerTest {

    private final DwellTracker tracker = new DwellTracker(Duration.ofSeconds(15));

    @Test
    void shouldCountAWatchedLabelStandingInTheZone() {
        assertThat(DwellTracker.standsIn(parkingRule(), parkedCar("t-1"))).isTrue();
    }

    @Test
    void shouldUseTheBottomCentreOfTheBox() {
        // the box starts above the zone line (y 0.3) but its bottom (0.3 + 0.25) stands inside
        var straddling = new DetectedObject("t-1", "car", 0.9, new Box(0.4, 0.3, 0.2, 0.25));
        var above = new DetectedObject("t-2", "car", 0.9, new Box(0.4, 0.1, 0.2, 0.3));
        assertThat(DwellTracker.standsIn(parkingRule(), straddling)).isTrue();
        assertThat(DwellTracker.standsIn(parkingRule(), above)).isFalse();
    }

    @Test
    void shouldIgnoreOtherLabelsAndLowConfidence() {
        var person = new DetectedObject("t-1", "person", 0.9, new Box(0.4, 0.6, 0.2, 0.2));
        var unsure = new DetectedObject("t-2", "car", 0.59, new Box(0.4, 0.6, 0.2, 0.2));
        assertThat(DwellTracker.standsIn(parkingRule(), person)).isFalse();
        assertThat(DwellTracker.standsIn(parkingRule(), unsure)).isFalse();
    }

    @Test
    void shouldKeepFirstSeenAcrossFrames() {
        TrackState first = tracker.seen(null, parkingRule(), parkedCar("t-1"), T0, "a.jpg");
        TrackState later = tracker.seen(first, parkingRule(), parkedCar("t-1"), T0 + 5_000, "b.jpg");
        assertThat(later.firstSeen()).isEqualTo(T0);
        assertThat(later.lastSeen()).isEqualTo(T0 + 5_000);
        assertThat(later.snapshot()).isEqualTo("b.jpg");
    }

    @Test
    void shouldTolerateFlickerShorterThanTheAbsenceTimeout() {
        TrackState seen = tracker.seen(null, parkingRule(), parkedCar("t-1"), T0, null);
        TrackState missed = tracker.missed(seen, T0 + 1_000);
        assertThat(tracker.gone(missed, T0 + 14_999)).isFalse();
        TrackState back = tracker.seen(missed, parkingRule(), parkedCar("t-1"), T0 + 2_000, null);
        assertThat(tracker.gone(back, T0 + 60_000)).isFalse();
    }

    @Test
    void shouldBeGoneWhenFramesMissItForTheAbsenceTimeout() {
        TrackState seen = tracker.seen(null, parkingRule(), parkedCar("t-1"), T0, null);
        TrackState missed = tracker.missed(seen, T0 + 1_000);
        assertThat(tracker.gone(missed, T0 + 15_000)).isTrue();
    }

    @Test
    void shouldNotCallAnObjectGoneWhenTheCameraSaysNothing() {
        TrackState seen = tracker.seen(null, parkingRule(), parkedCar("t-1"), T0, null);
        assertThat(tracker.gone(seen, T0 + 3_600_000)).isFalse();
    }
}
