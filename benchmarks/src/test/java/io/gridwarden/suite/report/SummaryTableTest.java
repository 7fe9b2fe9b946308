package io.gridwarden.suite.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The summary table")
class SummaryTableTest {

    @Test
    @DisplayName("shows each figure with its unit, the peer's, and gridwarden ÷ peer")
    void shouldShowFiguresAndTheirRatio() {
        Row row = new Row("Durable log", "appends", 50_700, false, "Kafka", 4_400, false, "events/s", true, "");

        String md = SummaryTable.markdown(List.of(row));

        assertThat(md).contains("| Durable log | appends | 50,700 events/s | Kafka | 4,400 events/s | 11.52× |  |");
    }

    @Test
    @DisplayName("marks a figure that reached the top offered rate with ≥ and its ratio as a bound")
    void shouldMarkFiguresBoundedByTheLoadOffered() {
        Row peerAtTop = new Row("HTTP", "held", 5_000, false, "nginx", 20_000, true, "events/s", true, "");
        Row bothAtTop = new Row("HTTP", "held", 20_000, true, "nginx", 20_000, true, "events/s", true, "");

        assertThat(SummaryTable.markdown(List.of(peerAtTop))).contains("| ≥ 20,000 events/s | 0.25× (at most) |");
        assertThat(SummaryTable.markdown(List.of(bothAtTop))).contains("| 1.00× (both at the top rate) |");
    }

    @Test
    @DisplayName("writes small latencies with two decimals, a missing figure and an undefined ratio as a dash")
    void shouldFormatSmallAndMissingValues() {
        assertThat(SummaryTable.value(1.054, false, "ms")).isEqualTo("1.05 ms");
        assertThat(SummaryTable.value(Double.NaN, false, "ms")).isEqualTo("—");
        assertThat(SummaryTable.ratio(new Row("s", "f", 3, false, "p", 0, false, "ms", false, ""))).isEqualTo("—");
    }

    @Test
    @DisplayName("escapes a pipe in a note so the table keeps its columns")
    void shouldEscapePipesInNotes() {
        Row row = new Row("s", "f", 1, false, "p", 1, false, "ms", false, "a|b");

        assertThat(SummaryTable.markdown(List.of(row))).contains("a\\|b");
    }
}
