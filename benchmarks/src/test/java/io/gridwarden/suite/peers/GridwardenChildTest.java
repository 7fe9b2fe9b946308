package io.gridwarden.suite.peers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("gridwarden as the suite starts it")
class GridwardenChildTest {

    @Test
    @DisplayName("start ingest alone without the lag bound, which nothing would ever drain")
    void shouldStartIngestAloneWithoutALagBound() {
        assertThat(GridwardenChild.ingestAloneArgs(List.of("--device-rate=1000000")))
                .containsExactly("--device-rate=1000000", GridwardenChild.INGEST_ONLY, "--max-lag-events=" + Long.MAX_VALUE);
    }

    @Test
    @DisplayName("keep a lag bound the suite was given, rather than set it twice")
    void shouldKeepALagBoundGiven() {
        assertThat(GridwardenChild.ingestAloneArgs(List.of("--max-lag-events=1000")))
                .containsExactly("--max-lag-events=1000", GridwardenChild.INGEST_ONLY);
    }

    @Test
    @DisplayName("run it with the collector settings ./gridwarden runs it with")
    void shouldUseTheCollectorSettingsOfTheLaunchScript() throws IOException {
        List<String> script = Files.readAllLines(Path.of("..", "scripts", "java-options")).stream()
                .filter(line -> !line.startsWith("#")).flatMap(line -> Arrays.stream(line.trim().split("\\s+"))).toList();

        assertThat(GridwardenChild.GC_OPTIONS).isEqualTo(script);
    }
}
