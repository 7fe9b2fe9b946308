package io.gridwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.Detection;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.evidence.EvidenceRef;
import io.gridwarden.evidence.files.EvidenceLimits;
import io.gridwarden.evidence.files.FileEvidenceStore;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.EventType;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.town.Secrets;
import io.gridwarden.common.town.Town;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.gridwarden.testsupport.IsapiAlerts;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The ISAPI alarm host on a real ingest HTTP endpoint on loopback, posted to as a Hikvision camera posts. */
@ExtendWith(VertxExtension.class)
@DisplayName("ISAPI alarm host")
class IsapiAlarmHostTest {

    private static final String PATH = "/isapi/alarms/";
    private RocksRecordLog log;
    private WebClient client;
    private FileEvidenceStore evidence;
    private IngestServices services;

    @BeforeEach
    void deploy(Vertx vertx, VertxTestContext testContext, @TempDir Path dataDir) {
        log = RocksRecordLog.open(LogSpec.of(dataDir.resolve("events"), 2));
        IngestConfig config = IngestConfig.defaults().withHost("127.0.0.1").withHttpPort(0);
        evidence = FileEvidenceStore.open(dataDir.resolve("evidence"), EvidenceLimits.defaults(), java.time.Clock.systemUTC());
        services = IngestServices.create(config, IngestFixtures.TOWN, log, new PrometheusRegistry()).withEvidence(evidence);
        var verticle = new IngestVerticle(services);
        vertx.deployVerticle(verticle).onComplete(testContext.succeeding(id -> {
            client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()));
            testContext.completeNow();
        }));
    }

    @AfterEach
    void close(Vertx vertx, VertxTestContext testContext) {
        vertx.close().onComplete(done -> {
            log.close();
            evidence.close();
            testContext.completeNow();
        });
    }

    private HttpResponse<Buffer> post(String secret, String contentType, byte[] body) throws Exception {
        Future<HttpResponse<Buffer>> sent = client.post(PATH + secret).putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(body));
        return sent.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private List<DeviceEvent> stored() {
        List<DeviceEvent> events = new ArrayList<>();
        for (int p = 0; p < log.partitions(); p++) {
            for (LogRecord r : log.read(p, 0, 1000)) {
                events.add(EventCodec.decode(r.payload()));
            }
        }
        return events;
    }

    @Test
    @DisplayName("An XML regionEntrance becomes a camera frame; the same alert re-sent is a duplicate")
    void shouldStoreAnXmlAlertAsAFrameOnceEvenWhenResent() throws Exception {
        byte[] xml = utf8(IsapiAlerts.xml("regionEntrance", IsapiAlerts.MAC, Instant.now(), 1, "vehicle"));

        HttpResponse<Buffer> first = post(IsapiAlerts.SECRET, "application/xml", xml);
        HttpResponse<Buffer> again = post(IsapiAlerts.SECRET, "application/xml", xml);

        assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
        assertThat(first.bodyAsJsonObject()).isEqualTo(new JsonObject().put("accepted", 1).put("duplicates", 0));
        assertThat(again.bodyAsJsonObject()).isEqualTo(new JsonObject().put("accepted", 0).put("duplicates", 1));
        assertThat(stored()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(IsapiAlerts.CAMERA);
            assertThat(e.type()).isEqualTo(EventType.DETECTION);
        });
    }

    @Test
    @DisplayName("A multipart alert's JPEG goes into the evidence store and the frame names it in data.evidence")
    void shouldKeepTheMultipartPictureAsTheFramesEvidence() throws Exception {
        byte[] body = IsapiAlerts.multipart(IsapiAlerts.xml("parking", IsapiAlerts.MAC, Instant.now(), 1, "vehicle"), IsapiAlerts.JPEG);

        HttpResponse<Buffer> reply = post(IsapiAlerts.SECRET, IsapiAlerts.multipartContentType(), body);

        assertThat(reply.statusCode()).as(reply.bodyAsString()).isEqualTo(200);
        String ref = ((Detection) stored().get(0).data()).evidence();
        assertThat(ref).startsWith("sha256:");
        assertThat(evidence.get(new EvidenceRef(ref))).hasValueSatisfying(e -> assertThat(e.content()).isEqualTo(IsapiAlerts.JPEG));
    }

    @Test
    @DisplayName("A JSON alert and the videoloss keep-alive are stored as a frame and a heartbeat")
    void shouldStoreJsonAlertsAndHeartbeats() throws Exception {
        assertThat(post(IsapiAlerts.SECRET, "application/json", utf8(IsapiAlerts.json("fielddetection", IsapiAlerts.MAC, Instant.now(), 1, "human")))
                .statusCode()).isEqualTo(200);
        assertThat(post(IsapiAlerts.SECRET, "application/xml", utf8(IsapiAlerts.heartbeat(IsapiAlerts.MAC, Instant.now()))).statusCode()).isEqualTo(200);

        assertThat(stored()).extracting(DeviceEvent::type).containsExactlyInAnyOrder(EventType.DETECTION, EventType.HEARTBEAT);
    }

    @Test
    @DisplayName("A town version that gives a camera a new alarm secret is followed at once: the old secret is refused, the new one taken")
    void shouldFollowATownVersionsAlarmSecrets() throws Exception {
        String rotated = "rotated-isapi-cam-0111";
        String text = Town.text(Town.DEMO);
        assertThat(text).contains(Secrets.hash(IsapiAlerts.SECRET));
        services.useTown(Town.parse(text.replace(Secrets.hash(IsapiAlerts.SECRET), Secrets.hash(rotated)), Town.DEMO));
        byte[] xml = utf8(IsapiAlerts.xml("regionEntrance", IsapiAlerts.MAC, Instant.now(), 1, "vehicle"));

        HttpResponse<Buffer> old = post(IsapiAlerts.SECRET, "application/xml", xml);
        HttpResponse<Buffer> taken = post(rotated, "application/xml", xml);

        assertThat(old.statusCode()).isEqualTo(401);
        assertThat(taken.statusCode()).as(taken.bodyAsString()).isEqualTo(200);
        assertThat(stored()).singleElement().satisfies(e -> assertThat(e.source()).isEqualTo(IsapiAlerts.CAMERA));
    }

    @Test
    @DisplayName("A wrong secret (401) and an alert from another camera's MAC (403) are refused and nothing is stored")
    void shouldRefuseAWrongSecretAndAWrongMac() throws Exception {
        byte[] xml = utf8(IsapiAlerts.xml("regionEntrance", IsapiAlerts.MAC, Instant.now(), 1, "vehicle"));
        HttpResponse<Buffer> unknown = post("demo-isapi-cam-9999", "application/xml", xml);
        HttpResponse<Buffer> otherMac = post(IsapiAlerts.SECRET, "application/xml",
                utf8(IsapiAlerts.xml("regionEntrance", "44:19:b6:6d:01:12", Instant.now(), 1, "vehicle")));

        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(unknown.bodyAsJsonObject().getString("type")).isEqualTo("urn:gridwarden:problem:unknown-alarm-secret");
        assertThat(otherMac.statusCode()).isEqualTo(403);
        assertThat(otherMac.bodyAsJsonObject().getString("type")).isEqualTo("urn:gridwarden:problem:alert-not-from-camera");
        assertThat(stored()).isEmpty();
    }

    @Test
    @DisplayName("An XXE attempt is refused with 400; the file it names is not read into anything")
    void shouldRefuseAnXxeAttempt(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "44:19:b6:6d:01:11");

        HttpResponse<Buffer> reply = post(IsapiAlerts.SECRET, "application/xml", utf8(IsapiAlerts.xxe(secret.toString())));

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(reply.bodyAsJsonObject().getString("type")).isEqualTo("urn:gridwarden:problem:invalid-isapi-alert");
        assertThat(reply.bodyAsJsonObject().getString("detail")).contains("DOCTYPE").doesNotContain("44:19");
        assertThat(stored()).isEmpty();
    }

    @Test
    @DisplayName("A body over the limit is refused with 413; an unknown content type with 415")
    void shouldRefuseOversizedAndUnknownBodies() throws Exception {
        HttpResponse<Buffer> large = post(IsapiAlerts.SECRET, IsapiAlerts.multipartContentType(), new byte[IsapiAlarmHost.MAX_BODY_BYTES + 1]);
        HttpResponse<Buffer> text = post(IsapiAlerts.SECRET, "text/plain", utf8("hello"));

        assertThat(large.statusCode()).isEqualTo(413);
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(stored()).isEmpty();
    }
}
