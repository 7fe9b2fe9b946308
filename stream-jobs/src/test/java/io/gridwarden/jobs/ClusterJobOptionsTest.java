package io.gridwarden.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.common.action.CommandIds;
import io.gridwarden.jobs.kafka.KafkaLogs;
import io.gridwarden.jobs.kafka.KafkaTopics;
import io.gridwarden.jobs.source.LogClockWatermarks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterJobOptionsTest {

    @TempDir
    Path dir;
    private String secret;

    @BeforeEach
    void writeSecret() throws Exception {
        Path file = dir.resolve("command-secret");
        Files.writeString(file, "ab".repeat(32));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        secret = file.toString();
    }

    /** Parses {@code args} after {@code --command-secret-file <a good file>}. */
    private ClusterJobOptions parse(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--command-secret-file";
        all[1] = secret;
        System.arraycopy(args, 0, all, 2, args.length);
        return ClusterJobOptions.parse(all);
    }

    @Test
    void shouldChooseKafkaWithDefaultTopicsAndGroup() {
        ClusterJobOptions options = parse("--town", "t.yaml", "--kafka-bootstrap", "kafka-1:9092");

        assertThat(options.kafka()).isEqualTo(new KafkaLogs("kafka-1:9092", KafkaTopics.EVENTS, KafkaTopics.ACTIONS, KafkaTopics.GROUP_ID));
        assertThat(options.eventLog()).isNull();
        assertThat(options.town()).isEqualTo("t.yaml");
        assertThat(options.maxDeviceDelay()).isEqualTo(LogClockWatermarks.DEFAULT_MAX_DEVICE_DELAY);
        assertThat(options.commandIds().make("vio-1", "assignment", "off-01", java.time.Instant.EPOCH))
                .isEqualTo(CommandIds.of(java.util.HexFormat.of().parseHex("ab".repeat(32))).make("vio-1", "assignment", "off-01", java.time.Instant.EPOCH));
    }

    @Test
    void shouldRequireAReadableOwnerOnlyCommandSecret() throws Exception {
        Path loose = dir.resolve("loose-secret");
        Files.writeString(loose, "ab".repeat(32));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> ClusterJobOptions.parse(new String[] {"--town", "t", "--kafka-bootstrap", "k:9092"}))
                .hasMessageContaining("missing --command-secret-file");
        assertThatThrownBy(() -> ClusterJobOptions.parse(new String[] {"--town", "t", "--kafka-bootstrap", "k:9092",
                "--command-secret-file", loose.toString()})).hasMessageContaining("chmod 600").hasMessageContaining("--kafka-bootstrap");
    }

    @Test
    void shouldTakeOtherTopicsGroupAndDelay() {
        ClusterJobOptions options = parse("--town", "t.yaml", "--kafka-bootstrap", "k:9092", "--events-topic", "ev",
                "--actions-topic", "ac", "--group-id", "g", "--max-device-delay-ms", "500");

        assertThat(options.kafka()).isEqualTo(new KafkaLogs("k:9092", "ev", "ac", "g"));
        assertThat(options.maxDeviceDelay()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldChooseTheEmbeddedLogsWithoutKafka() {
        ClusterJobOptions options = parse("--town", "t.yaml", "--event-log", "/data/events", "--event-partitions", "8",
                "--action-log", "/data/actions");

        assertThat(options.kafka()).isNull();
        assertThat(options.eventLog().partitions()).isEqualTo(8);
        assertThat(options.eventLog().directory()).endsWith("events");
        assertThat(options.actionLog().partitions()).isEqualTo(1);
    }

    @Test
    void shouldNameWhatIsWrongAndShowTheUsage() {
        assertThatThrownBy(() -> parse("--town")).hasMessageContaining("--town needs a value").hasMessageContaining("--kafka-bootstrap");
        assertThatThrownBy(() -> parse("--town", "--kafka-bootstrap", "k:9092")).hasMessageContaining("--town needs a value");
        assertThatThrownBy(() -> parse("--kafka-bootstrap", "k:9092")).hasMessageContaining("missing --town");
        assertThatThrownBy(() -> parse("--town", "t", "--kafka-bootstrap", "k:9092", "--bootstrap", "x"))
                .hasMessageContaining("unknown option --bootstrap");
        assertThatThrownBy(() -> parse("--town", "t", "--town", "u")).hasMessageContaining("--town is given twice");
        assertThatThrownBy(() -> parse("--town", "t", "--event-log", "/e", "--event-partitions", "eight", "--action-log", "/a"))
                .hasMessageContaining("--event-partitions must be a whole number of at least 1, got eight");
        assertThatThrownBy(() -> parse("--town", "t", "--event-log", "/e", "--event-partitions", "2"))
                .hasMessageContaining("missing --action-log").hasMessageContaining("--event-log <dir>");
    }

    @Test
    void shouldRefuseMixingKafkaAndTheEmbeddedLogs() {
        assertThatThrownBy(() -> parse("--town", "t", "--kafka-bootstrap", "k:9092", "--event-log", "/e"))
                .hasMessageContaining("--event-log is for the embedded logs, but --kafka-bootstrap chooses Kafka");
        assertThatThrownBy(() -> parse("--town", "t", "--events-topic", "ev", "--event-log", "/e"))
                .hasMessageContaining("--events-topic is for Kafka: add --kafka-bootstrap");
    }
}
