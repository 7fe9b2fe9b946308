package io.gridwarden.jobs.metrics;

import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Prometheus name and labels a Flink metric is exported under, or none: a pure mapping from what
 * Flink tells a reporter (the metric's name, its group's logical scope and variables).
 *
 * @param name        the Prometheus metric name
 * @param labelNames  label names, sorted
 * @param labelValues the values, in the same order
 */
public record ExportedName(String name, List<String> labelNames, List<String> labelValues) {

    /** The group the job's own metrics are registered under ({@code getMetricGroup().addGroup(GROUP)}). */
    public static final String GROUP = "gridwarden";

    /** Flink's variables that become labels; job and task ids and host names stay out (they change on every restart). */
    private static final Set<String> LABELS = Set.of("job_name", "operator_name", "subtask_index", "category", "status", "type");

    /**
     * @param metricName   the metric's own name, e.g. {@code badRecords}
     * @param logicalScope the group's logical scope joined by '.', e.g. {@code taskmanager.job.task.operator.gridwarden}
     * @param variables    the group's variables, keys as Flink gives them ({@code <job_name>})
     */
    public static Optional<ExportedName> of(String metricName, String logicalScope, Map<String, String> variables) {
        String prefix;
        List<String> scope = List.of(logicalScope.split("\\."));
        if (scope.contains(GROUP)) {
            prefix = "gridwarden_job_";
        } else if (logicalScope.equals("jobmanager.job")) {
            prefix = "gridwarden_flink_job_";
        } else {
            return Optional.empty();
        }
        Map<String, String> labels = new TreeMap<>();
        variables.forEach((key, value) -> {
            String label = key.replace("<", "").replace(">", "");
            if (LABELS.contains(label)) {
                labels.put(label, value);
            }
        });
        String name = PrometheusNaming.sanitizeMetricName(prefix + snakeCase(metricName));
        return Optional.of(new ExportedName(name, new ArrayList<>(labels.keySet()), new ArrayList<>(labels.values())));
    }

    /** {@code lastCheckpointDuration} → {@code last_checkpoint_duration}. */
    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
