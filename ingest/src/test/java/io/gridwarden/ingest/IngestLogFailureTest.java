package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.CAMERA_TOKEN;
import static io.gridwarden.ingest.IngestFixtures.SINGLE;
import static io.gridwarden.ingest.IngestFixtures.detection;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.log.LogOverloadedException;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.testsupport.RefusingLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class IngestLogFailureTest {

    private static final IngestConfig LOOPBACK = IngestConfig.defaults().withHost("127.0.0.1").withHttpPort(0);

    private static Future<HttpResponse<Buffer>> postOneEvent(Vertx vertx, RecordLog log) {
        var verticle = new IngestVerticle(LOOPBACK, IngestFixtures.TOWN, log, new PrometheusRegistry());
        return vertx.deployVerticle(verticle).compose(id -> WebClient.create(vertx,
                        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()))
                .post(IngestVerticle.EVENTS_PATH)
                .bearerTokenAuthentication(CAMERA_TOKEN)
                .putHeader("Content-Type", SINGLE)
                .sendBuffer(detection(CAMERA, "e-1").toBuffer()));
    }

    @Test
    @DisplayName("When the log's queue is full the device is told 503 with Retry-After")
    void overloadedLog(Vertx vertx, VertxTestContext testContext) {
        postOneEvent(vertx, new RefusingLog(new LogOverloadedException("queue full")))
                .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
                    assertThat(response.statusCode()).isEqualTo(503);
                    assertThat(response.getHeader("Retry-After")).isEqualTo("1");
                    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
                    testContext.completeNow();
                })));
    }

    @Test
    @DisplayName("When the log fails to write the device is told 500, never 202")
    void brokenLog(Vertx vertx, VertxTestContext testContext) {
        postOneEvent(vertx, new RefusingLog(new IllegalStateException("disk gone")))
                .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
                    assertThat(response.statusCode()).isEqualTo(500);
                    assertThat(response.bodyAsJsonObject().getString("type")).endsWith("log-failure");
                    testContext.completeNow();
                })));
    }

    @Test
    @DisplayName("Deployment fails when the port is already taken")
    void portTaken(Vertx vertx, VertxTestContext testContext) throws Exception {
        ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        var verticle = new IngestVerticle(LOOPBACK.withHttpPort(squatter.getLocalPort()), IngestFixtures.TOWN,
                new RefusingLog(new IllegalStateException("unused")), new PrometheusRegistry());
        vertx.deployVerticle(verticle).onComplete(testContext.failing(error -> testContext.verify(() -> {
            squatter.close();
            assertThat(error).hasMessageContaining("cannot listen");
            testContext.completeNow();
        })));
    }
}
