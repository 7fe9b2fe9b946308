package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

@DisplayName("gridwarden ingest: its help, and options it cannot honour")
class IngestOptionsTest {

    /** Nothing listens there: an option refused before Kafka is asked never reaches it. */
    private static final String NO_BROKER = "127.0.0.1:1";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int ingest(String... args) {
        List<String> command = new ArrayList<>(List.of("ingest"));
        command.addAll(List.of(args));
        if (command.size() > 1 && !command.contains("--help")) {
            command.addAll(List.of("--command-secret-file", TestSecrets.commandSecretFile()));
        }
        return new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(command.toArray(String[]::new));
    }

    @Test
    @DisplayName("--help lists the Kafka options, the exit codes and that commands go by webhook")
    void shouldDescribeTheKafkaOptionsExitCodesAndCommandDelivery() {
        assertThat(ingest("--help")).isZero();

        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--kafka-bootstrap", "--events-topic", "--event-partitions", "--instance-id",
                "--jobs-group", "--max-lag-events", "--ingest-instances", "Default: gridwarden.events",
                "Default: gridwarden-enforcement", "Exit codes:", "2 refused to start", "by webhook only");
    }

    @Test
    @DisplayName("Without --kafka-bootstrap, --event-partitions and --town: a usage error naming them")
    void shouldRequireTheBrokerThePartitionCountAndTheTown() {
        assertThat(ingest()).isEqualTo(2);

        assertThat(err.toString()).contains("Missing required options").contains("--kafka-bootstrap", "--event-partitions", "--town",
                "--command-secret-file");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "--event-partitions, 0, partition count (at least 1)",
            "--instance-id, a b, --instance-id must be 1 to 200 letters, digits",
            "--ingest-port, 0, --ingest-port must be a fixed port between 1 and 65535",
            "--mqtt-port, 70000, --mqtt-port must be a fixed port between 1 and 65535",
            "--ingest-instances, 0, --ingest-instances must be at least 1",
            "--kafka-startup-timeout, PT0S, --kafka-startup-timeout must be positive"})
    void shouldRefuseWithAUsageErrorBeforeAskingKafka(String option, String value, String message) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--town", "classpath:towns/demo-town.yaml",
                "--kafka-bootstrap", NO_BROKER, "--event-partitions", "4"));
        options.put(option, value);

        int exit = ingest(options.entrySet().stream().flatMap(o -> Stream.of(o.getKey(), o.getValue())).toArray(String[]::new));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(message).contains(value).doesNotContain("\tat ");
    }

    @Test
    @DisplayName("A town file that does not exist: refused with exit code 2 and the file named, before Kafka is asked")
    void shouldRefuseAMissingTownFile() {
        int exit = ingest("--town", "/no/such/town.yaml", "--kafka-bootstrap", NO_BROKER, "--event-partitions", "4");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("gridwarden ingest refused to start: town file").contains("does not exist")
                .doesNotContain("\tat ");
    }
}
