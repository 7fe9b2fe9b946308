package io.gridwarden.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwarden.common.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Grafana dashboard the repository ships (docs/grafana), read as its users' Grafana reads it: the metric names its queries name. */
final class GrafanaDashboard {

    static final Path FILE = Path.of("..", "docs", "grafana", "gridwarden-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\b((?:gridwarden|jvm)_[a-z0-9_]+)\\b");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

    private GrafanaDashboard() {}

    /** Every metric name any panel's query uses. */
    static Set<String> queriedMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode expr : Json.mapper().readTree(FILE.toFile()).findValues("expr")) {
            Matcher m = METRIC.matcher(expr.asText());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /** The sample names of a Prometheus text-format scrape. */
    static Set<String> exportedSamples(String scrape) {
        Set<String> names = new TreeSet<>();
        Matcher m = SAMPLE.matcher(scrape);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
