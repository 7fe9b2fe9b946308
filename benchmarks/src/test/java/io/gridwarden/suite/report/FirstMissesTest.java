package io.gridwarden.suite.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Where each system stopped holding")
class FirstMissesTest {

    private static RatePoint round(String system, int rate, double p99, Double... seconds) {
        return new RatePoint(system, rate, rate, 1, p99, p99, 0, Map.of(), Arrays.asList(seconds));
    }

    @Test
    @DisplayName("show each round at the first rate missed, with the seconds over the bound, slowest first")
    void shouldShowTheRoundsAtTheFirstRateMissed() {
        List<RatePoint> rounds = List.of(round("gw", 100, 20, 10.0, 20.0), round("gw", 100, 30, 30.0, 12.0),
                round("gw", 200, 351, 20.0, 812.0, null, 140.0, 130.0, 15.0), round("gw", 200, 16, 16.0, 9.0),
                round("gw", 300, 900, 900.0, 900.0), round("gw", 300, 950, 950.0, 950.0),
                round("peer", 100, 2, 2.0), round("peer", 200, 3, 3.0));
        List<RatePoint> medians = List.of(round("gw", 100, 30), round("gw", 200, 351), round("gw", 300, 950), round("peer", 100, 2),
                round("peer", 200, 3));

        String md = FirstMisses.markdown(100, new FirstMisses.Ramp("MQTT", medians, rounds));

        assertThat(md.lines().toList()).hasSize(4); // header, rule, the two rounds at 200: not 300, not the peer
        assertThat(md).contains("| MQTT | gw | 200 | 1 | 351 | 4 of 6 | s3: no answer, s2: 812, s4: 140 … | 0 | 100 % |")
                .contains("| MQTT | gw | 200 | 2 | 16 | 0 of 2 | — | 0 | 100 % |").contains("Seconds over 100 ms")
                .doesNotContain("| 300 |").doesNotContain("peer");
    }

    @Test
    @DisplayName("say nothing when every system held every rate offered")
    void shouldSayNothingWhenNothingWasMissed() {
        List<RatePoint> points = List.of(round("gw", 100, 20, 20.0), round("peer", 100, 2, 2.0));

        assertThat(FirstMisses.markdown(100, new FirstMisses.Ramp("HTTP", points, points))).isEmpty();
    }

    @Test
    @DisplayName("take a rate missed by failures or a short rate, not only by latency, and say why batches failed")
    void shouldCountFailuresAndShortRatesAsMisses() {
        RatePoint failing = new RatePoint("gw", 100, 100, 1, 20, 20, 6,
                Map.of("503", 1L, "HttpClosedException: Connection was closed", 2L, "VertxException: a|b", 3L), List.of(20.0));
        RatePoint short_ = new RatePoint("slow", 100, 50, 1, 20, 20, 0, Map.of(), List.of(20.0));

        String md = FirstMisses.markdown(100, new FirstMisses.Ramp("HTTP", List.of(failing, short_), List.of(failing, short_)));

        assertThat(md).contains("| HTTP | gw | 100 | 1 | 20 | 0 of 1 | — | 6 (VertxException: a\\|b ×3, HttpClosedException: Connection was closed ×2, …) | 100 % |").contains("| HTTP | slow | 100 | 1 | 20 | 0 of 1 | — | 0 | 50 % |");
    }
}
