package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.BATCH;
import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.CAMERA_TOKEN;
import static io.gridwarden.ingest.IngestFixtures.SINGLE;
import static io.gridwarden.ingest.IngestFixtures.batch;
import static io.gridwarden.ingest.IngestFixtures.detection;
import static io.gridwarden.ingest.MqttFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Ingest's refusals under load over HTTP: device rate, pipeline lag, connection cap and idle timeout. */
@ExtendWith(VertxExtension.class)
class IngestGuardHttpTest {

    private static final IngestLimits LIMITS = IngestLimits.defaults().withDeviceRate(1, 3).withMaxLagEvents(5)
            .withMaxHttpConnections(2);

    private static final String HEALTH_REQUEST = "GET /health/live HTTP/1.1\r\nHost: ingest\r\n\r\n";

    private Vertx vertx;
    private RocksRecordLog log;
    private IngestVerticle verticle;
    private WebClient client;

    @BeforeEach
    void deploy(Vertx vertx, @TempDir Path dataDir) throws Exception {
        this.vertx = vertx;
        log = RocksRecordLog.open(LogSpec.of(dataDir.resolve("events"), 2));
        IngestConfig config = MqttFixtures.LOOPBACK.withLimits(LIMITS);
        verticle = new IngestVerticle(config, IngestFixtures.TOWN, log, new PrometheusRegistry());
        await(vertx.deployVerticle(verticle));
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(MqttFixtures.HOST).setDefaultPort(verticle.actualPort()));
    }

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
        log.close();
    }

    private HttpResponse<Buffer> post(String contentType, Object body) throws Exception {
        return await(client.post(IngestVerticle.EVENTS_PATH).bearerTokenAuthentication(CAMERA_TOKEN)
                .putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(body.toString())));
    }

    private long stored() {
        return IntStream.range(0, log.partitions()).mapToLong(log::endOffset).sum();
    }

    @Test
    @DisplayName("A device over its rate gets 429 with Retry-After and a problem, and nothing of that request is stored")
    void deviceOverItsRateIsTooManyRequests() throws Exception {
        assertThat(post(BATCH, batch(detection(CAMERA, "r-1"), detection(CAMERA, "r-2"))).statusCode()).isEqualTo(202);

        HttpResponse<Buffer> refused = post(BATCH, batch(detection(CAMERA, "r-3"), detection(CAMERA, "r-4")));

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.getHeader("Content-Type")).isEqualTo(HttpReplies.PROBLEM_JSON);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo("urn:gridwarden:problem:rate-limited");
        assertThat(stored()).isEqualTo(2);
        assertThat(post(SINGLE, detection(CAMERA, "r-5")).statusCode()).isEqualTo(202); // one token was left
    }

    @Test
    @DisplayName("While the jobs lag too far behind, every request gets 503 pipeline-behind; acknowledging lets events in again")
    void pipelineBehindIsServiceUnavailableUntilAcknowledged() throws Exception {
        for (int i = 0; i < 6; i++) {
            log.append(java.util.List.of(new io.gridwarden.common.log.LogEntry("cam-0009", null, new byte[] {1}))).join();
        }

        HttpResponse<Buffer> refused = post(SINGLE, detection(CAMERA, "l-1"));

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo(Integer.toString(Rejection.PIPELINE_BEHIND_RETRY_AFTER_SECONDS));
        JsonObject problem = refused.bodyAsJsonObject();
        assertThat(problem.getString("type")).isEqualTo("urn:gridwarden:problem:pipeline-behind");
        assertThat(problem.getString("detail")).contains("6 events");
        assertThat(stored()).isEqualTo(6);

        int partition = log.partitionOf("cam-0009");
        log.acknowledge(partition, log.endOffset(partition));
        assertThat(post(SINGLE, detection(CAMERA, "l-1")).statusCode()).isEqualTo(202);
    }

    @Test
    @DisplayName("A connection beyond the cap is closed at once; the ones within it are served")
    void connectionBeyondTheCapIsClosed() throws Exception {
        NetClient net = vertx.createNetClient();
        Watched first = connect(net, verticle.actualPort());
        Watched second = connect(net, verticle.actualPort());
        first.socket.write(HEALTH_REQUEST);
        second.socket.write(HEALTH_REQUEST);
        assertThat(first.received.get(5, TimeUnit.SECONDS).toString()).startsWith("HTTP/1.1 200");
        assertThat(second.received.get(5, TimeUnit.SECONDS).toString()).startsWith("HTTP/1.1 200");

        Watched third = connect(net, verticle.actualPort());
        third.socket.write(HEALTH_REQUEST);

        assertThat(third.closed.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(third.received).isNotDone();
        assertThat(first.closed).isNotDone();
    }

    @Test
    @DisplayName("An idle HTTP connection is closed after the idle timeout")
    void idleConnectionIsClosed() throws Exception {
        IngestConfig config = MqttFixtures.LOOPBACK.withLimits(LIMITS.withHttpIdleTimeout(Duration.ofMillis(300)));
        var impatient = new IngestVerticle(config, IngestFixtures.TOWN, log, new PrometheusRegistry());
        await(vertx.deployVerticle(impatient));
        Watched idle = connect(vertx.createNetClient(), impatient.actualPort());

        assertThat(idle.closed.get(5, TimeUnit.SECONDS)).isTrue();
    }

    /** A raw connection whose close and first bytes are watched from the moment it opens (on its event loop). */
    private record Watched(NetSocket socket, CompletableFuture<Boolean> closed, CompletableFuture<Buffer> received) {}

    private static Watched connect(NetClient net, int port) throws Exception {
        return await(net.connect(port, MqttFixtures.HOST).map(socket -> {
            var watched = new Watched(socket, new CompletableFuture<>(), new CompletableFuture<>());
            socket.closeHandler(v -> watched.closed.complete(true));
            socket.handler(watched.received::complete);
            return watched;
        }));
    }
}
