package io.gridwarden.launcher;

import io.gridwarden.testsupport.SharedKafka;
import java.time.Instant;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.CommandSecretFile;
import io.gridwarden.common.action.CommandIds;
import static io.gridwarden.launcher.KafkaIngestFixtures.assertPlacedByDevice;
import static io.gridwarden.launcher.KafkaIngestFixtures.batch;
import static io.gridwarden.launcher.KafkaIngestFixtures.key;
import static io.gridwarden.launcher.KafkaIngestFixtures.newTopic;
import static io.gridwarden.launcher.KafkaIngestFixtures.readTopic;
import static io.gridwarden.launcher.KafkaIngestFixtures.sentOverHttp;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.jobs.kafka.KafkaTopics;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code gridwarden ingest} processes over one events topic of a real broker: devices send to both, over HTTP
 * and MQTT, and what each instance acknowledged is in the topic, placed by device, even when an instance is killed.
 */
@DisplayName("gridwarden ingest on Kafka")
@ExtendWith(SharedKafka.class)
class IngestOnKafkaTest {

    private static final int PARTITIONS = 4;
    private static final String MQTT_CAMERA = "cam-0100";

    @TempDir
    Path dir;

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

    @Test
    @DisplayName("Two instances: every event acknowledged by either, over HTTP or MQTT, is in the topic once, keyed by device in its partition")
    void shouldStoreEveryAcknowledgedEventOfBothInstancesInItsDevicesPartition() throws Exception {
        String topic = createTopic("two-instances");
        List<Path> temporary = new ArrayList<>();
        try (IngestInstance a = IngestInstance.start("a", dir.resolve("a.log"), bootstrap(), topic, PARTITIONS);
             IngestInstance b = IngestInstance.start("b", dir.resolve("b.log"), bootstrap(), topic, PARTITIONS)) {
            a.awaitReady();
            b.awaitReady();
            temporary.addAll(List.of(a.temporaryDirectory(), b.temporaryDirectory()));
            assertThat(temporary).as("each instance's temporary files in a directory of its own").allSatisfy(place ->
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(place))).isEqualTo("rwx------"));
            List<Thread> devices = new ArrayList<>();
            for (int d = 1; d <= 6; d++) {
                IngestInstance to = d % 2 == 0 ? b : a;
                String camera = "cam-%04d".formatted(d);
                devices.add(start(() -> sendBatchesOverHttp(to, camera, 5)));
            }
            devices.add(start(() -> sendBatchesOverMqtt(a, 5)));
            for (Thread device : devices) {
                device.join();
            }

