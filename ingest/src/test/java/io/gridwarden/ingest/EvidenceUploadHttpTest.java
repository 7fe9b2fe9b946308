package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.CAMERA_TOKEN;
import static io.gridwarden.ingest.IngestFixtures.SINGLE;
import static io.gridwarden.ingest.IngestFixtures.detection;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.Detection;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.evidence.EvidenceRef;
import io.gridwarden.evidence.files.EvidenceLimits;
import io.gridwarden.evidence.files.FileEvidenceStore;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/evidence} on a real HTTP endpoint over a real store on disk. */
class EvidenceUploadHttpTest {

    private static final int MAX_PICTURE = 4096;

    private Vertx vertx;
    private RocksRecordLog log;
    private FileEvidenceStore store;
    private WebClient client;

    @BeforeEach
    void deploy(@TempDir Path dataDir) throws Exception {
        vertx = Vertx.vertx();
        log = RocksRecordLog.open(LogSpec.of(dataDir.resolve("events"), 4));
        store = FileEvidenceStore.open(dataDir.resolve("evidence"),
                EvidenceLimits.defaults().withBytes(MAX_PICTURE, 10 * MAX_PICTURE), Clock.systemUTC());
        IngestServices services = IngestServices.create(IngestConfig.defaults().withHost("127.0.0.1").withHttpPort(0),
                IngestFixtures.TOWN, log, new PrometheusRegistry()).withEvidence(store);
        var verticle = new IngestVerticle(services);
        vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(verticle.actualPort()));
    }

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        log.close();
        store.close();
    }

    private HttpResponse<Buffer> upload(String token, String contentType, byte[] body) throws Exception {
        var request = client.post(EvidenceUploads.PATH);
        if (token != null) {
            request.bearerTokenAuthentication(token);
        }
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        return request.sendBuffer(Buffer.buffer(body)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static byte[] jpeg(int size) {
        byte[] picture = new byte[size];
        Arrays.fill(picture, (byte) 7);
        picture[0] = (byte) 0xFF;
        picture[1] = (byte) 0xD8;
        picture[2] = (byte) 0xFF;
        return picture;
    }

    private static void assertProblem(HttpResponse<Buffer> response, int status, String type) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("urn:gridwarden:problem:" + type);
    }

    @Test
    @DisplayName("A camera uploads a JPEG, gets 201 with its ref, and a frame naming the ref is stored with it")
    void cameraUploadsAPictureAndAFrameNamesIt() throws Exception {
        byte[] picture = jpeg(1000);

        HttpResponse<Buffer> created = upload(CAMERA_TOKEN, "image/jpeg", picture);

        assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
        EvidenceRef ref = new EvidenceRef(created.bodyAsJsonObject().getString("evidence"));
        assertThat(store.get(ref).orElseThrow().content()).isEqualTo(picture);
        assertThat(upload(CAMERA_TOKEN, "image/jpeg", picture).bodyAsJsonObject().getString("evidence")).isEqualTo(ref.value());

        JsonObject frame = detection(CAMERA, "cam-0001-ev-1");
        frame.getJsonObject("data").put("evidence", ref.value());
        var stored = client.post(IngestVerticle.EVENTS_PATH).bearerTokenAuthentication(CAMERA_TOKEN).putHeader("Content-Type", SINGLE)
                .sendBuffer(frame.toBuffer()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(stored.statusCode()).isEqualTo(202);
        Detection data = (Detection) EventCodec.decode(log.read(log.partitionOf(CAMERA), 0, 1).get(0).payload()).data();
        assertThat(data.evidence()).isEqualTo(ref.value());
    }

    @Test
    @DisplayName("Uploads without a token, from a non-camera, of another type, of bytes that are no picture, or too large are refused")
    void refusesWhatIsNotACamerasPicture() throws Exception {
        assertProblem(upload(null, "image/jpeg", jpeg(100)), 401, "unauthorized");
        assertProblem(upload("demo-off-01", "image/jpeg", jpeg(100)), 403, "not-a-camera");
        assertProblem(upload(CAMERA_TOKEN, "image/svg+xml", "<svg/>".getBytes()), 415, "unsupported-media-type");
        assertProblem(upload(CAMERA_TOKEN, "image/png", "<html><script>alert(1)</script>".getBytes()), 415, "evidence-not-an-image");
        assertProblem(upload(CAMERA_TOKEN, "image/png", jpeg(100)), 415, "evidence-media-type-mismatch");
        assertProblem(upload(CAMERA_TOKEN, "image/jpeg", jpeg(MAX_PICTURE + 1)), 413, "evidence-too-large");
        assertThat(store.pictures()).isZero();
    }

    @Test
    @DisplayName("A frame whose evidence is not a ref is refused with a problem naming /data/evidence")
    void refusesAFrameWithABadRef() throws Exception {
        JsonObject frame = detection(CAMERA, "cam-0001-ev-2");
        frame.getJsonObject("data").put("evidence", "../../etc/passwd");

        var refused = client.post(IngestVerticle.EVENTS_PATH).bearerTokenAuthentication(CAMERA_TOKEN).putHeader("Content-Type", SINGLE)
                .sendBuffer(frame.toBuffer()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertProblem(refused, 400, "invalid-events");
        assertThat(refused.bodyAsJsonObject().getJsonArray("problems").getJsonObject(0).getString("field")).isEqualTo("/data/evidence");
    }
}
