package io.gridwarden.common.log;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The logs' Prometheus metrics, one set per registry for every log of the process, told apart by the
 * {@code log} label: group commit sizes and fsync times, end and acknowledged offsets, lag, records swept.
 * A log works the same without it (tests, tools); the launcher {@link #track}s the logs it opens.
 */
public final class LogMetrics {

    private record Tracked(String name, RecordLog log) {}

    private final List<Tracked> tracked = new CopyOnWriteArrayList<>();
    private final Histogram batchSize;
    private final Histogram fsync;
    private final Counter swept;

    public LogMetrics(PrometheusRegistry registry) {
        batchSize = Histogram.builder().name("gridwarden_log_group_commit_batch_size")
                .help("Appends (requests) made durable by one fsync").labelNames("log")
                .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256, 512).register(registry);
        fsync = Histogram.builder().name("gridwarden_log_fsync_seconds").unit(Unit.SECONDS)
                .help("Time of one synced write of a group commit").labelNames("log")
                .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1).register(registry);
        swept = Counter.builder().name("gridwarden_log_swept_records_total")
                .help("Records deleted because they were older than the retention and acknowledged").labelNames("log")
                .register(registry);
        GaugeWithCallback.builder().name("gridwarden_log_end_offset")
                .help("The offset the next record of a partition will get").labelNames("log", "partition")
                .callback(gauge -> forEachPartition((t, p) -> gauge.call(t.log.endOffset(p), t.name, Integer.toString(p))))
                .register(registry);
        GaugeWithCallback.builder().name("gridwarden_log_acknowledged_offset")
                .help("The offset below which the consumer (the stream jobs' checkpoints) is done with a partition")
                .labelNames("log", "partition")
                .callback(gauge -> forEachPartition((t, p) -> gauge.call(t.log.acknowledged(p), t.name, Integer.toString(p))))
                .register(registry);
        GaugeWithCallback.builder().name("gridwarden_log_lag_events")
                .help("Records appended to a partition but not yet acknowledged by its consumer").labelNames("log", "partition")
                .callback(gauge -> forEachPartition((t, p) -> gauge.call(t.log.lag(p), t.name, Integer.toString(p))))
                .register(registry);
    }

    /** Reports {@code log}'s offsets, lag and work under {@code log="name"}. */
    public void track(String name, RecordLog log) {
        tracked.add(new Tracked(name, log));
        DistributionDataPoint sizes = batchSize.labelValues(name);
        DistributionDataPoint fsyncs = fsync.labelValues(name);
        var sweptHere = swept.labelValues(name);
        log.observe(new LogObserver() {
            @Override
            public void committed(int appends, int records, long fsyncNanos) {
                sizes.observe(appends);
                fsyncs.observe(fsyncNanos / 1e9);
            }

            @Override
            public void swept(long records) {
                sweptHere.inc(records);
            }
        });
    }

    private interface PartitionVisitor {
        void visit(Tracked tracked, int partition);
    }

    private void forEachPartition(PartitionVisitor visitor) {
        for (Tracked t : tracked) {
            for (int p = 0; p < t.log.partitions(); p++) {
                visitor.visit(t, p);
            }
        }
    }
}
