package io.gridwarden.suite.report;

import io.gridwarden.suite.e2e.LatencyFigures;
import io.gridwarden.suite.log.ClosedLoopAppends;
import io.gridwarden.suite.rules.RuleComparison;
import java.util.List;
import java.util.Map;

/** Everything one suite run measured, as written to {@code results.json}; {@code p99BoundMillis}: the bound a rate is held by. */
public record Results(
        String date,
        Machine machine,
        Map<String, Object> settings,
        double p99BoundMillis,
        List<RatePoint> httpMedians,
        List<RatePoint> httpRounds,
        List<RatePoint> mqttMedians,
        List<RatePoint> mqttRounds,
        List<ClosedLoopAppends.Figures> log,
        List<RuleComparison.Figures> rules,
        List<LatencyFigures> endToEnd,
        List<Row> summary,
        List<String> problems) {}
