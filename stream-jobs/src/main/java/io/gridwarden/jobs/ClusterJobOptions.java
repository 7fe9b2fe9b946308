package io.gridwarden.jobs;

import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.action.CommandSecretFile;
import io.gridwarden.jobs.kafka.KafkaLogs;
import io.gridwarden.jobs.kafka.KafkaTopics;
import io.gridwarden.jobs.source.LogClockWatermarks;
import io.gridwarden.log.rocksdb.LogSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What {@code flink run … EnforcementJobMain} is told: the town, the device delay allowed, the command
 * secret (the file ingest is given too: it checks acknowledgements against the ids made under it), and
 * where the logs are: on Kafka ({@code kafka} set) or in embedded RocksDB logs ({@code eventLog},
 * {@code actionLog} set). The secret file is read where {@code main} runs (the Flink client, or the job
 * manager in application mode) and travels to the task managers inside the job.
 */
record ClusterJobOptions(String town, Duration maxDeviceDelay, KafkaLogs kafka, LogSpec eventLog, LogSpec actionLog,
        CommandIds commandIds) {

    static final String USAGE = """
            options: --town <file|classpath:…> --command-secret-file <file> [--max-device-delay-ms <ms>] and the logs, either
              on Kafka:          --kafka-bootstrap <host:port> [--events-topic %s] [--actions-topic %s] [--group-id %s]
              or embedded logs:  --event-log <dir> --event-partitions <n> --action-log <dir>"""
            .formatted(KafkaTopics.EVENTS, KafkaTopics.ACTIONS, KafkaTopics.GROUP_ID);

    private static final Set<String> COMMON = Set.of("town", "command-secret-file", "max-device-delay-ms");
    private static final Set<String> KAFKA = Set.of("kafka-bootstrap", "events-topic", "actions-topic", "group-id");
    private static final Set<String> EMBEDDED = Set.of("event-log", "event-partitions", "action-log");

    /** Reads {@code --name value} pairs; every mistake is an {@link IllegalArgumentException} naming it and the usage. */
    static ClusterJobOptions parse(String[] args) {
        Map<String, String> options = pairs(args);
        String town = required(options, "town");
        String secretFile = required(options, "command-secret-file");
        Duration delay = options.containsKey("max-device-delay-ms")
                ? Duration.ofMillis(number(options, "max-device-delay-ms", 0)) : LogClockWatermarks.DEFAULT_MAX_DEVICE_DELAY;
        boolean kafka = options.containsKey("kafka-bootstrap");
        String stray = (kafka ? EMBEDDED : KAFKA).stream().filter(options::containsKey).sorted().findFirst().orElse(null);
        if (stray != null) {
            throw problem(kafka ? "--" + stray + " is for the embedded logs, but --kafka-bootstrap chooses Kafka: give one or the other"
                    : "--" + stray + " is for Kafka: add --kafka-bootstrap <host:port>");
        }
        if (kafka) {
            return new ClusterJobOptions(town, delay, new KafkaLogs(options.get("kafka-bootstrap"),
                    options.getOrDefault("events-topic", KafkaTopics.EVENTS), options.getOrDefault("actions-topic", KafkaTopics.ACTIONS),
                    options.getOrDefault("group-id", KafkaTopics.GROUP_ID)), null, null, commandIds(secretFile));
        }
        LogSpec events = LogSpec.of(Path.of(required(options, "event-log")), (int) number(options, "event-partitions", 1));
        return new ClusterJobOptions(town, delay, null, events, LogSpec.of(Path.of(required(options, "action-log")), 1),
                commandIds(secretFile));
    }

    private static Map<String, String> pairs(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !(COMMON.contains(name) || KAFKA.contains(name) || EMBEDDED.contains(name))) {
                throw problem("unknown option " + args[i]);
            }
            if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                throw problem(args[i] + " needs a value");
            }
            if (options.put(name, args[i + 1]) != null) {
                throw problem(args[i] + " is given twice");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw problem("missing --" + name);
        }
        return value;
    }

    private static CommandIds commandIds(String file) {
        try {
            return CommandSecretFile.read(Path.of(file));
        } catch (CommandSecretFile.CommandSecretException e) {
            throw problem(e.getMessage());
        }
    }

    private static long number(Map<String, String> options, String name, long min) {
        String value = required(options, name);
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= Integer.MAX_VALUE) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below, with the usage
        }
        throw problem("--" + name + " must be a whole number of at least " + min + ", got " + value);
    }

    private static IllegalArgumentException problem(String what) {
        return new IllegalArgumentException(what + "\n" + USAGE);
    }
}
