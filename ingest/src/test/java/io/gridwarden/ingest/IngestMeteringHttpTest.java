package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.BATCH;
import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.CAMERA_TOKEN;
import static io.gridwarden.ingest.IngestFixtures.SINGLE;
import static io.gridwarden.ingest.IngestFixtures.batch;
import static io.gridwarden.ingest.IngestFixtures.detection;
import static io.gridwarden.ingest.IngestFixtures.frame;
import static io.gridwarden.ingest.IngestFixtures.heartbeat;
import static io.gridwarden.ingest.MqttFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a request costs its device, over HTTP: events, a crowded frame's objects and bytes, charged whether
 * the request is accepted or refused; and the bounds on what one request and one event may carry.
 */
@ExtendWith(VertxExtension.class)
class IngestMeteringHttpTest {

    /** 1 event token a second, bursts of 10: a test spends the burst, and the refill is too slow to matter. */
    private static final IngestLimits LIMITS = IngestLimits.defaults().withDeviceRate(1, 10);

    private Vertx vertx;
    private RocksRecordLog log;
    private WebClient client;

    @BeforeEach
    void open(Vertx vertx, @TempDir Path dataDir) {
        this.vertx = vertx;
        log = RocksRecordLog.open(LogSpec.of(dataDir.resolve("events"), 2));
    }