            assertThat(acknowledged).as("every batch acknowledged").hasSize(7 * 5 * KafkaIngestFixtures.BATCH);
            assertThat(b.get("/metrics").statusCode()).as("metrics without a scraper's token").isEqualTo(401);
            assertThat(b.scrape().body()).as("the log's metrics, from the cached offsets")
                    .contains("gridwarden_log_end_offset{log=\"events\",partition=\"3\"}");
            assertThat(a.get("/health/ready").body()).as("readiness: the broker answers")
                    .contains("\"eventLog\":{\"status\":\"UP\"}");
        }
        assertThat(temporary).as("removed at the clean stop").allSatisfy(place -> assertThat(place).doesNotExist());
        Map<String, ConsumerRecord<String, byte[]>> stored = readTopic(bootstrap(), topic);
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged);
        stored.values().forEach(record -> assertPlacedByDevice(record, PARTITIONS));
    }

    @Test
    @DisplayName("kill -9 of one instance right after its acknowledgements: every acknowledged event is in the topic, the other instance serves on")
    void shouldKeepEveryAcknowledgedEventWhenAnInstanceIsKilled() throws Exception {
        String topic = createTopic("kill");
        List<List<String>> sentBatches = new CopyOnWriteArrayList<>();
        AtomicInteger acknowledgedByA = new AtomicInteger();
        AtomicInteger acknowledgedByB = new AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        try (IngestInstance a = IngestInstance.start("a", dir.resolve("a.log"), bootstrap(), topic, PARTITIONS);
             IngestInstance b = IngestInstance.start("b", dir.resolve("b.log"), bootstrap(), topic, PARTITIONS)) {
            a.awaitReady();
            b.awaitReady();
            List<Thread> devices = new ArrayList<>();
            for (int d = 1; d <= 6; d++) {
                boolean toA = d <= 4;
                String camera = "cam-%04d".formatted(d);
                devices.add(start(() -> sendUntilStopped(toA ? a : b, camera, sending, sentBatches, toA ? acknowledgedByA : acknowledgedByB)));
            }
            AtomicInteger acknowledgedOverMqtt = new AtomicInteger();
            devices.add(start(() -> publishUntilStopped(a, sending, sentBatches, acknowledgedByA, acknowledgedOverMqtt)));
            while (acknowledgedByA.get() < 12 || acknowledgedOverMqtt.get() < 1) { // the MQTT device too is under way when a dies
                Thread.sleep(5);
            }
            a.kill();
            int byBAtKill = acknowledgedByB.get();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (acknowledgedByB.get() < byBAtKill + 5 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            sending.set(false);
            for (Thread device : devices) {
                device.join();
            }
            assertThat(acknowledgedByB.get() - byBAtKill).as("batches b acknowledged after a was killed").isGreaterThanOrEqualTo(5);
            assertThat(b.readyStatus()).as("b's readiness").isEqualTo(200);
        }
        // a restart with the same instance id aborts at once the transaction the killed process left open, which
        // otherwise keeps read_committed readers (the job) from the partitions it touched until it times out
        try (IngestInstance again = IngestInstance.start("a", dir.resolve("a-again.log"), bootstrap(), topic, PARTITIONS)) {
            again.awaitReady();
            Map<String, ConsumerRecord<String, byte[]>> stored = readTopic(bootstrap(), topic);
            assertThat(stored.keySet()).containsAll(acknowledged);
            for (List<String> sent : sentBatches) {
                assertThat(sent.stream().filter(stored::containsKey).count()).as("events of one batch in the topic")
                        .isIn(0L, (long) sent.size());
            }
            stored.values().forEach(record -> assertPlacedByDevice(record, PARTITIONS));
        }
    }

    @Test
    @DisplayName("The job's group more than --max-lag-events behind the topic: 503 pipeline-behind; served again once the group commits")
    void shouldRefuseWhileTheJobsGroupLagsAndServeAgainOnceItCommits() throws Exception {
        String topic = createTopic("lag");
        String jobsGroup = "gridwarden-test-jobs-" + topic;
        try (IngestInstance ingest = IngestInstance.start("lag", dir.resolve("lag.log"), bootstrap(), topic, PARTITIONS,
                "--jobs-group", jobsGroup, "--max-lag-events", "100")) {
            ingest.awaitReady();
            DeviceClient client = new DeviceClient(ingest.ingestUrl());
            DemoEvents events = new DemoEvents("lag");

            DeviceClient.Reply refused = sendUntil(client, events, status -> status != 202);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body()).contains("urn:gridwarden:problem:pipeline-behind");

            commitEveryPartitionsEnd(topic, jobsGroup); // what the job does on a checkpoint
            assertThat(sendUntil(client, events, status -> status != 503).status()).isEqualTo(202);
        }
    }

    /** Sends batches of cam-0001 until a reply's status matches, for at most 20 s. */
    @Test
    @DisplayName("An ack is taken only from the command's recipient, under the deployment's command secret the jobs share")
    void shouldTakeAnAckOnlyFromTheCommandsRecipient() throws Exception {
        String topic = createTopic("acks");
        CommandIds shared = CommandSecretFile.read(Path.of(TestSecrets.commandSecretFile()));
        String command = shared.make("vio-1", Command.ASSIGNMENT, "off-01", Instant.parse("2026-11-22T08:00:00Z"));
        DemoEvents events = new DemoEvents("acks");
        try (IngestInstance ingest = IngestInstance.start("acks", dir.resolve("acks.log"), bootstrap(), topic, PARTITIONS)) {
            ingest.awaitReady();
            DeviceClient client = new DeviceClient(ingest.ingestUrl());

            DeviceClient.Reply foreign = client.send(DeviceClient.demoToken("off-02"), List.of(events.ack("off-02", Instant.now(), command, "accepted")));
            DeviceClient.Reply own = client.send(DeviceClient.demoToken("off-01"), List.of(events.ack("off-01", Instant.now(), command, "accepted")));

            assertThat(foreign.status()).isEqualTo(403);
            assertThat(foreign.body()).contains("urn:gridwarden:problem:not-command-target");
            assertThat(own.status()).as(own.body()).isEqualTo(202);
        }
    }

    private static DeviceClient.Reply sendUntil(DeviceClient client, DemoEvents events, IntPredicate done) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            DeviceClient.Reply reply = client.send(DeviceClient.demoToken("cam-0001"), batch(events, "cam-0001"));
            if (done.test(reply.status()) || System.nanoTime() > deadline) {
                return reply;
            }
            Thread.sleep(50);
        }
    }

    private static void commitEveryPartitionsEnd(String topic, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
                    .forEach((tp, end) -> ends.put(tp, new OffsetAndMetadata(end.offset())));
            admin.alterConsumerGroupOffsets(group, ends).all().get(30, TimeUnit.SECONDS);
        }
    }

    private String createTopic(String purpose) throws Exception {
        String topic = newTopic(purpose);
        SharedKafka.broker().createTopic(topic, PARTITIONS, KafkaTopics.TOPIC_CONFIG);
        return topic;
    }

    private static String bootstrap() {
        return SharedKafka.broker().bootstrap();
    }

    private void sendBatchesOverHttp(IngestInstance to, String camera, int batches) throws Exception {
        DeviceClient client = new DeviceClient(to.ingestUrl());
        DemoEvents events = new DemoEvents("http-" + camera);
        for (int i = 0; i < batches; i++) {
            List<DeviceEvent> batch = batch(events, camera);
            if (sentOverHttp(client, camera, batch)) {
                batch.forEach(e -> acknowledged.add(key(e)));
            }
        }
    }

    private void sendBatchesOverMqtt(IngestInstance to, int batches) {
        DemoEvents events = new DemoEvents("mqtt-" + MQTT_CAMERA);
        try (MqttCamera device = new MqttCamera(MQTT_CAMERA, to.mqttPort, command -> { })) {
            for (int i = 0; i < batches; i++) {
                List<DeviceEvent> batch = batch(events, MQTT_CAMERA);
                if (device.publish(batch).equals("SUCCESS")) {
                    batch.forEach(e -> acknowledged.add(key(e)));
                }
            }
        }
    }

    /** Sends batches until told to stop or the instance is gone; {@code batchesAcknowledged} counts each 202. */
    private void sendUntilStopped(IngestInstance to, String camera, AtomicBoolean sending, List<List<String>> sent,
            AtomicInteger batchesAcknowledged) throws Exception {
        DeviceClient client = new DeviceClient(to.ingestUrl());
        DemoEvents events = new DemoEvents("kill-" + camera);
        while (sending.get()) {
            List<DeviceEvent> batch = batch(events, camera);
            sent.add(batch.stream().map(KafkaIngestFixtures::key).toList());
            if (sentOverHttp(client, camera, batch)) {
                batch.forEach(e -> acknowledged.add(key(e)));
                batchesAcknowledged.incrementAndGet();
            }
        }
    }

    /** Publishes batches at QoS 1 until told to stop or the instance is gone; {@code batchesAcknowledged} counts each PUBACK. */
    private void publishUntilStopped(IngestInstance to, AtomicBoolean sending, List<List<String>> sent, AtomicInteger batchesAcknowledged,
                                     AtomicInteger overMqtt) {
        DemoEvents events = new DemoEvents("kill-" + MQTT_CAMERA);
        try (MqttCamera device = new MqttCamera(MQTT_CAMERA, to.mqttPort, command -> { })) {
            while (sending.get()) {
                List<DeviceEvent> batch = batch(events, MQTT_CAMERA);
                sent.add(batch.stream().map(KafkaIngestFixtures::key).toList());
                if (!device.publish(batch).equals("SUCCESS")) {
                    return; // the connection is gone with the instance
                }
                batch.forEach(e -> acknowledged.add(key(e)));
                batchesAcknowledged.incrementAndGet();
                overMqtt.incrementAndGet();
            }
        }
    }

    private static Thread start(ThrowingRunnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Exception instanceGone) {
                // the instance was killed under the device: that is the point
            }
        });
        thread.start();
        return thread;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
