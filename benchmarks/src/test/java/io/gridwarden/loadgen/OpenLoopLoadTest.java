package io.gridwarden.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.suite.peers.NoopIngestServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The open-loop load")
class OpenLoopLoadTest {

    private static OpenLoopLoad.Settings at(String baseUrl) {
        return new OpenLoopLoad.Settings(URI.create(baseUrl + "/v1/events"), 2_000, 100, Duration.ofSeconds(1), Duration.ofMillis(500), 8,
                List.of("cam-0001", "cam-0002"));
    }

    @Test
    @DisplayName("tallies the answers of the measured window, second by second, and, run after run, leaves no threads behind")
    void shouldTallyAcceptedBatchesAndLeaveNoThreads() throws Exception {
        try (var server = NoopIngestServer.start()) {
            Set<Thread> before = vertxThreads();
            for (int run = 0; run < 2; run++) {
                LoadResult result = new OpenLoopLoad().run(at(server.baseUrl()), p -> { });

                assertThat(result.responsesByStatus()).containsOnlyKeys("202");
                assertThat(result.responsesByStatus().get("202")).isEqualTo(20);
                assertThat(result.ackedEventsPerSecond()).isEqualTo(2_000);
                assertThat(result.p99BySecondMillis()).as("the window's second, and the answers after it").hasSizeBetween(1, 2).doesNotContainNull();
                assertThat(vertxThreads()).isEqualTo(before);
            }
        }
    }

    @Test
    @DisplayName("names a refused connection by its root cause")
    void shouldNameFailuresByTheirRootCause() throws Exception {
        int closedPort = closedPort();

        LoadResult result = new OpenLoopLoad().run(at("http://127.0.0.1:" + closedPort), p -> { });

        assertThat(result.responsesByStatus()).containsOnlyKeys("ConnectException: Connection refused");
        assertThat(result.ackedEventsPerSecond()).isZero();
    }

    @Test
    @DisplayName("takes turns between several ingest instances, so that each gets half of the batches")
    void shouldSpreadBatchesOverSeveralTargets() throws Exception {
        int closedPort = closedPort();
        try (var server = NoopIngestServer.start()) {
            var both = new OpenLoopLoad.Settings(List.of(URI.create(server.baseUrl() + "/v1/events"),
                    URI.create("http://127.0.0.1:" + closedPort + "/v1/events")), 2_000, 100, Duration.ofSeconds(1), Duration.ofMillis(500), 8,
                    List.of("cam-0001", "cam-0002"));

            LoadResult result = new OpenLoopLoad().run(both, p -> { });

            assertThat(result.responsesByStatus()).containsEntry("202", 10L).containsEntry("ConnectException: Connection refused", 10L);
        }
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws Exception {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Vert.x's threads alive now; by identity, as every instance names its threads alike. */
    private static Set<Thread> vertxThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("vert.x-") || t.getName().startsWith("vertx-")).collect(Collectors.toSet());
    }
}
