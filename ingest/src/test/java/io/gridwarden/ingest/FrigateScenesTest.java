package io.gridwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FrigateScenesTest {

    private static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");
    private final FrigateScenes scenes = new FrigateScenes(3);

    private static FrigateConverter.Sighting seen(String camera, String track, long second) {
        return new FrigateConverter.Sighting(camera, track + "/update/" + second, track, T0.plusSeconds(second),
                new DetectedObject(track, "car", 0.9, new Box(0.4, 0.6, 0.1, 0.1)), null);
    }

    private static FrigateConverter.Sighting ended(String camera, String track, long second) {
        return new FrigateConverter.Sighting(camera, track + "/end/" + second, track, T0.plusSeconds(second), null, null);
    }

    @Test
    void shouldShowEveryLiveObjectOfTheCameraInEachFrameUntilItsEnd() {
        scenes.apply(seen("cam-1", "a", 0));
        assertThat(scenes.apply(seen("cam-1", "b", 5)).objects()).extracting(DetectedObject::track).containsExactly("a", "b");
        assertThat(scenes.apply(seen("cam-2", "c", 6)).objects()).extracting(DetectedObject::track).containsExactly("c");
        assertThat(scenes.apply(seen("cam-1", "a", 10)).objects()).extracting(DetectedObject::track).containsExactly("b", "a");

        assertThat(scenes.apply(ended("cam-1", "b", 12)).objects()).extracting(DetectedObject::track).containsExactly("a");
        assertThat(scenes.apply(ended("cam-1", "a", 13)).objects()).as("nothing seen: how the jobs learn the last one left").isEmpty();
    }

    @Test
    void shouldLeaveOutAnObjectNotHeardOfForLongerThanFrigatePublishesEveryTrackedObject() {
        scenes.apply(seen("cam-1", "lost-in-a-restart", 0));
        scenes.apply(seen("cam-1", "parked", 60));

        FrigateScenes.Frame frame = scenes.apply(seen("cam-1", "passing", FrigateScenes.STALE_AFTER.toSeconds() + 1));

        assertThat(frame.objects()).extracting(DetectedObject::track).containsExactly("parked", "passing");
        assertThat(frame.dropped()).isEqualTo(1);
    }

    @Test
    void shouldDropTheObjectHeardOfLongestAgoWhenTheCameraIsFull() {
        scenes.apply(seen("cam-1", "a", 0));
        scenes.apply(seen("cam-1", "b", 1));
        scenes.apply(seen("cam-1", "c", 2));
        scenes.apply(seen("cam-1", "a", 3));

        FrigateScenes.Frame frame = scenes.apply(seen("cam-1", "d", 4));

        assertThat(frame.objects()).extracting(DetectedObject::track).containsExactly("c", "a", "d");
        assertThat(frame.dropped()).isEqualTo(1);
    }
}
