package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.CAMERA_TOKEN;
import static io.gridwarden.ingest.IngestFixtures.SINGLE;
import static io.gridwarden.ingest.IngestFixtures.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The officer's page (alerting's origin) may post events to ingest from a browser; no other web origin may.
 * A real ingest on loopback, asked as a browser asks: a preflight, then the POST with {@code Origin}.
 */
class BrowserOriginsTest {

    private static final String OFFICER_PAGE = "http://127.0.0.1:8090";

    @TempDir
    Path dir;
    private Vertx vertx;
    private RocksRecordLog log;
    private WebClient client;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        log = RocksRecordLog.open(LogSpec.of(dir.resolve("events"), 1));
        var verticle = new IngestVerticle(IngestConfig.defaults().withHost("127.0.0.1").withHttpPort(0).withBrowserOrigins(List.of(OFFICER_PAGE)),
                IngestFixtures.TOWN, log, new PrometheusRegistry());
        vertx.deployVerticle(verticle).await(10, TimeUnit.SECONDS);
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()));
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        log.close();
    }

    @Test
    @DisplayName("A preflight from the officer's page is allowed to POST with Authorization and Content-Type; its POST's answer is readable")
    void officerPageMayPost() throws Exception {
        HttpResponse<Buffer> preflight = preflight(OFFICER_PAGE);
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo(OFFICER_PAGE);
        assertThat(preflight.getHeader("Access-Control-Allow-Headers")).contains("authorization").contains("content-type");

        HttpResponse<Buffer> posted = client.post(IngestVerticle.EVENTS_PATH).putHeader("Origin", OFFICER_PAGE).putHeader("Content-Type", SINGLE)
                .bearerTokenAuthentication(CAMERA_TOKEN).sendBuffer(Buffer.buffer(heartbeat(CAMERA, "hb-1").encode())).await(10, TimeUnit.SECONDS);
        assertThat(posted.statusCode()).isEqualTo(202);
        assertThat(posted.getHeader("Access-Control-Allow-Origin")).isEqualTo(OFFICER_PAGE);
    }

    @Test
    @DisplayName("Another site's page (or the right host on another port) gets no CORS answer, so the browser sends nothing")
    void otherOriginsAreNotAllowed() throws Exception {
        for (String hostile : List.of("http://evil.example", "http://127.0.0.1:8091", "https://127.0.0.1:8090", "null")) {
            HttpResponse<Buffer> preflight = preflight(hostile);
            assertThat(preflight.getHeader("Access-Control-Allow-Origin")).as(hostile).isNull();
            assertThat(preflight.getHeader("Access-Control-Allow-Methods")).as(hostile).isNull();
        }
        HttpResponse<Buffer> posted = client.post(IngestVerticle.EVENTS_PATH).putHeader("Origin", "http://evil.example")
                .putHeader("Content-Type", SINGLE).sendBuffer(Buffer.buffer("{}")).await(10, TimeUnit.SECONDS);
        assertThat(posted.statusCode()).as("still a device token or nothing").isEqualTo(401);
        assertThat(posted.getHeader("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    @DisplayName("Only exact origins are configurable: a wildcard, a path or user info is refused at start")
    void onlyExactOrigins() {
        for (String bad : List.of("*", "http://*.example", "http://127.0.0.1:8090/officer", "ftp://x", "http://u:p@x", "HTTP://X")) {
            assertThatThrownBy(() -> IngestConfig.defaults().withBrowserOrigins(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)://host[:port]");
        }
    }

    private HttpResponse<Buffer> preflight(String origin) throws Exception {
        return client.request(HttpMethod.OPTIONS, IngestVerticle.EVENTS_PATH).putHeader("Origin", origin)
                .putHeader("Access-Control-Request-Method", "POST").putHeader("Access-Control-Request-Headers", "authorization, content-type")
                .send().await(10, TimeUnit.SECONDS);
    }
}
