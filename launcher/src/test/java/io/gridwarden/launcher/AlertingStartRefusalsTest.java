package io.gridwarden.launcher;

import static io.gridwarden.launcher.KafkaIngestFixtures.newTopic;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.jobs.kafka.KafkaTopics;
import io.gridwarden.testsupport.ChildJvm;
import io.gridwarden.testsupport.SharedKafka;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gridwarden alerting}'s help, and its refusal to start over a Kafka that is not as configured: the log's own
 * message (what to change) on stderr, exit code 2, no stack trace and no port opened.
 */
@DisplayName("gridwarden alerting: its help, and the Kafka it refuses")
@ExtendWith(SharedKafka.class)
class AlertingStartRefusalsTest {

    private static final String TEMPORARY_ROOT = System.getProperty("java.io.tmpdir");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final int opsPort = ChildJvm.freePort();

    @TempDir
    Path dataDir;

    private int alerting(String bootstrap, String actions, String deliveries, String... more) {
        List<String> args = new ArrayList<>(List.of("alerting", "--town", "classpath:towns/demo-town.yaml", "--host", "127.0.0.1",
                "--ops-port", "" + opsPort, "--instance-id", "refused", "--data-dir", dataDir.toString(), "--kafka-bootstrap", bootstrap,
                "--actions-topic", actions, "--events-topic", actions, "--event-partitions", "1", "--deliveries-topic", deliveries,
                "--delivery-partitions", "4"));
        args.addAll(List.of(more));
        return new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
    }

    private void assertRefused(int exit, String... message) {
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("gridwarden alerting refused to start: ").contains(message).doesNotContain("\tat ");
        assertThat(IngestStartRefusalsTest.listening(opsPort)).as("the operations port open").isFalse();
        // a refused start (here in the test's own JVM) gives its temporary directory back
        assertThat(System.getProperty("java.io.tmpdir")).as("java.io.tmpdir").isEqualTo(TEMPORARY_ROOT);
        assertThat(ProcessTempDir.baseFor(dataDir, Path.of(TEMPORARY_ROOT))).doesNotExist();
    }

    @Test
    @DisplayName("--help lists the topics, the group, the exit codes, delivery by webhook and per-instance alert stream ids")
    void shouldDescribeTheTopicsTheGroupAndDelivery() {
        int exit = new CommandLine(new Main()).setOut(new PrintWriter(out)).execute("alerting", "--help");

        assertThat(exit).isZero();
        assertThat(out.toString().replaceAll("\\s+", " ")).contains("--kafka-bootstrap", "--actions-topic", "--deliveries-topic",
                "--delivery-partitions", "--group-id", "--group-session-timeout", "--data-dir", "--instance-id", "--tls-cert",
                "Default: gridwarden.actions", "Default: gridwarden.deliveries", "Default: gridwarden-alerting", "Exit codes:",
                "2 refused to start", "by webhook", "Last-Event-ID");
    }

    @Test
    @DisplayName("A missing deliveries topic: refused with the kafka-topics.sh command that creates it")
    void shouldRefuseAMissingDeliveriesTopic() throws Exception {
        String actions = newTopic("alerting-actions");
        String deliveries = newTopic("alerting-missing");
        SharedKafka.broker().createTopic(actions, 1, KafkaTopics.TOPIC_CONFIG);

        assertRefused(alerting(SharedKafka.broker().bootstrap(), actions, deliveries), "Kafka topic " + deliveries + " does not exist",
                "--create --topic " + deliveries + " --partitions 4");
    }

    @Test
    @DisplayName("An actions topic of 2 partitions: refused, naming both counts (the views need one ordered sequence)")
    void shouldRefuseAnActionsTopicOfSeveralPartitions() throws Exception {
        String actions = newTopic("alerting-two");
        SharedKafka.broker().createTopic(actions, 2, KafkaTopics.TOPIC_CONFIG);

        assertRefused(alerting(SharedKafka.broker().bootstrap(), actions, newTopic("unused")), "has 2 partitions but the log is configured for 1");
    }

    @Test
    @DisplayName("--delivery-partitions other than the deliveries topic's: refused, naming both counts")
    void shouldRefuseAnotherDeliveryPartitionCount() throws Exception {
        String actions = newTopic("alerting-actions");
        String deliveries = newTopic("alerting-deliveries");
        SharedKafka.broker().createTopic(actions, 1, KafkaTopics.TOPIC_CONFIG);
        SharedKafka.broker().createTopic(deliveries, 2, KafkaTopics.TOPIC_CONFIG);

        assertRefused(alerting(SharedKafka.broker().bootstrap(), actions, deliveries), "has 2 partitions but the log is configured for 4");
    }

    @Test
    @DisplayName("No broker at --kafka-bootstrap: refused within --kafka-startup-timeout, naming the servers")
    void shouldRefuseAnUnreachableBroker() {
        String nobody = "127.0.0.1:" + ChildJvm.freePort();

        assertRefused(alerting(nobody, "a", "d", "--kafka-startup-timeout", "PT2S"), "no Kafka broker answered at " + nobody);
    }

    @Test
    @DisplayName("A group session timeout the brokers refuse: a usage error before Kafka is asked")
    void shouldRefuseATooShortSessionTimeout() {
        int exit = alerting("127.0.0.1:1", "a", "d", "--group-session-timeout", "PT1S");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--group-session-timeout must be at least 6 s").doesNotContain("\tat ");
    }
}
