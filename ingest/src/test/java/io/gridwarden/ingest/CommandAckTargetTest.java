package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.BATCH;
import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.CAMERA_TOKEN;
import static io.gridwarden.ingest.IngestFixtures.OTHER_CAMERA;
import static io.gridwarden.ingest.IngestFixtures.SINGLE;
import static io.gridwarden.ingest.MqttFixtures.LOOPBACK;
import static io.gridwarden.ingest.MqttFixtures.await;
import static io.gridwarden.ingest.MqttFixtures.connected5;
import static io.gridwarden.ingest.MqttFixtures.publishQos1;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.CommandIds;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only a command's recipient may acknowledge it (issue 13, hole 5): before, any device could acknowledge
 * any device's command, across jurisdictions, and ids were a plain SHA-256 of public facts. Real HTTP and
 * MQTT 5 clients against ingest on loopback, sharing the command secret the jobs make ids under.
 */
@ExtendWith(VertxExtension.class)
class CommandAckTargetTest {

    private static final CommandIds COMMAND_IDS = CommandIds.of("ingest-test-command-secret-32byte".getBytes(StandardCharsets.US_ASCII));
    private static final Instant ISSUED = Instant.parse("2026-11-22T08:01:00Z");
    /** A voice warning for cam-0001 (hecun), and an assignment for off-01 (hecun's team). */
    private static final String WARNING_TO_CAMERA = COMMAND_IDS.make("vio-1", Command.VOICE_WARNING, CAMERA, ISSUED);
    private static final String ASSIGNMENT_TO_OFF_01 = COMMAND_IDS.make("vio-1", Command.ASSIGNMENT, "off-01", ISSUED);

    private Vertx vertx;
    private RocksRecordLog log;
    private WebClient client;
    private int mqttPort;

