package io.gridwarden.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.suite.report.RatePoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The interleaved ramp")
class InterleavedRampTest {

    /** A fake system that holds rates up to its ceiling and records when it was called. */
    private record Fake(String name, int ceiling, List<String> calls) implements InterleavedRamp.Target {
        @Override
        public RatePoint at(int rate, Duration warmup, Duration duration) {
            calls.add(name + "@" + rate);
            double p99 = rate <= ceiling ? 10 : 1000;
            return new RatePoint(name, rate, rate, 1, p99, p99, 0, Map.of(), List.of(p99));
        }

        @Override
        public void retire() {
            calls.add(name + " retired");
        }
    }

    @Test
    @DisplayName("alternates the systems at each rate, and retires a system once it failed two rates in a row")
    void shouldInterleaveAndStopASystemThatFailed() throws Exception {
        List<String> calls = new ArrayList<>();
        var timing = new InterleavedRamp.Timing(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO);

        var outcome = InterleavedRamp.run(List.of(new Fake("a", 10, calls), new Fake("b", 100, calls)), List.of(10, 20, 30, 40), 2, 100, timing);

        assertThat(calls).containsExactly("a@10", "b@10", "a@10", "b@10", "a@20", "b@20", "a@20", "b@20", "a@30", "b@30", "a@30", "b@30",
                "a retired", "b@40", "b@40");
        assertThat(outcome.medians()).hasSize(7);
        assertThat(outcome.rounds()).hasSize(14);
    }

    @Test
    @DisplayName("puts two ramps' figures together, the earlier first")
    void shouldJoinTheOutcomesOfTwoRamps() throws Exception {
        List<String> calls = new ArrayList<>();
        var timing = new InterleavedRamp.Timing(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO);
        var first = InterleavedRamp.run(List.of(new Fake("alone", 100, calls), new Fake("peer", 100, calls)), List.of(10, 20), 1, 100, timing);
        var second = InterleavedRamp.run(List.of(new Fake("whole", 10, calls)), List.of(10, 20), 1, 100, timing);

        var both = first.plus(second);

        assertThat(both.medians()).extracting(RatePoint::system).containsExactly("alone", "peer", "alone", "peer", "whole", "whole");
        assertThat(both.rounds()).hasSize(first.rounds().size() + second.rounds().size());
        assertThat(calls).endsWith("whole@10", "whole@20");
    }

    @Test
    @DisplayName("takes each figure's median over the rounds, the seconds of the round whose p99 is the median, the reasons of the median failures")
    void shouldTakeTheMedianOfEachFigure() {
        var median = InterleavedRamp.median(List.of(new RatePoint("a", 10, 9, 1, 50, 60, 0, Map.of(), List.of(5.0, 50.0)),
                new RatePoint("a", 10, 10, 3, 10, 20, 2, Map.of("503", 2L), List.of(10.0, 9.0)),
                new RatePoint("a", 10, 8, 2, 30, 40, 1, Map.of("TimeoutException", 1L), List.of(30.0, 29.0))));

        assertThat(median).isEqualTo(new RatePoint("a", 10, 9, 2, 30, 40, 1, Map.of("TimeoutException", 1L), List.of(30.0, 29.0)));
    }
}
