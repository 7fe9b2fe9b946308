package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.HECUN_DISPATCHER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.TANSHI_VIEWER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static io.gridwarden.alerting.AlertingHarness.TIMEOUT;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.command.DeviceSessions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The operations port under connection-level abuse: idle sockets, too many sockets, slowloris, stream hoarding. */
@ExtendWith(VertxExtension.class)
class OpsConnectionLimitsTest {

    private static final String HEALTH = "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Vertx vertx;
    private AlertingHarness harness;

    @BeforeEach
    void start(Vertx vertx) {
        this.vertx = vertx;
        harness = new AlertingHarness(vertx, dir);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private void deploy(OpsLimits limits, Duration keepAlive) throws Exception {
        harness.deploy(AlertingFixtures.config(harness.dataDir(), null).withKeepAliveInterval(keepAlive).withLimits(limits),
                DeviceSessions.NONE);
    }

    @Test
    @DisplayName("A connection beyond the cap is closed before it is served; the ones within it are served")
    void connectionBeyondTheCapIsClosed() throws Exception {
        deploy(OpsLimits.defaults().withConnections(5, LONG, LONG), Duration.ofSeconds(15));
        NetClient net = vertx.createNetClient();
        List<RawConnection> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RawConnection c = RawConnection.open(net, harness.port());
            c.write(HEALTH);
            held.add(c);
        }
        eventually("the five connections within the cap are answered", () -> held.stream().allMatch(c -> c.received().startsWith("HTTP/1.1 200")));

        RawConnection beyond = RawConnection.open(net, harness.port());
        beyond.send(HEALTH);

        assertThat(beyond.closedWithin(5_000)).as("the sixth connection is closed").isTrue();
        assertThat(beyond.received()).isEmpty();
        assertThat(held).noneMatch(RawConnection::isClosed);
        assertThat(harness.metric("gridwarden_alerting_ops_connections_refused_total")).isEqualTo(1);
    }

