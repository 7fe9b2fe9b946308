package io.gridwarden.suite.settings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the suite's runs depend on, read once from the command line ({@link SuiteCommand}).
 *
 * @param parts the comparisons to run ({@code http}, {@code mqtt}, {@code log}, {@code rules}, {@code e2e})
 * @param peers the peers the HTTP and MQTT parts ramp beside gridwarden ({@code noop}, {@code nginx}, {@code kafka},
 *              {@code mosquitto}); empty for gridwarden alone
 * @param town the town file gridwarden runs and the load plays (the demo town, or a generated city)
 * @param probeCamera the camera the end-to-end probe uses (the town's first)
 * @param cameras device ids the load is spread over (the town's cameras but the probe)
 * @param mqttSessions MQTT sessions the MQTT load publishes from: the first of {@code cameras}, each its own
 */
public record SuiteSettings(
        Path gridwardenJar,
        Path workDir,
        Path resultsDir,
        String gridwardenHeap,
        List<String> gridwardenArgs,
        Path nginx,
        Path mosquitto,
        List<String> parts,
        List<String> peers,
        List<Integer> httpRates,
        List<Integer> mqttRates,
        int batchSize,
        Duration prime,
        Duration warmup,
        Duration duration,
        int rounds,
        double p99BoundMillis,
        int maxInFlight,
        List<Integer> appenders,
        int ruleStreamSeconds,
        List<Integer> e2eBackgroundRates,
        Duration e2eDuration,
        String town,
        String probeCamera,
        List<String> cameras,
        int mqttSessions) {

    /** Peers by their {@code --peers} names: the HTTP part's no-op, nginx and Kafka, the MQTT part's no-op and Mosquitto. */
    public static final String NOOP = "noop";
    public static final String NGINX = "nginx";
    public static final String KAFKA = "kafka";
    public static final String MOSQUITTO = "mosquitto";
    public static final List<String> PEERS = List.of(NOOP, NGINX, KAFKA, MOSQUITTO);

    public boolean runs(String part) {
        return parts.contains(part);
    }

    public boolean ramps(String peer) {
        return peers.contains(peer);
    }
}