    private void deploy(IngestLimits limits) throws Exception {
        var verticle = new IngestVerticle(MqttFixtures.LOOPBACK.withLimits(limits), IngestFixtures.TOWN, log, new PrometheusRegistry());
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
                .putHeader("Content-Type", contentType).sendBuffer(body instanceof Buffer buffer ? buffer : Buffer.buffer(body.toString())));
    }

    private long stored() {
        return IntStream.range(0, log.partitions()).mapToLong(log::endOffset).sum();
    }

    private static void assertRefused(HttpResponse<Buffer> response, int status, String type) {
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
        assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("urn:gridwarden:problem:" + type);
    }

    private static String field(HttpResponse<Buffer> response) {
        return response.bodyAsJsonObject().getJsonArray("problems").getJsonObject(0).getString("field");
    }

    @Test
    @DisplayName("A frame of 65 objects is refused with 400 naming data/objects; one of 64 is stored")
    void frameBeyondTheObjectCapIsRefused() throws Exception {
        deploy(IngestLimits.defaults());

        HttpResponse<Buffer> crowded = post(SINGLE, frame(CAMERA, "f-1", Town64.CAP + 1));

        assertRefused(crowded, 400, "invalid-events");
        assertThat(field(crowded)).isEqualTo("/data/objects");
        assertThat(stored()).isZero();
        assertThat(post(SINGLE, frame(CAMERA, "f-2", Town64.CAP)).statusCode()).isEqualTo(202);
    }

    @Test
    @DisplayName("A frame's objects beyond the fourth cost a token each: two frames of 10 objects overdraw a burst of 10")
    void crowdedFramesCostTheirObjects() throws Exception {
        deploy(LIMITS);

        assertThat(post(SINGLE, frame(CAMERA, "f-1", 10)).statusCode()).isEqualTo(202); // 1 + 6 tokens

        assertRefused(post(SINGLE, frame(CAMERA, "f-2", 10)), 429, "rate-limited");
        assertThat(post(SINGLE, frame(CAMERA, "f-3", 1)).statusCode()).as("three tokens were left").isEqualTo(202);
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    @DisplayName("A 1 MiB batch of {} is refused as too many events after counting 1,001 of them: what follows is never read")
    void oversizedBatchIsCountedNotParsed() throws Exception {
        deploy(IngestLimits.defaults());
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i <= IngestConfig.DEFAULT_MAX_BATCH_EVENTS; i++) {
            body.append("{},");
        }
        body.append("not json at all ".repeat((int) (IngestConfig.DEFAULT_MAX_BODY_BYTES - body.length() - 16) / 16));

        HttpResponse<Buffer> refused = post(BATCH, body);

        assertRefused(refused, 400, "batch-too-large");
        assertThat(refused.bodyAsJsonObject().getString("detail")).contains("at most 1000 events");
    }

    @Test
    @DisplayName("A batch refused as too large is charged what was counted: the device's next valid event is over its rate")
    void refusedBatchIsCharged() throws Exception {
        deploy(LIMITS);
        JsonArray tooMany = new JsonArray();
        IntStream.rangeClosed(0, IngestConfig.DEFAULT_MAX_BATCH_EVENTS).forEach(i -> tooMany.add(new JsonObject()));

        assertRefused(post(BATCH, tooMany), 400, "batch-too-large");

        assertRefused(post(SINGLE, detection(CAMERA, "after")), 429, "rate-limited");
        assertThat(stored()).isZero();
    }

    @Test
    @DisplayName("Invalid events and an unsupported content type are charged too: the device's next valid event is over its rate")
    void invalidRequestsAreCharged() throws Exception {
        deploy(LIMITS);
        JsonArray invalid = new JsonArray();
        IntStream.range(0, 9).forEach(i -> invalid.add(heartbeat(CAMERA, "bad-" + i).put("time", "yesterday")));

        assertRefused(post(BATCH, invalid), 400, "invalid-events");
        assertRefused(post("text/plain", heartbeat(CAMERA, "h-1")), 415, "unsupported-media-type");

        assertRefused(post(SINGLE, detection(CAMERA, "after")), 429, "rate-limited");
        assertThat(stored()).isZero();
    }

    @Test
    @DisplayName("A body over the size limit (413) is charged the bytes read: the device's next event is over its byte rate")
    void tooLargeBodyIsCharged() throws Exception {
        deploy(IngestLimits.defaults().withDeviceByteRate(1024, IngestConfig.DEFAULT_MAX_BODY_BYTES));

        assertRefused(post(BATCH, Buffer.buffer(new byte[(int) IngestConfig.DEFAULT_MAX_BODY_BYTES + 1])), 413, "body-too-large");

        HttpResponse<Buffer> after = post(SINGLE, detection(CAMERA, "after"));
        assertRefused(after, 429, "rate-limited");
        assertThat(after.bodyAsJsonObject().getString("detail")).contains("bytes/s");
    }

    @Test
    @DisplayName("Bytes are charged beside events: small batches within the event rate still exhaust a byte burst of 8 KiB")
    void bytesAreChargedBesideEvents() throws Exception {
        deploy(IngestLimits.defaults().withDeviceByteRate(1024, 8 * 1024));
        JsonObject padded = heartbeat(CAMERA, "h").put("data", new JsonObject().put("log", "x".repeat(3_000)));

        assertThat(post(SINGLE, padded.copy().put("id", "h-1")).statusCode()).isEqualTo(202);
        assertThat(post(SINGLE, padded.copy().put("id", "h-2")).statusCode()).isEqualTo(202);

        HttpResponse<Buffer> third = post(SINGLE, padded.copy().put("id", "h-3"));
        assertRefused(third, 429, "rate-limited");
        assertThat(third.getHeader("Retry-After")).isNotNull();
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    @DisplayName("Oversized strings are refused with 400 naming the field: a 500 KB id, a 200 KB track, a 780 KB heartbeat")
    void oversizedStringsAreRefused() throws Exception {
        deploy(IngestLimits.defaults());
        JsonObject longTrack = detection(CAMERA, "t-1");
        longTrack.getJsonObject("data").getJsonArray("objects").getJsonObject(0).put("track", "t".repeat(200_000));

        HttpResponse<Buffer> id = post(SINGLE, heartbeat(CAMERA, "i".repeat(500_000)));
        HttpResponse<Buffer> track = post(SINGLE, longTrack);
        HttpResponse<Buffer> heartbeat = post(SINGLE, heartbeat(CAMERA, "h-1").put("data", new JsonObject().put("log", "x".repeat(780_000))));

        assertRefused(id, 400, "invalid-events");
        assertThat(field(id)).isEqualTo("/id");
        assertThat(id.body().length()).as("the refusal does not echo the id").isLessThan(2_000);
        assertRefused(track, 400, "invalid-events");
        assertThat(field(track)).isEqualTo("/data/objects/0/track");
        assertRefused(heartbeat, 400, "invalid-events");
        assertThat(field(heartbeat)).isEqualTo("/data");
        assertThat(stored()).isZero();
    }

    /** The demo town's objects-per-frame cap (its town file says so). */
    private static final class Town64 {
        static final int CAP = IngestFixtures.TOWN.maxObjectsPerFrame();
    }
}
