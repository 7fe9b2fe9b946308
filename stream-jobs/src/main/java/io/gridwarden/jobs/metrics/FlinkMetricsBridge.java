package io.gridwarden.jobs.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.Metric;

/**
 * The embedded job's Flink metrics on the process's own {@code /metrics}: Flink instantiates
 * {@link BridgeReporter} by reflection inside the MiniCluster, so what it is told lives here, in the
 * one JVM, and {@link #exportTo} makes a registry read it at every scrape. On a Flink cluster the job
 * manager and task managers export the same metrics with Flink's own Prometheus reporter instead
 * (see stream-jobs/README.md).
 *
 * <p>What is exported ({@link ExportedName}): the job's own counters (group {@code gridwarden}) as
 * {@code gridwarden_job_<name>}, and the job manager's per-job metrics (checkpoints, restarts) as
 * {@code gridwarden_flink_job_<name>}. Flink's hundreds of other per-task metrics stay out.
 */
public final class FlinkMetricsBridge {

    record Exported(ExportedName name, Metric metric) {}

    private static final Map<String, Exported> METRICS = new ConcurrentHashMap<>();

    private FlinkMetricsBridge() {}

    /** Makes {@code registry} scrape the job's metrics from now on. */
    public static void exportTo(PrometheusRegistry registry) {
        registry.register((MultiCollector) FlinkMetricsBridge::collect);
    }

    static void added(String id, ExportedName name, Metric metric) {
        METRICS.put(id, new Exported(name, metric));
    }

    static void removed(String id) {
        METRICS.remove(id);
    }

    static MetricSnapshots collect() {
        Map<String, List<Exported>> byName = new TreeMap<>();
        for (Exported e : METRICS.values()) {
            byName.computeIfAbsent(e.name().name(), n -> new ArrayList<>()).add(e);
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        byName.forEach((name, series) -> {
            MetricSnapshot snapshot = snapshot(name, series);
            if (snapshot != null) {
                snapshots.add(snapshot);
            }
        });
        return new MetricSnapshots(snapshots);
    }

    private static MetricSnapshot snapshot(String name, List<Exported> series) {
        if (series.get(0).metric() instanceof Counter) {
            var counter = CounterSnapshot.builder().name(name).help("Flink counter " + name);
            for (Exported e : series) {
                if (e.metric() instanceof Counter c) {
                    counter.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(c.getCount())
                            .labels(Labels.of(e.name().labelNames(), e.name().labelValues())).build());
                }
            }
            return counter.build();
        }
        var gauge = GaugeSnapshot.builder().name(name).help("Flink gauge " + name);
        boolean any = false;
        for (Exported e : series) {
            Double value = numeric(e.metric());
            if (value != null) {
                gauge.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value)
                        .labels(Labels.of(e.name().labelNames(), e.name().labelValues())).build());
                any = true;
            }
        }
        return any ? gauge.build() : null;
    }

    private static Double numeric(Metric metric) {
        if (metric instanceof Gauge<?> g && g.getValue() instanceof Number n) {
            return n.doubleValue();
        }
        if (metric instanceof Meter m) {
            return m.getRate();
        }
        return null;
    }
}
