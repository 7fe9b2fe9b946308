package io.gridwarden.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.town.Town;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoHeartbeatsTest {

    @Test
    void shouldBeatForEveryDemoCameraAndSensorOnceAMinuteSoNoneIsTakenForOffline() {
        Town demo = Town.demo();
        var beats = DemoTownSimulator.heartbeats(demo);

        assertThat(beats).containsOnlyKeys(Duration.ofSeconds(60));
        assertThat(beats.get(Duration.ofSeconds(60))).hasSize(demo.cameras().size() + demo.sensors().size())
                .contains("cam-0134", "wl-08").doesNotContain("off-51");
        assertThat(demo.offlineAfter("cam-0134")).hasValueSatisfying(after -> assertThat(after).isGreaterThan(Duration.ofSeconds(60)));
    }
}
