package io.gridwarden.jobs;

import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;
import static io.gridwarden.jobs.JobFixtures.TOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.jobs.detect.EventDecoder;
import io.gridwarden.jobs.sink.ActionLogSink;
import io.gridwarden.jobs.source.LogClockWatermarks;
import io.gridwarden.jobs.source.LogSource;
import io.gridwarden.log.rocksdb.LogSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's graph as built, before it runs: how its operators hand records on. */
class EnforcementJobTopologyTest {

    /** A cluster's defaults (Flink's own): the job must not take them. */
    private static final long DEPLOYMENT_TIMEOUT_MS = 100;
    private static final Duration DEPLOYMENT_WATERMARK_INTERVAL = Duration.ofMillis(200);

    @TempDir
    Path dir;

    private StreamExecutionEnvironment built() {
        Configuration config = new Configuration();
        config.set(ExecutionOptions.BUFFER_TIMEOUT, Duration.ofMillis(DEPLOYMENT_TIMEOUT_MS));
        config.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, DEPLOYMENT_WATERMARK_INTERVAL);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        EnforcementJob.build(env, new LogSource(LogSpec.of(dir.resolve("events"), 2)), new ActionLogSink(LogSpec.of(dir.resolve("actions"), 1)),
                TOWN, LogClockWatermarks.DEFAULT_MAX_DEVICE_DELAY, COMMAND_IDS);
        return env;
    }

    @Test
    @DisplayName("Records into and out of detection and the sensor rules go at once whatever the deployment's default; "
            + "assignment and device health wait up to 100 ms")
    void shouldRelaxOnlyTheEdgesNoVoiceWarningWaitsOn() {
        Map<String, Long> timeouts = built().getStreamGraph().getStreamNodes().stream()
                .collect(Collectors.toMap(StreamNode::getOperatorName, StreamNode::getBufferTimeout, (a, b) -> a));

        assertThat(timeouts).as("all operators: %s", timeouts).containsAllEntriesOf(Map.of(
                "decode-events", 0L, // frames and readings, watermarks with them
                "split-decoded", 0L, // town versions to every rule operator
                "camera-frames", 0L,
                "camera-notices", 0L,
                "sensor-readings", 0L,
                "detect-and-escalate", 0L, // each decision (and watermark) sent at once: a voice warning waits on no buffer
                "sensor-thresholds", 0L));
        for (String relaxed : List.of("devices-heard", "device-health", "town-versions-relaxed", "desk-requests", "desk-officers", "desk-acks",
                "desk-operations", "desk-back-online", "desk-zone-removed", "route-to-region", "assign-officer")) {
            assertThat(timeouts).as(relaxed).containsEntry(relaxed, EnforcementJob.RELAXED_BUFFER_TIMEOUT_MS);
        }
    }

    @Test
    @DisplayName("The decoder has four outgoing edges (frames, devices heard, readings, the rarer kinds): Flink copies "
            + "each record it emits once for every edge, whichever output the record is for")
    void shouldKeepTheDecodersEdgesFew() {
        StreamNode decoder = built().getStreamGraph().getStreamNodes().stream()
                .filter(node -> node.getOperatorName().equals("decode-events")).findFirst().orElseThrow();

        assertThat(decoder.getOutEdges()).extracting(edge -> edge.getOutputTag() == null ? "main" : edge.getOutputTag().getId())
                .containsExactlyInAnyOrder("main", "devices-heard", "sensor-readings", "decoded-others");
        assertThat(EventDecoder.OTHERS.getTypeInfo()).as("the rarer kinds' record, should it ever cross the network")
                .isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    @DisplayName("The source emits watermarks every 2 ms whatever the deployment's default: each decision waits on the next one")
    void shouldEmitWatermarksAtTheJobsOwnInterval() {
        assertThat(built().getConfig().getAutoWatermarkInterval()).isEqualTo(EnforcementJob.WATERMARK_INTERVAL.toMillis()).isEqualTo(2);
    }

    @Test
    @DisplayName("Chained operators hand each other the record itself (object reuse), not a serializer's copy")
    void shouldReuseObjectsBetweenChainedOperators() {
        assertThat(built().getConfig().isObjectReuseEnabled()).isTrue();
    }
}
