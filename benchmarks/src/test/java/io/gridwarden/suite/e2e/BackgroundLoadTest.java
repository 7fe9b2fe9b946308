package io.gridwarden.suite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The end-to-end figure's background load")
class BackgroundLoadTest {

    private static final LatencyFigures.Percentiles SOME = LatencyFigures.Percentiles.of(List.of(260L, 300L));

    @Test
    @DisplayName("gives each slowest probe ingest's p99 in the second its warning could first go out (due + 250 ms)")
    void shouldGiveEachSlowProbeTheLoadsP99AtItsRelease() {
        var figures = new LatencyFigures(50_000, 3, 0, SOME, SOME, List.of(
                new LatencyFigures.Probe("late", "2026-12-07T09:00:01.800Z", 400L, 410L), // released at 02.050: the load's third second
                new LatencyFigures.Probe("early", "2026-12-07T09:00:00.100Z", 300L, 300L), // 00.350: its first
                new LatencyFigures.Probe("before", "2026-12-07T08:59:59.000Z", 290L, 290L), // 59.250: before the load began
                new LatencyFigures.Probe("after", "2026-12-07T09:00:09.000Z", 280L, 280L)), null); // 09.250: after its last second
        var load = new LatencyFigures.Background("2026-12-07T09:00:00Z", 50_000, 90, Arrays.asList(12.0, 15.0, 180.0, null));

        LatencyFigures with = figures.with(load);

        assertThat(with.background()).isEqualTo(load);
        assertThat(with.slowest()).extracting(LatencyFigures.Probe::backgroundAckP99Millis).containsExactly(180.0, 12.0, null, null);
        assertThat(with.slowest()).extracting(LatencyFigures.Probe::toDevice).containsExactly(410L, 300L, 290L, 280L);
        assertThat(load.toString()).contains("seconds=4").doesNotContain("180.0");
    }
}
