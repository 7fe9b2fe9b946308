package io.gridwarden.ingest;

import static io.gridwarden.ingest.MqttFixtures.LOOPBACK;
import static io.gridwarden.ingest.MqttFixtures.await;
import static io.gridwarden.ingest.MqttFixtures.connected5;
import static io.gridwarden.ingest.MqttFixtures.publishQos1;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.gridwarden.common.event.Detection;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.evidence.EvidenceRef;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.metrics.PrometheusText;
import io.gridwarden.common.town.Town;
import io.gridwarden.evidence.files.EvidenceLimits;
import io.gridwarden.evidence.files.FileEvidenceStore;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.gridwarden.testsupport.FrigateMessages;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo town's NVR nvr-01 told to fetch its snapshots ({@code snapshots: {api, fetch: true}}) from a loopback
 * server standing in for Frigate's HTTP API, publishing over ingest's real MQTT endpoint with HiveMQ's client.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("A Frigate NVR whose snapshots ingest fetches")
class FrigateSnapshotFetchTest {

    private static final long MAX_PICTURE_BYTES = 64 * 1024;

    private final byte[] png = png();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private Vertx vertx;
    private RocksRecordLog log;
    private FileEvidenceStore evidence;
    private PrometheusRegistry registry;
    private int port;

    @BeforeEach
    void deploy(Vertx vertx, @TempDir Path dataDir) throws Exception {
        this.vertx = vertx;
        HttpServer frigateApi = await(vertx.createHttpServer().requestHandler(request -> {
            requests.computeIfAbsent(request.path(), p -> new AtomicInteger()).incrementAndGet();
            String path = request.path();
            if (path.endsWith("-good/snapshot.jpg")) {
                request.response().putHeader("content-type", "image/png").end(Buffer.buffer(png));
            } else if (path.endsWith("-slow/snapshot.jpg")) {
                vertx.setTimer(FrigateSnapshots.TIMEOUT.toMillis() + 200, t -> request.response().end(Buffer.buffer(png)));
            } else if (path.endsWith("-huge/snapshot.jpg")) {
                request.response().setChunked(true).write(Buffer.buffer(png));
                request.response().end(Buffer.buffer(new byte[(int) MAX_PICTURE_BYTES]));
            } else if (path.endsWith("-moved/snapshot.jpg")) {
                request.response().setStatusCode(302).putHeader("location", "http://169.254.169.254/latest").end();
            } else {
                request.response().setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1"));
        log = RocksRecordLog.open(LogSpec.of(dataDir.resolve("events"), 4));
        evidence = FileEvidenceStore.open(dataDir.resolve("evidence"), EvidenceLimits.defaults().withBytes(MAX_PICTURE_BYTES, 1 << 20),
                Clock.systemUTC());
        registry = new PrometheusRegistry();
        Town town = fetchingTown(dataDir, "http://127.0.0.1:" + frigateApi.actualPort());
        MqttIngestVerticle verticle = new MqttIngestVerticle(IngestServices.create(LOOPBACK, town, log, registry).withEvidence(evidence));
        await(vertx.deployVerticle(verticle));
        port = verticle.actualPort();
    }

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
        log.close();
        evidence.close();
    }

    @Test
    @DisplayName("The event's snapshot is stored as evidence and its frame names it; fetched once on new and once on update, never on end")
    void shouldStoreTheSnapshotAndNameItOnTheFrame() throws Exception {
        Mqtt5AsyncClient nvr = connected5(port, "nvr-01", "demo-nvr-01");
        double now = Instant.now().getEpochSecond();
        String id = now + "-good";

        for (String[] message : new String[][] {{"new", "0"}, {"update", "1"}, {"update", "2"}, {"end", "3"}}) {
            assertThat(publishQos1(nvr, "frigate/events", car(message[0], id, now + Integer.parseInt(message[1]))))
                    .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        }

        List<String> refs = stored().stream().map(e -> ((Detection) e.data()).evidence()).toList();
        assertThat(refs).hasSize(4);
        assertThat(refs.get(0)).isNotNull().isEqualTo(refs.get(1));
        assertThat(refs.subList(2, 4)).containsOnlyNulls();
        assertThat(evidence.get(EvidenceRef.parse(refs.get(0)).orElseThrow()).orElseThrow().content()).isEqualTo(png);
        assertThat(requests.get("/api/events/" + id + "/snapshot.jpg")).hasValue(2);
        assertThat(scrape()).contains("gridwarden_ingest_frigate_snapshots_total{outcome=\"stored\"} 2.0");
    }

    @Test
    @DisplayName("A snapshot that is missing, slow, too large or redirected costs its frame the evidence, never the frame, and is counted")
    void shouldStoreTheFrameWithoutEvidenceWhenTheFetchFails() throws Exception {
        Mqtt5AsyncClient nvr = connected5(port, "nvr-01", "demo-nvr-01");
        double now = Instant.now().getEpochSecond();

        for (String kind : new String[] {"missing", "slow", "huge", "moved"}) {
            long started = System.nanoTime();
            assertThat(publishQos1(nvr, "frigate/events", car("new", now + "-" + kind, now))).as(kind).isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
            assertThat((System.nanoTime() - started) / 1_000_000).as("PUBACK of " + kind + " within the fetch's bound, in ms")
                    .isLessThan(FrigateSnapshots.TIMEOUT.toMillis() + 1_000);
        }

        List<DeviceEvent> frames = stored();
        assertThat(frames).hasSize(4).allSatisfy(frame -> assertThat(((Detection) frame.data()).evidence()).isNull());
        assertThat(scrape()).contains("gridwarden_ingest_frigate_snapshots_total{outcome=\"http_error\"} 2.0")
                .contains("gridwarden_ingest_frigate_snapshots_total{outcome=\"timeout\"} 1.0")
                .contains("gridwarden_ingest_frigate_snapshots_total{outcome=\"too_large\"} 1.0")
                .contains("gridwarden_ingest_frigate_snapshots_total{outcome=\"stored\"} 0.0");
    }

    @Test
    @DisplayName("A frame that waits for its snapshot keeps its place: the camera's frames reach the log in the order sent")
    void shouldKeepTheOrderOfFramesWhileOneWaitsForItsSnapshot() throws Exception {
        Mqtt5AsyncClient nvr = connected5(port, "nvr-01", "demo-nvr-01");
        double now = Instant.now().getEpochSecond();

        var waiting = nvr.publishWith().topic("frigate/events").qos(MqttQos.AT_LEAST_ONCE).payload(MqttFixtures.bytes(car("new", now + "-slow", now))).send();
        var next = nvr.publishWith().topic("frigate/events").qos(MqttQos.AT_LEAST_ONCE).payload(MqttFixtures.bytes(car("new", now + "-plain", now + 1))).send();
        await(waiting);
        await(next);

        List<String> inLogOrder = new ArrayList<>();
        for (int p = 0; p < log.partitions(); p++) {
            for (LogRecord record : log.read(p, 0, Integer.MAX_VALUE)) {
                inLogOrder.add(EventCodec.decode(record.payload()).id());
            }
        }
        assertThat(inLogOrder).hasSize(2);
        assertThat(inLogOrder.get(0)).startsWith(now + "-slow/new/");
    }

    private static String car(String type, String id, double frameTime) {
        return FrigateMessages.car(type, id, "cam-0101", frameTime, new int[] {800, 700, 1100, 900}, false);
    }

    /** The demo town with nvr-01's snapshots fetched from {@code api}. */
    private static Town fetchingTown(Path dir, String api) throws Exception {
        String demo;
        try (InputStream in = Town.class.getResourceAsStream("/towns/demo-town.yaml")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String entry = "    topicPrefix: frigate\n";
        assertThat(demo).contains(entry);
        String yaml = demo.replace(entry, entry + "    snapshots: {api: \"" + api + "\", fetch: true}\n");
        return Town.load(Files.writeString(dir.resolve("town.yaml"), yaml).toString());
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(16, 9, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 4, 0xff8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private List<DeviceEvent> stored() {
        List<DeviceEvent> events = new ArrayList<>();
        for (int p = 0; p < log.partitions(); p++) {
            for (LogRecord record : log.read(p, 0, Integer.MAX_VALUE)) {
                events.add(EventCodec.decode(record.payload()));
            }
        }
        events.sort(java.util.Comparator.comparing(DeviceEvent::time));
        return events;
    }

    private String scrape() {
        return new String(PrometheusText.scrape(registry), StandardCharsets.UTF_8);
    }
}
