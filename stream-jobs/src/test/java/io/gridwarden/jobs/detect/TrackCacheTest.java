package io.gridwarden.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.jobs.model.TrackState;
import org.junit.jupiter.api.Test;

/** The cache keeps about its capacity in tracks, drops the cameras used longest ago, and never the one in use. */
class TrackCacheTest {

    private final TrackCache cache = new TrackCache(4);

    @Test
    void shouldDropTheCamerasUsedLongestAgoBeyondItsCapacity() {
        cache.put("cam-a", tracks(2));
        cache.put("cam-b", tracks(1));
        cache.get("cam-a"); // a is now the more recent
        cache.put("cam-c", tracks(2));

        assertThat(cache.get("cam-b")).isNull();
        assertThat(cache.get("cam-a")).isNotNull();
        assertThat(cache.get("cam-c")).isNotNull();
    }

    @Test
    void shouldKeepTheCameraInUseEvenWhenItAloneExceedsTheCapacity() {
        cache.put("cam-a", tracks(1));
        CameraTracks busy = tracks(1);
        cache.put("cam-b", busy);
        add(busy, 9);
        cache.used("cam-b");

        assertThat(cache.get("cam-a")).isNull();
        assertThat(cache.get("cam-b")).isSameAs(busy);
    }

    @Test
    void shouldCountACameraWithoutTracksAsOne() {
        for (int i = 0; i < 6; i++) {
            cache.put("cam-" + i, tracks(0));
        }
        assertThat(cache.cameras()).isEqualTo(4);
    }

    @Test
    void shouldRefuseACapacityBelowOne() {
        assertThatThrownBy(() -> new TrackCache(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    }

    private static CameraTracks tracks(int count) {
        CameraTracks tracks = new CameraTracks();
        add(tracks, count);
        return tracks;
    }

    private static void add(CameraTracks tracks, int count) {
        for (int i = 0; i < count; i++) {
            String id = "t-" + tracks.size();
            tracks.put(TrackState.key("z", id), new TrackState("z", id, "car", 0, 0, TrackState.NOT_MISSING, null, null),
                    TimeIndex.NEVER, TimeIndex.NEVER);
        }
    }
}
