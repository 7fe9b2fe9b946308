package io.gridwarden.jobs;

import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;
import static io.gridwarden.jobs.JobFixtures.TOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.jobs.sink.ActionLogSink;
import io.gridwarden.jobs.source.LogClockWatermarks;
import io.gridwarden.jobs.source.LogSource;
import io.gridwarden.log.rocksdb.LogSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's graph as built, before it runs: how its operators hand records on. */
class EnforcementJobTopologyTest {

    private static final long DEPLOYMENT_TIMEOUT_MS = 10;

    @TempDir
    Path dir;

    private StreamExecutionEnvironment built() {
        Configuration config = new Configuration();
        config.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(DEPLOYMENT_TIMEOUT_MS));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        EnforcementJob.build(env, new LogSource(LogSpec.of(dir.resolve("events"), 2)), new ActionLogSink(LogSpec.of(dir.resolve("actions"), 1)),
                TOWN, LogClockWatermarks.DEFAULT_MAX_DEVICE_DELAY, COMMAND_IDS);
        return env;
    }

    @Test
    @DisplayName("Edges into detection and the sensor rules keep the deployment's buffer timeout, their decisions go at once; "
            + "assignment and device health wait up to 100 ms")
    void shouldRelaxOnlyTheEdgesNoVoiceWarningWaitsOn() {
        Map<String, Long> timeouts = built().getStreamGraph().getStreamNodes().stream()
                .collect(Collectors.toMap(StreamNode::getOperatorName, StreamNode::getBufferTimeout, (a, b) -> a));

        assertThat(timeouts).as("all operators: %s", timeouts).containsAllEntriesOf(Map.of(
                "decode-events", DEPLOYMENT_TIMEOUT_MS, // town versions to every rule operator, watermarks with them
                "camera-frames", DEPLOYMENT_TIMEOUT_MS,
                "camera-notices", DEPLOYMENT_TIMEOUT_MS,
                "sensor-readings", DEPLOYMENT_TIMEOUT_MS,
                "detect-and-escalate", 0L, // each decision (and watermark) sent at once: a voice warning waits on no buffer
                "sensor-thresholds", 0L));
        for (String relaxed : List.of("devices-heard", "device-health", "town-versions-relaxed", "desk-requests", "desk-officers", "desk-acks",
                "desk-operations", "desk-back-online", "desk-zone-removed", "route-to-region", "assign-officer")) {
            assertThat(timeouts).as(relaxed).containsEntry(relaxed, EnforcementJob.RELAXED_BUFFER_TIMEOUT_MS);
        }
    }

    @Test
    @DisplayName("Chained operators hand each other the record itself (object reuse), not a serializer's copy")
    void shouldReuseObjectsBetweenChainedOperators() {
        assertThat(built().getConfig().isObjectReuseEnabled()).isTrue();
    }
}
