package io.gridwarden.suite.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import io.gridwarden.suite.log.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaIngestServerTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("The durable peer answers 202 only with every event of the batch in its Kafka topic, keyed by device")
    void shouldAcknowledgeOnlyWhatTheBrokerHolds() throws Exception {
        try (var broker = KafkaBroker.start(dir, 2, true);
             var peer = KafkaIngestServer.start(broker.bootstrap(), 2)) {
            DemoEvents events = new DemoEvents("peer");
            var batch = List.of(events.frame("cam-0001", Instant.now(), List.of(DemoEvents.car("t-1"))),
                    events.frame("cam-0002", Instant.now(), List.of(DemoEvents.car("t-2"))));

            var response = new DeviceClient(peer.baseUrl()).send("any-token", batch);

            assertThat(response.status()).isEqualTo(202);
            assertThat(keys(broker.bootstrap())).containsExactlyInAnyOrder("cam-0001", "cam-0002");
        }
    }

    private static List<String> keys(String bootstrap) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of("bootstrap.servers", bootstrap, "group.id", "check",
                "auto.offset.reset", "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(KafkaIngestServer.TOPIC));
            List<String> keys = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (keys.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(r.key());
                }
            }
            return keys;
        }
    }
}
