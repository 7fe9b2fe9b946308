package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.json.Json;
import io.gridwarden.jobs.kafka.KafkaTopics;
import io.gridwarden.testsupport.SharedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code gridwarden alerting} processes over the topics of a real broker, the actions appended as the job appends
 * them, the devices' commands going to a webhook receiver that counts them per command id and knows who delivered each.
 */
@DisplayName("gridwarden alerting on Kafka")
@ExtendWith(SharedKafka.class)
class AlertingOnKafkaTest {

    private static final int EVENT_PARTITIONS = 2;
    private static final int DELIVERY_PARTITIONS = 4;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // the instances' logs stay when it fails
    Path dir;

    private String actions;
    private String deliveries;

    @Test
    @DisplayName("Two instances: same views and alert stream on both, each command delivered once; kill -9 one while commands keep"
            + " coming: the other takes its partitions over, every command delivered, none twice")
    void shouldDeliverEachCommandOnceAcrossInstancesAndThroughTheLossOfOne() throws Exception {
        String events = createTopics();
        try (WebhookReceiver devices = new WebhookReceiver();
             KafkaActions job = new KafkaActions(bootstrap(), actions);
             AlertingInstance a = start("a", devices, events);
             AlertingInstance b = start("b", devices, events)) {
            a.awaitReady();
            b.awaitReady();
            awaitTrue("the two instances share the partitions", () -> a.output().contains("Delivering the commands of partitions")
                    && b.output().contains("Delivering the commands of partitions"));
            List<Violation> first = new ArrayList<>();
            try (AlertStreamClient streamA = new AlertStreamClient(a.opsUrl(), AlertingInstance.ADMIN_TOKEN);
                 AlertStreamClient streamB = new AlertStreamClient(b.opsUrl(), AlertingInstance.ADMIN_TOKEN)) {
                Thread.sleep(500); // both streams connected: they start at the live end
                for (int i = 0; i < 20; i++) {
                    first.add(KafkaActions.warned("t-" + i));
                }
                job.append(first.stream().flatMap(v -> KafkaActions.warning(v).stream()).toList());
                awaitTrue("20 commands delivered", () -> devices.countsById().size() == 20);
                awaitTrue("both streams saw every warning", () -> first.stream()
                        .allMatch(v -> streamA.saw("violation.warned", v.id()) && streamB.saw("violation.warned", v.id())));
            }
            assertThat(devices.deliveredBy("a")).as("delivered by a").isNotEmpty();
            assertThat(devices.deliveredBy("b")).as("delivered by b").isNotEmpty();
            assertThat(violations(a)).as("a's violation list").hasSize(20).isEqualTo(violations(b));

            List<Violation> more = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                more.add(append(job, "k-" + i));
            }
            devices.hold("a"); // a's next deliveries wait for the device's answer ...
            awaitTrue("every command a was answered for recorded", () -> recorded().containsAll(devices.deliveredBy("a")));
            a.kill(); // ... so none is between the device's 2xx and its record when a dies
            Set<String> unanswered = devices.refuseHeld("a");
            for (int i = 10; i < 30; i++) {
                more.add(append(job, "k-" + i));
                Thread.sleep(100);
            }

            awaitTrue("all 50 commands delivered", () -> devices.countsById().size() == 50);
            Thread.sleep(1000); // time for a repeat, were there one
            assertThat(devices.countsById()).as("deliveries per command id").allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
            assertThat(unanswered).as("a's deliveries on their way (the device not answering yet) when it was killed").isNotEmpty();
            assertThat(devices.deliveredBy("b")).as("b delivered what a had on its way when killed").containsAll(unanswered);
            assertThat(violations(b)).as("b's violation list").hasSize(50);
        }
    }

    private AlertingInstance start(String id, WebhookReceiver devices, String events) {
        return AlertingInstance.start(id, dir, "--kafka-bootstrap", bootstrap(), "--actions-topic", actions, "--events-topic", events,
                "--event-partitions", "" + EVENT_PARTITIONS, "--deliveries-topic", deliveries, "--delivery-partitions",
                "" + DELIVERY_PARTITIONS, "--group-id", "alerting-" + actions, "--group-session-timeout", "PT6S",
                "--command-gateway", devices.gatewayFor(id));
    }

    private String createTopics() throws Exception {
        actions = KafkaIngestFixtures.newTopic("actions");
        deliveries = KafkaIngestFixtures.newTopic("deliveries");
        String events = KafkaIngestFixtures.newTopic("events");
        SharedKafka.broker().createTopic(actions, 1, KafkaTopics.TOPIC_CONFIG);
        SharedKafka.broker().createTopic(events, EVENT_PARTITIONS, KafkaTopics.TOPIC_CONFIG);
        Map<String, String> compacted = new HashMap<>(KafkaTopics.TOPIC_CONFIG);
        compacted.put("cleanup.policy", "compact");
        SharedKafka.broker().createTopic(deliveries, DELIVERY_PARTITIONS, compacted);
        return events;
    }

    private static Violation append(KafkaActions job, String track) throws Exception {
        Violation violation = KafkaActions.warned(track);
        job.append(KafkaActions.warning(violation));
        return violation;
    }

    /** The violations an instance lists, by id with their status. */
    private static Map<String, String> violations(AlertingInstance instance) throws Exception {
        JsonNode items = Json.mapper().readTree(instance.get("/v1/violations?limit=1000").body()).path("items");
        Map<String, String> byId = new HashMap<>();
        items.forEach(v -> byId.put(v.path("id").asText(), v.path("status").asText()));
        return byId;
    }

    /** The command ids whose hand-over is in the deliveries topic. */
    private Set<String> recorded() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Set<String> ids = new TreeSet<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < DELIVERY_PARTITIONS; p++) {
                partitions.add(new TopicPartition(deliveries, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> ids.add(r.key()));
            }
        }
        return ids;
    }

    private static void awaitTrue(String what, Check condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as(what + " within " + WAIT).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** A condition that may throw. */
    private interface Check {
        boolean holds() throws Exception;
    }

    private static String bootstrap() {
        return SharedKafka.broker().bootstrap();
    }
}
