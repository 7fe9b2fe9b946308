package io.gridwarden.jobs.town;

import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.TOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.jobs.model.TownVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which town applies at an instant: the starting one, then each version from its own time. */
class TownTimelineTest {

    private static String renamed(String name) throws IOException {
        try (InputStream in = TownTimelineTest.class.getClassLoader().getResourceAsStream("towns/test-town.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("name: stream-jobs-test", "name: " + name);
        }
    }

    @Test
    void shouldApplyEachVersionFromItsOwnTimeWhateverOrderTheyArriveIn() throws IOException {
        TownTimeline timeline = new TownTimeline(TOWN);
        timeline.learn(new TownVersion(2, T0 + 2_000, "sha256:b", renamed("second"), "a"));
        timeline.learn(new TownVersion(1, T0 + 1_000, "sha256:a", renamed("first"), "a"));

        assertThat(timeline.at(T0).name()).isEqualTo("stream-jobs-test");
        assertThat(timeline.at(T0 + 1_000).name()).isEqualTo("first");
        assertThat(timeline.at(T0 + 1_999).name()).isEqualTo("first");
        assertThat(timeline.at(T0 + 5_000).name()).isEqualTo("second");
        assertThat(timeline.versionAt(T0 + 5_000)).isEqualTo(2);
    }

    @Test
    void shouldForgetOnlyVersionsTheWatermarkHasLeftBehind() throws IOException {
        TownTimeline timeline = new TownTimeline(TOWN);
        timeline.learn(new TownVersion(1, T0 + 1_000, "sha256:a", renamed("first"), "a"));
        timeline.learn(new TownVersion(2, T0 + 2_000, "sha256:b", renamed("second"), "a"));

        assertThat(timeline.prunable(T0 + 1_500)).isEmpty();
        assertThat(timeline.prunable(T0 + 2_000)).containsExactly(1L);
    }

    @Test
    void shouldKeepTheTownBeforeWhenAVersionCannotBeParsedHere() throws IOException {
        TownTimeline timeline = new TownTimeline(TOWN);
        timeline.learn(new TownVersion(1, T0 + 1_000, "sha256:a", renamed("first"), "a"));
        timeline.learn(new TownVersion(2, T0 + 2_000, "sha256:b", "name: [broken", "a"));

        assertThat(timeline.at(T0 + 3_000).name()).isEqualTo("first");
    }
}
