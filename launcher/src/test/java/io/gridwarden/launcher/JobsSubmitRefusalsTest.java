package io.gridwarden.launcher;

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
import picocli.CommandLine;

/**
 * {@code gridwarden jobs submit} refuses a misconfigured deployment before the cluster sees a job, with exit code 2
 * and a message that says what to change. The broker is real; the job manager is a port nobody listens on.
 */
@DisplayName("gridwarden jobs submit: refusals")
@ExtendWith(SharedKafka.class)
class JobsSubmitRefusalsTest {

    private static final int PARTITIONS = 4;

    private final StringWriter err = new StringWriter();

    @Test
    @DisplayName("The events topic missing: refused, naming the topic and how to create it")
    void shouldRefuseAMissingEventsTopic() throws Exception {
        String events = KafkaIngestFixtures.newTopic("submit-missing");

        assertThat(submit(events, actionsTopic(), PARTITIONS, "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("refused").contains("Kafka topic " + events + " does not exist").contains("--partitions 4");
    }

    @Test
    @DisplayName("--event-partitions other than the topic's: refused, naming both counts")
    void shouldRefuseAnotherPartitionCount() throws Exception {
        String events = eventsTopic();

        assertThat(submit(events, actionsTopic(), 8, "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("has 4 partitions but the log is configured for 8");
    }

    @Test
    @DisplayName("An actions topic of several partitions: refused (alerting needs one order of actions)")
    void shouldRefuseAnActionsTopicOfSeveralPartitions() throws Exception {
        String actions = KafkaIngestFixtures.newTopic("submit-actions");
        SharedKafka.broker().createTopic(actions, 3, KafkaTopics.TOPIC_CONFIG);

        assertThat(submit(eventsTopic(), actions, PARTITIONS, "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("Kafka topic " + actions + " has 3 partitions but the log is configured for 1");
    }

    @Test
    @DisplayName("Nobody at --jobmanager: refused, saying it must be the job manager's REST address")
    void shouldRefuseAnUnreachableJobManager() throws Exception {
        String nobody = "127.0.0.1:" + ChildJvm.freePort();

        assertThat(submit(eventsTopic(), actionsTopic(), PARTITIONS, nobody, "--timeout", "PT5S")).isEqualTo(2);
        assertThat(err.toString()).contains("no Flink job manager answered at " + nobody).contains("REST address");
    }

    @Test
    @DisplayName("--parallelism beyond the events topic's partitions: a usage error")
    void shouldRefuseMoreParallelismThanPartitions() throws Exception {
        assertThat(submit(eventsTopic(), actionsTopic(), PARTITIONS, "127.0.0.1:1", "--parallelism", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("--parallelism must be between 1 and --event-partitions (4)");
    }

    private int submit(String events, String actions, int partitions, String jobManager, String... more) {
        List<String> args = new ArrayList<>(List.of("jobs", "submit", "--jobmanager", jobManager, "--job-jar", jobJar().toString(),
                "--town", ClusterTopology.testTown().toString(), "--command-secret-file", TestSecrets.commandSecretFile(),
                "--kafka-bootstrap", SharedKafka.broker().bootstrap(), "--events-topic", events, "--actions-topic", actions,
                "--event-partitions", "" + partitions));
        args.addAll(List.of(more));
        return new CommandLine(new Main()).setErr(new PrintWriter(err, true)).execute(args.toArray(String[]::new));
    }

    private static String eventsTopic() throws Exception {
        String topic = KafkaIngestFixtures.newTopic("submit-events");
        SharedKafka.broker().createTopic(topic, PARTITIONS, KafkaTopics.TOPIC_CONFIG);
        return topic;
    }

    private static String actionsTopic() throws Exception {
        String topic = KafkaIngestFixtures.newTopic("submit-actions");
        SharedKafka.broker().createTopic(topic, KafkaTopics.ACTION_PARTITIONS, KafkaTopics.TOPIC_CONFIG);
        return topic;
    }

    static Path jobJar() {
        String jar = System.getProperty("gridwarden.jobJar");
        assertThat(jar).as("the job jar's path; run this test through Maven, which builds the jar before the tests").isNotNull();
        return Path.of(jar);
    }
}