    @BeforeEach
    void deploy(Vertx vertx, @TempDir Path dataDir) throws Exception {
        this.vertx = vertx;
        log = RocksRecordLog.open(LogSpec.of(dataDir.resolve("events"), 2));
        IngestServices services = IngestServices.create(LOOPBACK, IngestFixtures.TOWN, log, new PrometheusRegistry(), COMMAND_IDS);
        IngestVerticle http = new IngestVerticle(services);
        MqttIngestVerticle mqtt = new MqttIngestVerticle(services);
        await(vertx.deployVerticle(http));
        await(vertx.deployVerticle(mqtt));
        mqttPort = mqtt.actualPort();
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(MqttFixtures.HOST).setDefaultPort(http.actualPort()));
    }

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
        log.close();
    }

    @Test
    @DisplayName("Another camera acknowledging cam-0001's voice warning gets 403 not-command-target, and nothing is stored")
    void anotherDeviceCannotAcknowledgeACommand() throws Exception {
        HttpResponse<Buffer> refused = post("demo-" + OTHER_CAMERA, SINGLE, ack(OTHER_CAMERA, "a-1", WARNING_TO_CAMERA));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
        JsonObject problem = refused.bodyAsJsonObject();
        assertThat(problem.getString("type")).isEqualTo("urn:gridwarden:problem:not-command-target");
        assertThat(problem.getString("detail")).contains(OTHER_CAMERA).doesNotContain("Exception");
        assertThat(problem.getJsonArray("problems").getJsonObject(0).getString("field")).isEqualTo("/data/command");
        assertThat(stored()).isZero();
    }

    @Test
    @DisplayName("An officer of tanshi acknowledging (accepting) hecun's off-01 assignment is refused, in a batch as alone")
    void anOfficerCannotAcceptAnotherOfficersAssignmentAcrossJurisdictions() throws Exception {
        JsonArray batch = new JsonArray().add(heartbeat("off-21", "h-1")).add(ack("off-21", "a-1", ASSIGNMENT_TO_OFF_01, "accepted"));

        HttpResponse<Buffer> refused = post("demo-off-21", BATCH, batch);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.bodyAsJsonObject().getJsonArray("problems").getJsonObject(0).getInteger("index")).isEqualTo(1);
        assertThat(stored()).as("the batch is refused whole").isZero();
    }

    @Test
    @DisplayName("Ids computed from public facts (the old plain SHA-256), 1,000 made-up ids and 1,000 of 800 characters are refused; none is stored")
    void guessedAndMadeUpIdsAreRefused() throws Exception {
        String unsigned = "cmd-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("vio-1|" + Command.VOICE_WARNING + "|" + CAMERA + "|" + ISSUED.toEpochMilli()).getBytes(StandardCharsets.UTF_8)), 0, 10);
        assertThat(post(CAMERA_TOKEN, SINGLE, ack(CAMERA, "a-0", unsigned)).statusCode()).isEqualTo(403);

        for (int request = 0; request < 10; request++) {
            JsonArray batch = new JsonArray();
            for (int i = 0; i < 100; i++) {
                batch.add(ack(CAMERA, "m-" + request + "-" + i, madeUpId()));
            }
            assertThat(post(CAMERA_TOKEN, BATCH, batch).statusCode()).isEqualTo(403);
        }
        JsonArray longIds = new JsonArray();
        for (int i = 0; i < 1_000; i++) {
            longIds.add(ack(CAMERA, "l-" + i, "cmd-" + "x".repeat(796)));
        }
        assertThat(post(CAMERA_TOKEN, BATCH, longIds).statusCode()).as("refused, as not its command or as too long").isIn(400, 403, 413);
        assertThat(stored()).isZero();
    }

    @Test
    @DisplayName("The recipient's own acknowledgements are accepted and stored, over HTTP and over MQTT 5")
    void theRecipientAcknowledgesItsCommand() throws Exception {
        assertThat(post(CAMERA_TOKEN, SINGLE, ack(CAMERA, "a-1", WARNING_TO_CAMERA)).statusCode()).isEqualTo(202);
        Mqtt5AsyncClient officer = connected5(mqttPort, "off-01", "demo-off-01");

        assertThat(publishQos1(officer, MqttTopics.events("off-01"), ack("off-01", "a-2", ASSIGNMENT_TO_OFF_01, "accepted")))
                .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(stored()).isEqualTo(2);
        await(officer.disconnect());
    }

    @Test
    @DisplayName("Over MQTT 5 an acknowledgement of another device's command gets PUBACK 0x87 (not authorised), and nothing is stored")
    void mqttAckOfAnotherDevicesCommandIsNotAuthorised() throws Exception {
        Mqtt5AsyncClient other = connected5(mqttPort, OTHER_CAMERA, "demo-" + OTHER_CAMERA);

        Mqtt5PubAckReasonCode code = publishQos1(other, MqttTopics.events(OTHER_CAMERA), ack(OTHER_CAMERA, "a-1", WARNING_TO_CAMERA));

        assertThat(code).isEqualTo(Mqtt5PubAckReasonCode.NOT_AUTHORIZED);
        assertThat(code.getCode()).isEqualTo(0x87);
        assertThat(stored()).isZero();
        await(other.disconnect());
    }

    private HttpResponse<Buffer> post(String token, String contentType, Object body) throws Exception {
        return await(client.post(IngestVerticle.EVENTS_PATH).bearerTokenAuthentication(token)
                .putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(body.toString())));
    }

    private long stored() {
        return IntStream.range(0, log.partitions()).mapToLong(log::endOffset).sum();
    }

    private static JsonObject ack(String source, String id, String command) {
        return ack(source, id, command, "played");
    }

    private static JsonObject ack(String source, String id, String command, String result) {
        return event(source, id, "gw.command.ack", new JsonObject().put("command", command).put("result", result));
    }

    private static JsonObject heartbeat(String source, String id) {
        return event(source, id, "gw.heartbeat", new JsonObject());
    }

    private static JsonObject event(String source, String id, String type, JsonObject data) {
        return new JsonObject().put("specversion", "1.0").put("id", id).put("source", source).put("type", type)
                .put("time", Instant.now().minusSeconds(1).toString()).put("data", data);
    }

    /** An id of the right shape with a random digest and mac: what a device guessing ids would send. */
    private static String madeUpId() {
        byte[] random = new byte[26];
        ThreadLocalRandom.current().nextBytes(random);
        String hex = HexFormat.of().formatHex(random);
        return "cmd-" + hex.substring(0, 20) + "-" + hex.substring(20, 52);
    }
}
