package io.gridwarden.log.rocksdb;

import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogMetrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.metrics.PrometheusText;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogMetricsTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("Two logs on one registry report commits, offsets and lag under their own names")
    void shouldReportEachTrackedLog() {
        var registry = new PrometheusRegistry();
        var metrics = new LogMetrics(registry);
        try (RocksRecordLog events = RocksRecordLog.open(LogSpec.of(dir.resolve("events"), 2));
             RocksRecordLog actions = RocksRecordLog.open(LogSpec.of(dir.resolve("actions"), 1))) {
            metrics.track("events", events);
            metrics.track("actions", actions);
            events.append(List.of(new LogEntry("cam-1", "a", "x".getBytes(StandardCharsets.UTF_8)),
                    new LogEntry("cam-1", "b", "y".getBytes(StandardCharsets.UTF_8)))).join();
            int partition = events.partitionOf("cam-1");
            events.acknowledge(partition, 1);

            String text = new String(PrometheusText.scrape(registry), StandardCharsets.UTF_8);

            assertThat(text).contains("gridwarden_log_group_commit_batch_size_count{log=\"events\"} 1")
                    .contains("gridwarden_log_fsync_seconds_count{log=\"events\"} 1")
                    .contains("gridwarden_log_lag_events{log=\"events\",partition=\"" + partition + "\"} 1")
                    .contains("gridwarden_log_end_offset{log=\"events\",partition=\"" + partition + "\"} 2")
                    .contains("gridwarden_log_end_offset{log=\"actions\",partition=\"0\"} 0");
        }
    }
}
