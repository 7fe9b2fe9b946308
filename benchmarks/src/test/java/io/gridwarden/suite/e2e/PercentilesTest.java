package io.gridwarden.suite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("End-to-end percentiles")
class PercentilesTest {

    @Test
    @DisplayName("use the nearest rank, so p99 of 100 samples is the 99th and p99.9 the largest")
    void shouldUseTheNearestRank() {
        var p = LatencyFigures.Percentiles.of(LongStream.rangeClosed(1, 100).boxed().toList());

        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.p999()).isEqualTo(100);
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    @DisplayName("are undefined, not zero, without samples")
    void shouldBeUndefinedWithoutSamples() {
        assertThat(LatencyFigures.Percentiles.of(List.of()).p50()).isNaN();
    }

    @Test
    @DisplayName("count a probe missed only when neither its action nor its command came back")
    void shouldCountMissedProbes() {
        var figures = Sightings.figures(0, List.of("a", "b", "c"), java.util.Map.of("a", 1000L, "b", 1000L, "c", 1000L),
                java.util.Map.of("v-a", "a", "v-b", "b"), java.util.Map.of("a", 3000L), java.util.Map.of("v-b", 3500L));

        assertThat(figures.missed()).isEqualTo(1);
        assertThat(figures.toActionLog().p50()).isEqualTo(2000);
        assertThat(figures.toDevice().p50()).isEqualTo(2500);
    }
}
