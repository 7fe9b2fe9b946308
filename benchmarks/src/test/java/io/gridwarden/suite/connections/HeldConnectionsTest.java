package io.gridwarden.suite.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.suite.connections.HeldConnections.Result;
import io.gridwarden.suite.peers.NoopMqttServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("loadgen mqtt-connections, at a small scale against the no-op MQTT server in this JVM")
class HeldConnectionsTest {

    private static final int DEVICES = 60;

    @Test
    @DisplayName("hold every device's connection from two source addresses, publish from each, and report latency and memory per connection")
    void shouldHoldTheConnectionsAndReportTheFigures() throws Exception {
        List<String> devices = IntStream.rangeClosed(1, DEVICES).mapToObj(i -> String.format("cam-%05d", i)).toList();
        var settings = new HeldConnections.Settings(devices, 2_000, 2, Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(1),
                Duration.ofHours(1), Set.of());
        try (NoopMqttServer noop = NoopMqttServer.start()) {
            Result result = new HeldConnections(settings)
                    .measure(new HeldConnections.Server("no-op", ProcessHandle.current().pid(), true, "127.0.0.1", noop.port()));

            assertThat(result.ramp().held()).isEqualTo(DEVICES);
            assertThat(result.ramp().failures()).isEmpty();
            assertThat(result.heldAtEnd()).isEqualTo(DEVICES);
            // every device took its turn: 60 devices a 300 ms period, over a second
            assertThat(result.publishing().acked()).isGreaterThanOrEqualTo(DEVICES * 3L - DEVICES / 10);
            assertThat(result.publishing().failed()).isZero();
            assertThat(result.publishing().p99Millis()).isPositive();
            assertThat(noop.events()).isGreaterThanOrEqualTo(result.publishing().acked());
            assertThat(result.serverHolding().heapUsedBytes()).isPositive();
            assertThat(result.serverHolding().residentBytes()).isPositive();
            assertThat(result.serverHolding().openFiles()).isGreaterThan(2L * DEVICES); // both ends of each connection are in this JVM
            assertThat(result.serverOpenFilesLimit()).isPositive();
            assertThat(result.perConnection().serverHeap()).isNotEqualTo(-1);
        }
    }
}
