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

    @Test
    @DisplayName("name the slowest probes, missed first, with when each was due, at most ten")
    void shouldNameTheSlowestProbes() {
        List<String> tracks = LongStream.range(0, 15).mapToObj(i -> "t" + i).toList();
        java.util.Map<String, Long> due = new java.util.HashMap<>();
        java.util.Map<String, String> byViolation = new java.util.HashMap<>();
        java.util.Map<String, Long> warned = new java.util.HashMap<>();
        java.util.Map<String, Long> command = new java.util.HashMap<>();
        for (int i = 0; i < 15; i++) {
            due.put("t" + i, 1_000L * i);
            byViolation.put("v" + i, "t" + i);
            if (i != 3) { // t3 never came back
                warned.put("t" + i, 1_000L * i + 300 + i);
                command.put("v" + i, 1_000L * i + 400 + 10 * i);
            }
        }
        var figures = Sightings.figures(0, tracks, due, byViolation, warned, command);

        assertThat(figures.slowest()).hasSize(LatencyFigures.SLOWEST);
        assertThat(figures.slowest()).extracting(LatencyFigures.Probe::track).startsWith("t3", "t14", "t13", "t12");
        assertThat(figures.slowest().get(0).toDevice()).isNull();
        assertThat(figures.slowest().get(1)).isEqualTo(new LatencyFigures.Probe("t14", "1970-01-01T00:00:14Z", 314L, 540L));
    }
}
