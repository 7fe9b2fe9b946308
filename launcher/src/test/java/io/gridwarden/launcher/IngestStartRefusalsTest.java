package io.gridwarden.launcher;

import io.gridwarden.testsupport.SharedKafka;
import io.gridwarden.testsupport.ChildJvm;
import static io.gridwarden.launcher.KafkaIngestFixtures.newTopic;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.jobs.kafka.KafkaTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code gridwarden ingest} refuses to start over a Kafka that is not as configured: the log's own message (what
 * to change) on stderr, exit code 2, no stack trace and no port opened.
 */
@DisplayName("gridwarden ingest refuses a Kafka not as configured")
@ExtendWith(SharedKafka.class)
class IngestStartRefusalsTest {

    private static final String TEMPORARY_ROOT = System.getProperty("java.io.tmpdir");

    private final StringWriter err = new StringWriter();
    private final int ingestPort = ChildJvm.freePort();

    private int ingest(String bootstrap, String topic, int partitions, String... more) {
        List<String> args = new ArrayList<>(List.of("ingest", "--town", "classpath:towns/demo-town.yaml", "--host", "127.0.0.1",
                "--ingest-port", "" + ingestPort, "--mqtt-port", "" + ChildJvm.freePort(), "--ingest-instances", "1",
                "--instance-id", "refused", "--command-secret-file", TestSecrets.commandSecretFile(), "--kafka-bootstrap", bootstrap, "--events-topic", topic, "--event-partitions", "" + partitions));
        args.addAll(List.of(more));
        return new CommandLine(new Main()).setErr(new PrintWriter(err)).execute(args.toArray(String[]::new));
    }

    private void assertRefused(int exit, String... message) {
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("gridwarden ingest refused to start: ").contains(message).doesNotContain("\tat ");
        assertThat(listening(ingestPort)).as("ingest's HTTP port open").isFalse();
        // a refused start (here in the test's own JVM) gives its temporary directory back
        assertThat(System.getProperty("java.io.tmpdir")).as("java.io.tmpdir").isEqualTo(TEMPORARY_ROOT);
        assertThat(TempPlaces.ingest().resolve(Long.toString(ProcessHandle.current().pid()))).doesNotExist();
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Test
    @DisplayName("No broker at --kafka-bootstrap: refused within --kafka-startup-timeout, naming the servers")
    void shouldRefuseAnUnreachableBroker() {
        String nobody = "127.0.0.1:" + ChildJvm.freePort();

        long start = System.nanoTime();
        int exit = ingest(nobody, newTopic("unreachable"), 4, "--kafka-startup-timeout", "PT2S");

        assertRefused(exit, "no Kafka broker answered at " + nobody + " within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2 + 10));
    }

    @Test
    @DisplayName("A missing events topic: refused with the kafka-topics.sh command that creates it")
    void shouldRefuseAMissingTopic() {
        String topic = newTopic("missing");
        String bootstrap = SharedKafka.broker().bootstrap();

        assertRefused(ingest(bootstrap, topic, 4), "Kafka topic " + topic + " does not exist",
                "kafka-topics.sh --bootstrap-server " + bootstrap + " --create --topic " + topic + " --partitions 4");
    }

    @Test
    @DisplayName("A missing town topic: refused with the command that creates it, one partition kept forever")
    void shouldRefuseAMissingTownTopic() throws Exception {
        String topic = newTopic("town-missing-events");
        String town = newTopic("town-missing");
        SharedKafka.broker().createTopic(topic, 4, KafkaTopics.TOPIC_CONFIG);

        assertRefused(ingest(SharedKafka.broker().bootstrap(), topic, 4, "--town-topic", town), "Kafka topic " + town + " does not exist",
                "--create --topic " + town + " --partitions 1", "retention.ms=-1", "max.message.bytes=2097152");
    }

    @Test
    @DisplayName("--event-partitions other than the topic's: refused, naming both counts")
    void shouldRefuseAnotherPartitionCount() throws Exception {
        String topic = newTopic("partitions");
        SharedKafka.broker().createTopic(topic, 2, KafkaTopics.TOPIC_CONFIG);

        assertRefused(ingest(SharedKafka.broker().bootstrap(), topic, 4), "has 2 partitions but the log is configured for 4");
    }

    @Test
    @DisplayName("A topic that keeps the producer's time (CreateTime): refused, with the kafka-configs.sh command that fixes it")
    void shouldRefuseATopicWithProducerTime() throws Exception {
        String topic = newTopic("create-time");
        SharedKafka.broker().createTopic(topic, 4, Map.of());

        assertRefused(ingest(SharedKafka.broker().bootstrap(), topic, 4), "message.timestamp.type=CreateTime",
                "--add-config message.timestamp.type=LogAppendTime");
    }
}
