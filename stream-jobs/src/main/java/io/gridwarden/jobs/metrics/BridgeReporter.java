package io.gridwarden.jobs.metrics;

import org.apache.flink.metrics.LogicalScopeProvider;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;

/** The Flink reporter behind {@link FlinkMetricsBridge}: keeps what it is told for the process's registry to scrape. */
public final class BridgeReporter implements MetricReporter {

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String metricName, MetricGroup group) {
        ExportedName.of(metricName, LogicalScopeProvider.castFrom(group).getLogicalScope(c -> c, '.'), group.getAllVariables())
                .ifPresent(name -> FlinkMetricsBridge.added(id(metricName, group), name, metric));
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String metricName, MetricGroup group) {
        FlinkMetricsBridge.removed(id(metricName, group));
    }

    private static String id(String metricName, MetricGroup group) {
        return group.getMetricIdentifier(metricName);
    }
}
