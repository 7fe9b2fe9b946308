package io.gridwarden.suite.report;

import io.gridwarden.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes {@code summary.md}, {@code results.json} and the charts into one results directory. */
public final class ReportWriter {

    private ReportWriter() {}

    public static void write(Results results, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.json"), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        List<String> charts = new ArrayList<>();
        if (!results.httpMedians().isEmpty()) {
            Charts.throughputVsLatency("HTTP POST /v1/events, 100-event batches, open loop", results.httpMedians(), dir.resolve("http.png"));
            charts.add("http.png");
        }
        if (!results.mqttMedians().isEmpty()) {
            Charts.throughputVsLatency("MQTT QoS 1 publish, 100-event batches, open loop", results.mqttMedians(), dir.resolve("mqtt.png"));
            charts.add("mqtt.png");
        }
        if (!results.log().isEmpty()) {
            Charts.log(results.log(), dir.resolve("log.png"));
            charts.add("log.png");
        }
        if (!results.rules().isEmpty()) {
            Charts.rules(results.rules(), dir.resolve("rules.png"));
            charts.add("rules.png");
        }
        if (!results.endToEnd().isEmpty()) {
            Charts.endToEnd(results.endToEnd(), dir.resolve("e2e.png"));
            charts.add("e2e.png");
        }
        Files.writeString(dir.resolve("summary.md"), markdown(results, charts));
    }

    static String markdown(Results r, List<String> charts) {
        Machine m = r.machine();
        StringBuilder md = new StringBuilder();
        md.append("# gridwarden benchmark summary — ").append(r.date()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores (%s), %,d MiB memory, %s, %s; disk: %s.%n%n", m.cores(), m.cpu(),
                m.memoryMiB(), m.jdk(), m.os(), m.disk()));
        md.append("Settings: `").append(r.settings()).append("`\n\n");
        md.append("""
                Every peer ran in the same run on the same machine with the same payloads, interleaved with
                gridwarden (A, B, A, B …). The ratio is gridwarden's figure divided by the peer's: above 1 is
                better for throughput, below 1 is better for latency. "≥" marks a system that held the highest
                rate offered: its real ceiling is higher, and the ratio is a bound. Load generator, peers and
                gridwarden share the machine's cores.

                """);
        md.append(SummaryTable.markdown(r.summary())).append('\n');
        if (!r.problems().isEmpty()) {
            md.append("## Problems in this run\n\n");
            r.problems().forEach(p -> md.append("- ").append(p).append('\n'));
            md.append('\n');
        }
        String misses = FirstMisses.markdown(r.p99BoundMillis(), new FirstMisses.Ramp("HTTP", r.httpMedians(), r.httpRounds()),
                new FirstMisses.Ramp("MQTT", r.mqttMedians(), r.mqttRounds()));
        if (!misses.isEmpty()) {
            md.append("## Where each system stopped holding\n\n");
            md.append(String.format(Locale.ROOT, """
                    Each round at the first rate a system missed (the median of its rounds over %s ms at p99, a batch not
                    acknowledged, or under 95 %% of the rate acknowledged), with the seconds of the round whose p99 was over
                    the bound: s1 is the measured window's first second, the last one also holds the answers that came
                    after the window. One slow second of ten is a hiccup of the system or the shared machine; every second
                    over is a ceiling.

                    """, Comparisons.fmt(r.p99BoundMillis())));
            md.append(misses).append('\n');
        }
        md.append("## Charts\n\n");
        charts.forEach(c -> md.append("![").append(c).append("](").append(c).append(")\n\n"));
        md.append("Raw figures (every round, every rate): `results.json`.\n");
        return md.toString();
    }
}
