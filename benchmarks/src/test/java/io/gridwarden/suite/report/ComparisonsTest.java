package io.gridwarden.suite.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.suite.e2e.LatencyFigures;
import io.gridwarden.suite.log.ClosedLoopAppends;
import io.gridwarden.suite.rules.RuleComparison;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Comparisons of gridwarden with its peers")
class ComparisonsTest {

    private static RatePoint point(String system, int rate, double acked, double p99, long failed) {
        return new RatePoint(system, rate, acked, p99 / 4, p99, p99, failed, failed == 0 ? Map.of() : Map.of("503", failed), List.of());
    }

    @Test
    @DisplayName("take the highest rate held: all acknowledged, 95% of the offered rate, p99 within the bound")
    void shouldTakeTheHighestRateHeld() {
        List<RatePoint> medians = List.of(point("gw", 5000, 5000, 40, 0), point("gw", 10000, 9990, 90, 0), point("gw", 20000, 15000, 900, 0),
                point("peer", 5000, 5000, 5, 0), point("peer", 10000, 10000, 5, 3));

        assertThat(Comparisons.held(medians, "gw", 100)).isEqualTo(10000);
        assertThat(Comparisons.held(medians, "peer", 100)).isEqualTo(5000);
        assertThat(Comparisons.held(medians, "absent", 100)).isZero();
    }

    @Test
    @DisplayName("stop at the first rate missed: a higher rate held after it is noise around the ceiling")
    void shouldStopAtTheFirstRateMissed() {
        List<RatePoint> medians = List.of(point("gw", 40000, 40000, 5, 0), point("gw", 400000, 400000, 90, 0),
                point("gw", 300000, 300000, 160, 0), point("gw", 200000, 200000, 20, 0),
                point("late", 5000, 5000, 150, 0), point("late", 10000, 10000, 50, 0));

        assertThat(Comparisons.held(medians, "gw", 100)).isEqualTo(200000);
        assertThat(Comparisons.held(medians, "late", 100)).isZero();
    }

    @Test
    @DisplayName("compare latency at the highest rate both held, and flag a system that held the top rate offered")
    void shouldCompareLatencyWhereBothHeld() {
        List<RatePoint> medians = List.of(point("gw", 5000, 5000, 40, 0), point("gw", 20000, 15000, 900, 0),
                point("peer", 5000, 5000, 8, 0), point("peer", 20000, 20000, 10, 0));

        List<Row> rows = Comparisons.rates("HTTP", medians, "gw", List.of("peer", "not-run"), 100);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).ours()).isEqualTo(5000);
        assertThat(rows.get(0).peerAtLeast()).isTrue();
        assertThat(rows.get(2).figure()).isEqualTo("p99 ack latency at 5,000 events/s");
        assertThat(rows.get(2).ratio()).isEqualTo(5.0);
    }

    @Test
    @DisplayName("say a system held none of the rates rather than show 0 events/s as if measured")
    void shouldSayNoneHeldRatherThanZero() {
        List<RatePoint> medians = List.of(point("gw", 40000, 40000, 182, 0), point("gw", 60000, 60000, 171, 0),
                point("peer", 40000, 40000, 5, 0), point("peer", 60000, 60000, 6, 0));

        Row held = Comparisons.rates("HTTP", medians, "gw", List.of("peer"), 100).get(0);

        assertThat(held.ours()).isNaN();
        assertThat(held.peerValue()).isEqualTo(60000);
        assertThat(held.note()).isEqualTo("gridwarden held none of the rates offered 40,000 to 60,000");
        assertThat(SummaryTable.markdown(List.of(held))).contains("| — | peer | ≥ 60,000 events/s | — |");
    }

    @Test
    @DisplayName("give gridwarden's own figures when no peer ran beside it (--peers none)")
    void shouldGiveGridwardensFiguresWithoutPeers() {
        List<RatePoint> medians = List.of(point("gw", 5000, 5000, 40, 0), point("gw", 10000, 10000, 60, 0), point("gw", 20000, 20000, 300, 0));

        List<Row> rows = Comparisons.rates("HTTP", medians, "gw", List.of("peer"), 100);

        assertThat(rows).extracting(Row::figure).containsExactly("events/s held (p99 ≤ 100 ms)", "p50 ack latency at 10,000 events/s",
                "p99 ack latency at 10,000 events/s");
        assertThat(rows).extracting(Row::ours).containsExactly(10000.0, 15.0, 60.0);
        assertThat(rows).allSatisfy(r -> assertThat(r.ratio()).isNaN());
        assertThat(SummaryTable.markdown(rows)).contains("| HTTP | events/s held (p99 ≤ 100 ms) | 10,000 events/s | none run (--peers) | — | — |");
        assertThat(Comparisons.rates("HTTP", List.of(), "gw", List.of("peer"), 100)).as("gridwarden not run either").isEmpty();
    }

    @Test
    @DisplayName("take the median of the rounds for the durable log, per concurrency")
    void shouldTakeTheMedianRoundOfTheLog() {
        List<ClosedLoopAppends.Figures> figures = List.of(
                new ClosedLoopAppends.Figures("rocks", 8, 100, 100, 1, 10, 0), new ClosedLoopAppends.Figures("rocks", 8, 100, 300, 1, 30, 0),
                new ClosedLoopAppends.Figures("rocks", 8, 100, 200, 1, 20, 0), new ClosedLoopAppends.Figures("kafka", 8, 100, 50, 1, 40, 0));

        List<Row> rows = Comparisons.log(figures, "rocks", "kafka");

        assertThat(rows.get(0).ours()).isEqualTo(200);
        assertThat(rows.get(0).ratio()).isEqualTo(4.0);
        assertThat(rows.get(1).ours()).isEqualTo(20);
    }

    @Test
    @DisplayName("say loudly when the rule engines disagree on the violations")
    void shouldFlagRuleEnginesThatDisagree() {
        var rows = Comparisons.rules(List.of(new RuleComparison.Figures("ours", 10, 1000, 5), new RuleComparison.Figures("esper", 10, 500, 6)));

        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.ratio()).isEqualTo(2.0);
            assertThat(r.note()).startsWith("DISAGREE");
        });
    }

    @Test
    @DisplayName("set end-to-end latency against the watermark's design floor")
    void shouldSetEndToEndAgainstTheDesignFloor() {
        var p = LatencyFigures.Percentiles.of(List.of(300L, 312L, 400L));
        var rows = Comparisons.endToEnd(List.of(new LatencyFigures(5000, 3, 0, p, p)));

        assertThat(rows).hasSize(5).allSatisfy(r -> assertThat(r.peerValue()).isEqualTo(Comparisons.WATERMARK_FLOOR_MILLIS));
        assertThat(Comparisons.WATERMARK_FLOOR_MILLIS).isEqualTo(250);
        assertThat(rows.get(0).ratio()).isEqualTo(1.248);
    }

    @Test
    @DisplayName("count the probes that reached the action log and the device apart when they differ")
    void shouldCountEachStagesProbes() {
        var log = LatencyFigures.Percentiles.of(List.of(300L, 312L, 400L));
        var device = LatencyFigures.Percentiles.of(List.of(310L));

        var rows = Comparisons.endToEnd(List.of(new LatencyFigures(100000, 5, 2, log, device)));

        assertThat(rows.get(0).note()).isEqualTo("3/5 probes in the action log, 1 at the device");
    }
}
