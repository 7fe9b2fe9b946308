package io.gridwarden.jobs.metrics;

import io.gridwarden.common.action.Action;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts the job's decisions on their way to the action log, by category and status: how many cases
 * were detected, warned, dispatched, resolved… ({@code gridwarden_job_violation_updates_total}), and
 * the commands issued by type ({@code gridwarden_job_commands_total}). Passes every action on unchanged.
 */
public final class ActionCounter extends RichMapFunction<Action, Action> {

    private transient MetricGroup group;
    private transient Map<String, Counter> counters;

    @Override
    public void open(OpenContext context) {
        group = getRuntimeContext().getMetricGroup().addGroup(ExportedName.GROUP);
        counters = new HashMap<>();
    }

    @Override
    public Action map(Action action) {
        if (action.kind() == Action.Kind.VIOLATION_UPDATE && action.violation() != null) {
            String category = action.violation().category();
            String status = action.violation().status().wireName();
            counters.computeIfAbsent(category + '|' + status,
                    k -> group.addGroup("category", category).addGroup("status", status).counter("violationUpdates")).inc();
        } else if (action.kind() == Action.Kind.COMMAND && action.command() != null) {
            String type = action.command().type();
            counters.computeIfAbsent("command|" + type, k -> group.addGroup("type", type).counter("commands")).inc();
        }
        return action;
    }
}
