package io.gridwarden.ingest;

import static io.gridwarden.ingest.MqttFixtures.HOST;
import static io.gridwarden.ingest.MqttFixtures.LOOPBACK;
import static io.gridwarden.ingest.MqttFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /health/ready} of a process running both endpoints over one set of services. */
@ExtendWith(VertxExtension.class)
class IngestReadinessTest {

    private Vertx vertx;
    private RocksRecordLog log;
    private IngestServices services;
    private WebClient client;
    private boolean logClosed;

    @BeforeEach
    void deployHttp(Vertx vertx, @TempDir Path dataDir) throws Exception {
        this.vertx = vertx;
        log = RocksRecordLog.open(LogSpec.of(dataDir.resolve("events"), 2));
        services = IngestServices.create(LOOPBACK, IngestFixtures.TOWN, log, new PrometheusRegistry());
        var http = new IngestVerticle(services);
        await(vertx.deployVerticle(http));
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(HOST).setDefaultPort(http.actualPort()));
    }

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
        if (!logClosed) {
            log.close();
        }
    }

    @Test
    @DisplayName("Ingest is not ready while its MQTT listener is not up: 503 names the part that is down, and ready once it listens")
    void notReadyUntilMqttListens() throws Exception {
        HttpResponse<?> before = ready();

        assertThat(before.statusCode()).isEqualTo(503);
        JsonObject parts = before.bodyAsJsonObject().getJsonObject("parts");
        assertThat(before.bodyAsJsonObject().getString("status")).isEqualTo("DOWN");
        assertThat(parts.getJsonObject("http").getString("status")).isEqualTo("UP");
        assertThat(parts.getJsonObject("eventLog").getString("status")).isEqualTo("UP");
        assertThat(parts.getJsonObject("mqtt").getString("status")).isEqualTo("DOWN");
        assertThat(parts.getJsonObject("mqtt").getString("reason")).contains("MQTT listener");

        String mqtt = await(vertx.deployVerticle(new MqttIngestVerticle(services)));
        HttpResponse<?> listening = ready();
        assertThat(listening.statusCode()).isEqualTo(200);
        assertThat(listening.bodyAsJsonObject().getString("status")).isEqualTo("UP");
        assertThat(listening.bodyAsJsonObject().getJsonObject("parts").fieldNames()).containsExactlyInAnyOrder("http", "mqtt", "eventLog");

        await(vertx.undeploy(mqtt));
        assertThat(ready().statusCode()).as("the MQTT listener stopped").isEqualTo(503);
    }

    @Test
    @DisplayName("Ingest is not ready once its event log is closed: 503 says the event log cannot write")
    void notReadyWhenTheLogIsClosed() throws Exception {
        await(vertx.deployVerticle(new MqttIngestVerticle(services)));
        assertThat(ready().statusCode()).isEqualTo(200);

        log.close();
        logClosed = true;

        HttpResponse<?> closed = ready();
        assertThat(closed.statusCode()).isEqualTo(503);
        JsonObject eventLog = closed.bodyAsJsonObject().getJsonObject("parts").getJsonObject("eventLog");
        assertThat(eventLog.getString("status")).isEqualTo("DOWN");
        assertThat(eventLog.getString("reason")).contains("closed");
        assertThat(closed.bodyAsJsonObject().getJsonObject("parts").getJsonObject("mqtt").getString("status")).isEqualTo("UP");
    }

    private HttpResponse<?> ready() throws Exception {
        return await(client.get("/health/ready").send());
    }
}
