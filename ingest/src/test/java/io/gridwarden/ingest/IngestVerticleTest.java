package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.BATCH;
import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.CAMERA_TOKEN;
import static io.gridwarden.ingest.IngestFixtures.OTHER_CAMERA;
import static io.gridwarden.ingest.IngestFixtures.SINGLE;
import static io.gridwarden.ingest.IngestFixtures.batch;
import static io.gridwarden.ingest.IngestFixtures.detection;
import static io.gridwarden.ingest.IngestFixtures.heartbeat;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class IngestVerticleTest {

    /** The demo town's Prometheus: an operator of role metrics. */
    private static final String SCRAPER_TOKEN = "demo-prometheus";

    private RocksRecordLog log;
    private PrometheusRegistry registry;
    private WebClient client;

    @BeforeEach
    void deploy(Vertx vertx, VertxTestContext testContext, @TempDir Path dataDir) {
        log = RocksRecordLog.open(LogSpec.of(dataDir.resolve("events"), 4));
        registry = new PrometheusRegistry();
        var verticle = new IngestVerticle(IngestConfig.defaults().withHost("127.0.0.1").withHttpPort(0),
                IngestFixtures.TOWN, log, registry);
        vertx.deployVerticle(verticle).onComplete(testContext.succeeding(id -> {
            client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(verticle.actualPort()));
            testContext.completeNow();
        }));
    }

    @AfterEach
    void closeLog(Vertx vertx, VertxTestContext testContext) {
        vertx.close().onComplete(done -> {
            log.close();
            testContext.completeNow();
        });
    }

    private Future<HttpResponse<Buffer>> post(String token, String contentType, Object body) {
        var request = client.post(IngestVerticle.EVENTS_PATH);
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        return request.sendBuffer(body instanceof Buffer buffer ? buffer : Buffer.buffer(body.toString()));
    }

    private long stored() {
        return IntStream.range(0, log.partitions()).mapToLong(log::endOffset).sum();
    }

    private static void assertProblem(HttpResponse<Buffer> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        JsonObject problem = response.bodyAsJsonObject();
        assertThat(problem.getInteger("status")).isEqualTo(status);
        assertThat(problem.getString("type")).startsWith("urn:gridwarden:problem:");
        assertThat(problem.getString("title")).isNotBlank();
        assertThat(problem.getString("detail")).isNotBlank();
    }

    @Test
    @DisplayName("A camera posts one event: 202 once stored, and the event reads back from the log with its ingest time, its device time beside it")
    void singleEvent(VertxTestContext testContext) {
        post(CAMERA_TOKEN, SINGLE, detection(CAMERA, "cam-0001-000001")).onComplete(testContext.succeeding(response ->
                testContext.verify(() -> {
                    assertThat(response.statusCode()).isEqualTo(202);
                    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject().put("accepted", 1).put("duplicates", 0));
                    List<LogRecord> records = log.read(log.partitionOf(CAMERA), 0, 10);
                    assertThat(records).hasSize(1);
                    DeviceEvent stored = EventCodec.decode(records.get(0).payload());
                    assertThat(stored.id()).isEqualTo("cam-0001-000001");
                    assertThat(stored.source()).isEqualTo(CAMERA);
                    assertThat(stored.ingestTime()).isNotNull();
                    assertThat(records.get(0).eventTimeMillis()).as("stored beside the record, for the jobs")
                            .isEqualTo(stored.time().toEpochMilli());
                    testContext.completeNow();
                })));
    }

    @Test
    @DisplayName("A batch of three events is stored whole and acknowledged with accepted 3")
    void batchOfEvents(VertxTestContext testContext) {
        var events = batch(detection(CAMERA, "b-1"), heartbeat(CAMERA, "b-2"), detection(CAMERA, "b-3"));
        post(CAMERA_TOKEN, BATCH, events).onComplete(testContext.succeeding(response -> testContext.verify(() -> {
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.bodyAsJsonObject().getInteger("accepted")).isEqualTo(3);
            assertThat(stored()).isEqualTo(3);
            testContext.completeNow();
        })));
    }

    @Test
    @DisplayName("A repeated (source, id) is acknowledged as a duplicate and stored once")
    void duplicateStoredOnce(VertxTestContext testContext) {
        var event = detection(CAMERA, "dup-1");
        post(CAMERA_TOKEN, "application/json", event)
                .compose(first -> post(CAMERA_TOKEN, "application/json; charset=utf-8", event))
                .onComplete(testContext.succeeding(second -> testContext.verify(() -> {
                    assertThat(second.statusCode()).isEqualTo(202);
                    assertThat(second.bodyAsJsonObject()).isEqualTo(new JsonObject().put("accepted", 0).put("duplicates", 1));
                    assertThat(stored()).isEqualTo(1);
                    testContext.completeNow();
                })));
    }

    @Test
    @DisplayName("An empty batch is acknowledged with accepted 0")
    void emptyBatch(VertxTestContext testContext) {
        post(CAMERA_TOKEN, BATCH, new JsonArray()).onComplete(testContext.succeeding(response -> testContext.verify(() -> {
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.bodyAsJsonObject().getInteger("accepted")).isZero();
            testContext.completeNow();
        })));
    }

    @Test
    @DisplayName("Without a token, or with an unknown one, the answer is 401 with WWW-Authenticate and nothing is stored")
    void unauthenticated(VertxTestContext testContext) {
        var event = detection(CAMERA, "e-1");
        post(null, SINGLE, event).onComplete(testContext.succeeding(missing -> testContext.verify(() -> {
            assertProblem(missing, 401);
            assertThat(missing.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        }))).compose(missing -> post("demo-cam-9999", SINGLE, event)).onComplete(testContext.succeeding(wrong ->
                testContext.verify(() -> {
                    assertProblem(wrong, 401);
                    assertThat(stored()).isZero();
                    testContext.completeNow();
                })));
    }

    @Test
    @DisplayName("An event whose source is another device is refused with 403 naming its index, and nothing is stored")
    void foreignSource(VertxTestContext testContext) {
        var events = batch(heartbeat(CAMERA, "ok-1"), heartbeat(OTHER_CAMERA, "theirs-1"));
        post(CAMERA_TOKEN, BATCH, events).onComplete(testContext.succeeding(response -> testContext.verify(() -> {
            assertProblem(response, 403);
            JsonObject problem = response.bodyAsJsonObject().getJsonArray("problems").getJsonObject(0);
            assertThat(problem.getInteger("index")).isEqualTo(1);
            assertThat(problem.getString("field")).isEqualTo("/source");
            assertThat(stored()).isZero();
            testContext.completeNow();
        })));
    }

    @Test
    @DisplayName("A body that is not JSON is refused with 400 and a problem")
    void malformedJson(VertxTestContext testContext) {
        post(CAMERA_TOKEN, SINGLE, "{\"specversion\": \"1.0\", ").onComplete(testContext.succeeding(response ->
                testContext.verify(() -> {
                    assertProblem(response, 400);
                    assertThat(response.bodyAsJsonObject().getJsonArray("problems")).isNotEmpty();
                    assertThat(stored()).isZero();
                    testContext.completeNow();
                })));
    }

    @Test
    @DisplayName("A box value of 1.7 in the middle of a batch is named by index and field, and the valid events beside it are not stored")
    void badFieldNamed(VertxTestContext testContext) {
        var badBox = new JsonArray().add(0.1).add(1.7).add(0.1).add(0.1);
        var events = batch(detection(CAMERA, "v-1"), detection(CAMERA, "v-2", badBox), heartbeat(CAMERA, "v-3"));
        post(CAMERA_TOKEN, BATCH, events).onComplete(testContext.succeeding(response -> testContext.verify(() -> {
            assertProblem(response, 400);
            JsonArray problems = response.bodyAsJsonObject().getJsonArray("problems");
            assertThat(problems).hasSize(1);
            assertThat(problems.getJsonObject(0).getInteger("index")).isEqualTo(1);
            assertThat(problems.getJsonObject(0).getString("field")).isEqualTo("/data/objects/0/box");
            assertThat(problems.getJsonObject(0).getString("reason")).isNotBlank();
            assertThat(stored()).isZero();
            testContext.completeNow();
        })));
    }

    @Test
    @DisplayName("A batch of 1001 events is refused with 400 and nothing is stored")
    void batchOverLimit(VertxTestContext testContext) {
        JsonArray events = new JsonArray();
        IntStream.range(0, 1001).forEach(i -> events.add(heartbeat(CAMERA, "hb-" + i)));
        post(CAMERA_TOKEN, BATCH, events).onComplete(testContext.succeeding(response -> testContext.verify(() -> {
            assertProblem(response, 400);
            assertThat(response.bodyAsJsonObject().getString("type")).endsWith("batch-too-large");
            assertThat(stored()).isZero();
            testContext.completeNow();
        })));
    }

    @Test
    @DisplayName("A body over 1 MiB is refused with 413 and nothing is stored")
    void bodyTooLarge(VertxTestContext testContext) {
        var padded = Buffer.buffer("[" + " ".repeat((int) IngestConfig.DEFAULT_MAX_BODY_BYTES) + "]");
        post(CAMERA_TOKEN, BATCH, padded).onComplete(testContext.succeeding(response -> testContext.verify(() -> {
            assertProblem(response, 413);
            assertThat(stored()).isZero();
            testContext.completeNow();
        })));
    }

    @Test
    @DisplayName("A content type other than CloudEvents JSON is refused with 415")
    void unsupportedContentType(VertxTestContext testContext) {
        post(CAMERA_TOKEN, "text/plain", detection(CAMERA, "t-1")).onComplete(testContext.succeeding(response ->
                testContext.verify(() -> {
                    assertProblem(response, 415);
                    assertThat(stored()).isZero();
                    testContext.completeNow();
                })));
    }

    @Test
    @DisplayName("Liveness and readiness answer UP")
    void health(VertxTestContext testContext) {
        client.get("/health/live").send().onComplete(testContext.succeeding(live -> testContext.verify(() -> {
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.bodyAsJsonObject().getString("status")).isEqualTo("UP");
        }))).compose(live -> client.get("/health/ready").send()).onComplete(testContext.succeeding(ready ->
                testContext.verify(() -> {
                    assertThat(ready.statusCode()).isEqualTo(200);
                    assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("UP");
                    testContext.completeNow();
                })));
    }

    @Test
    @DisplayName("/metrics counts accepted events and rejected requests by reason")
    void metrics(VertxTestContext testContext) {
        post(CAMERA_TOKEN, SINGLE, detection(CAMERA, "m-1"))
                .compose(accepted -> post(null, SINGLE, detection(CAMERA, "m-2")))
                .compose(rejected -> client.get("/metrics").bearerTokenAuthentication(SCRAPER_TOKEN).send())
                .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.getHeader("Content-Type")).startsWith("text/plain");
                    String text = response.bodyAsString();
                    assertThat(text).contains("gridwarden_ingest_events_accepted_total 1.0");
                    assertThat(text).contains("gridwarden_ingest_requests_rejected_total{reason=\"unauthorized\"} 1.0");
                    assertThat(text).contains("gridwarden_ingest_ack_latency_seconds_count 1");
                    testContext.completeNow();
                })));
    }

    @Test
    @DisplayName("/metrics answers an operator of role metrics or admin; 401 without a token or with a device's, 403 for a viewer")
    void metricsNeedAScrapersToken(VertxTestContext testContext) {
        scrape(null)
                .compose(none -> {
                    testContext.verify(() -> {
                        assertThat(none.statusCode()).isEqualTo(401);
                        assertThat(none.bodyAsJsonObject().getString("detail")).contains("role metrics or admin");
                        assertThat(none.bodyAsJsonObject().getString("title")).as("a scraper is an operator").isEqualTo("Missing or unknown operator token");
                        assertThat(none.bodyAsString()).doesNotContain("gridwarden_");
                    });
                    return scrape(CAMERA_TOKEN);
                })
                .compose(device -> {
                    testContext.verify(() -> assertThat(device.statusCode()).as("a device's token").isEqualTo(401));
                    return scrape("demo-viewer-tanshi");
                })
                .compose(viewer -> {
                    testContext.verify(() -> {
                        assertThat(viewer.statusCode()).as("a viewer's token").isEqualTo(403);
                        assertThat(viewer.bodyAsJsonObject().getString("type")).isEqualTo("urn:gridwarden:problem:metrics-forbidden");
                    });
                    return scrape("demo-admin");
                })
                .compose(admin -> {
                    testContext.verify(() -> assertThat(admin.statusCode()).as("an admin's token").isEqualTo(200));
                    return scrape(SCRAPER_TOKEN);
                })
                .onComplete(testContext.succeeding(scraper -> testContext.verify(() -> {
                    assertThat(scraper.statusCode()).isEqualTo(200);
                    assertThat(scraper.bodyAsString()).contains("gridwarden_ingest_login_failures_total{transport=\"http\"} 2.0");
                    testContext.completeNow();
                })));
    }

    private Future<HttpResponse<Buffer>> scrape(String token) {
        var request = client.get("/metrics");
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        return request.send();
    }
}
