package io.gridwarden.jobs.metrics;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/** Named in the embedded job's configuration ({@code metrics.reporter.gridwarden.factory.class}). */
public final class BridgeReporterFactory implements MetricReporterFactory {

    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new BridgeReporter();
    }
}