    @Test
    @DisplayName("Connections that send nothing hold places under the cap too, so idle sockets cannot pile up beyond it")
    void silentConnectionsCountTowardTheCap() throws Exception {
        deploy(OpsLimits.defaults().withConnections(5, LONG, LONG), Duration.ofSeconds(15));
        NetClient net = vertx.createNetClient();
        List<RawConnection> silent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            silent.add(RawConnection.open(net, harness.port()));
        }
        RawConnection beyond = RawConnection.open(net, harness.port());
        beyond.send(HEALTH);
        assertThat(beyond.closedWithin(5_000)).as("the sixth connection is closed").isTrue();
        assertThat(silent).noneMatch(RawConnection::isClosed);
    }

    @Test
    @DisplayName("Connections that send nothing are closed after the idle timeout")
    void idleConnectionsAreClosed() throws Exception {
        deploy(OpsLimits.defaults().withConnections(1_000, Duration.ofMillis(400), LONG), Duration.ofMillis(100));
        List<RawConnection> idle = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            idle.add(RawConnection.open(vertx, harness.port()));
        }
        for (RawConnection c : idle) {
            assertThat(c.closedWithin(5_000)).as("an idle connection is closed").isTrue();
        }
    }

    @Test
    @DisplayName("Slowloris: a connection that trickles its request headers, never finishing them, is closed after the request-read timeout")
    void tricklingHeadersAreCutOff() throws Exception {
        deploy(OpsLimits.defaults().withConnections(1_000, LONG, Duration.ofMillis(500)), Duration.ofSeconds(15));
        RawConnection slow = RawConnection.open(vertx, harness.port());
        slow.write("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        long started = System.nanoTime();
        for (int i = 0; i < 50 && !slow.isClosed(); i++) {
            slow.send("X-Slow-" + i + ": a\r\n"); // a byte every 100 ms keeps any idle timer happy
            Thread.sleep(100);
        }
        assertThat(slow.isClosed()).as("the trickling connection was closed within 5 s").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(slow.received()).isEmpty();
        assertThat(harness.metric("gridwarden_alerting_ops_request_read_timeouts_total")).isGreaterThanOrEqualTo(1);
    }

    @Test
    @DisplayName("A request body trickled a byte at a time is cut off after the request-read timeout")
    void tricklingBodyIsCutOff() throws Exception {
        deploy(OpsLimits.defaults().withConnections(1_000, LONG, Duration.ofMillis(500)), Duration.ofSeconds(15));
        RawConnection slow = RawConnection.open(vertx, harness.port());
        slow.write("POST /v1/violations/vio-1/close HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN_TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
        for (int i = 0; i < 50 && !slow.isClosed(); i++) {
            slow.send(" ");
            Thread.sleep(100);
        }
        assertThat(slow.isClosed()).as("the trickling body's connection was closed within 5 s").isTrue();
    }

    @Test
    @DisplayName("A healthy alert stream outlives the idle and request-read timeouts: its keep-alives keep it open")
    void healthyStreamStaysOpen() throws Exception {
        deploy(OpsLimits.defaults().withConnections(1_000, Duration.ofMillis(400), Duration.ofMillis(300)), Duration.ofMillis(100));
        try (SseClient sse = SseClient.open(vertx, harness.port(), "/v1/alerts/stream", bearer(ADMIN_TOKEN))) {
            assertThat(sse.status()).isEqualTo(200);
            Thread.sleep(1_500);
            harness.append(Action.update(hecunViolation("t-1", ViolationStatus.DISPATCHED)));
            assertThat(sse.next(TIMEOUT).event()).isEqualTo("violation.dispatched");
        }
    }

    @Test
    @DisplayName("One operator may hold only so many alert streams (429), and all operators together only so many (503), each with Retry-After")
    void streamsAreCappedPerOperatorAndInAll() throws Exception {
        deploy(OpsLimits.defaults().withStreams(2, 3), Duration.ofSeconds(15));
        SseClient first = open(ADMIN_TOKEN);
        SseClient second = open(ADMIN_TOKEN);
        assertThat(List.of(first.status(), second.status())).containsOnly(200);

        SseClient third = open(ADMIN_TOKEN);
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(third.header("content-type")).isEqualTo("application/problem+json");

        SseClient dispatcher = open(HECUN_DISPATCHER_TOKEN);
        assertThat(dispatcher.status()).as("another operator still gets a stream").isEqualTo(200);
        SseClient viewer = open(TANSHI_VIEWER_TOKEN);
        assertThat(viewer.status()).as("the fourth stream in all is refused").isEqualTo(503);
        assertThat(viewer.header("Retry-After")).matches("[1-9][0-9]*");

        first.close();
        eventually("the closed stream's place is free again", () -> {
            try (SseClient again = open(ADMIN_TOKEN)) {
                return again.status() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        for (SseClient c : List.of(second, third, dispatcher, viewer)) {
            c.close();
        }
        assertThat(harness.metric("gridwarden_alerting_ops_streams_refused_total{reason=\"per-operator\"}")).isGreaterThanOrEqualTo(1);
        assertThat(harness.metric("gridwarden_alerting_ops_streams_refused_total{reason=\"in-all\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    @DisplayName("A refused stream's problem says which limit was hit")
    void refusedStreamIsAProblem() throws Exception {
        deploy(OpsLimits.defaults().withStreams(1, 10), Duration.ofSeconds(15));
        try (SseClient first = open(ADMIN_TOKEN)) {
            assertThat(first.status()).isEqualTo(200);
            var refused = harness.get("/v1/alerts/stream", ADMIN_TOKEN);
            assertThat(refused.statusCode()).isEqualTo(429);
            JsonObject problem = refused.bodyAsJsonObject();
            assertThat(problem.getString("type")).isEqualTo("urn:gridwarden:problem:too-many-streams");
            assertThat(problem.getString("detail")).contains("1 alert stream");
        }
    }

    private SseClient open(String token) throws Exception {
        return SseClient.open(vertx, harness.port(), "/v1/alerts/stream", bearer(token));
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
