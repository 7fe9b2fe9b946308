package io.gridwarden.ingest;

import io.gridwarden.common.action.CommandIds;
import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.CAMERA_TOKEN;
import static io.gridwarden.ingest.IngestFixtures.SINGLE;
import static io.gridwarden.ingest.IngestFixtures.detection;
import static io.gridwarden.ingest.MqttFixtures.HOST;
import static io.gridwarden.ingest.MqttFixtures.await;
import static io.gridwarden.ingest.MqttFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.gridwarden.common.metrics.PrometheusText;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Failed device logins over HTTP and MQTT: throttled by address, logged without secrets, counted. */
@ExtendWith(VertxExtension.class)
class IngestLoginThrottleTest {

    private static final int MAX_FAILURES = LoginThrottleLimits.DEFAULT_MAX_FAILURES;
    private static final String WRONG_TOKEN = "wrong-token-7f3a";

    private final SettableClock clock = new SettableClock();
    private Vertx vertx;
    private RocksRecordLog log;
    private PrometheusRegistry registry;
    private WebClient client;
    private int mqttPort;
    private CapturedLog captured;

    @BeforeEach
    void deploy(Vertx vertx, @TempDir Path dataDir) throws Exception {
        this.vertx = vertx;
        captured = CapturedLog.of(LoginGuard.class);
        log = RocksRecordLog.open(LogSpec.of(dataDir.resolve("events"), 2));
        registry = new PrometheusRegistry();
        IngestConfig config = MqttFixtures.LOOPBACK;
        var services = new IngestServices(config, IngestFixtures.TOWN, log, registry, IngestGuard.create(config, IngestFixtures.TOWN, log),
                IngestReadiness.httpAndMqtt(config, log), CommandIds.random(), clock);
        var http = new IngestVerticle(services);
        var mqtt = new MqttIngestVerticle(services);
        await(vertx.deployVerticle(http));
        await(vertx.deployVerticle(mqtt));
        mqttPort = mqtt.actualPort();
        client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(HOST).setDefaultPort(http.actualPort()));
    }

    @AfterEach
    void close() throws Exception {
        captured.close();
        await(vertx.close());
        log.close();
    }

    private HttpResponse<Buffer> post(String token) throws Exception {
        return await(client.post(IngestVerticle.EVENTS_PATH).bearerTokenAuthentication(token).putHeader("Content-Type", SINGLE)
                .sendBuffer(Buffer.buffer(detection(CAMERA, "e-" + System.nanoTime()).put("time", clock.instant().minusSeconds(1).toString())
                        .toString())));
    }

    private String metrics() {
        return new String(PrometheusText.scrape(registry), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("200 wrong tokens: 20 are answered 401, then the address gets 429 with Retry-After, even with a valid token")
    void wrongTokensGetTheAddressThrottled() throws Exception {
        for (int i = 0; i < MAX_FAILURES; i++) {
            assertThat(post(WRONG_TOKEN + i).statusCode()).isEqualTo(401);
        }
        for (int i = 0; i < 180; i++) {
            assertThat(post(WRONG_TOKEN).statusCode()).isEqualTo(429);
        }

        HttpResponse<Buffer> valid = post(CAMERA_TOKEN);

        assertThat(valid.statusCode()).isEqualTo(429);
        assertThat(valid.getHeader("Retry-After")).isEqualTo("60");
        assertThat(valid.bodyAsJsonObject().getString("type")).isEqualTo("urn:gridwarden:problem:login-throttled");
        assertThat(metrics()).contains("gridwarden_ingest_login_failures_total{transport=\"http\"} 20.0")
                .contains("gridwarden_ingest_logins_throttled_total{transport=\"http\"} 181.0");
    }

    @Test
    @DisplayName("A throttled address may log in again once the block is over")
    void blockEnds() throws Exception {
        for (int i = 0; i < MAX_FAILURES; i++) {
            post(WRONG_TOKEN);
        }
        assertThat(post(CAMERA_TOKEN).statusCode()).isEqualTo(429);

        clock.advance(LoginThrottleLimits.DEFAULT_BLOCK);

        assertThat(post(CAMERA_TOKEN).statusCode()).isEqualTo(202);
    }

    @Test
    @DisplayName("Each failed login is logged at WARN with the address and claimed device, never the secret, at most 10 lines at a time")
    void failuresAreLoggedWithoutSecretsAndRateLimited() throws Exception {
        var camera = MqttFixtures.mqtt5(mqttPort, CAMERA);
        assertThatThrownBy(() -> await(camera.connectWith().simpleAuth().username(CAMERA).password(bytes(WRONG_TOKEN)).applySimpleAuth().send()))
                .isInstanceOf(ExecutionException.class);
        for (int i = 0; i < 15; i++) {
            post(WRONG_TOKEN);
        }
        assertThat(captured.lines()).hasSize(LoginGuard.LINES_PER_WINDOW);

        clock.advance(Duration.ofSeconds(10));
        post(WRONG_TOKEN);

        assertThat(captured.lines().get(0)).startsWith("WARN").contains("mqtt").contains("127.0.0.1").contains("\"" + CAMERA + "\"");
        assertThat(captured.lines().get(1)).contains("http").contains("127.0.0.1");
        assertThat(captured.lines()).hasSize(LoginGuard.LINES_PER_WINDOW + 2)
                .anyMatch(line -> line.contains("6 similar warnings were not logged"));
        assertThat(captured.lines()).noneMatch(line -> line.contains(WRONG_TOKEN));
    }

    @Test
    @DisplayName("MQTT: after 20 bad passwords from an address, its next CONNECT is refused 0x9F (MQTT 5) or server unavailable (3.1.1)")
    void badMqttPasswordsGetTheAddressThrottled() throws Exception {
        for (int i = 0; i < MAX_FAILURES; i++) {
            var guess = MqttFixtures.mqtt5(mqttPort, CAMERA);
            assertThatThrownBy(() -> await(guess.connectWith().simpleAuth().username(CAMERA).password(bytes(WRONG_TOKEN)).applySimpleAuth()
                    .send())).hasCauseInstanceOf(Mqtt5ConnAckException.class);
        }

        var valid5 = MqttFixtures.mqtt5(mqttPort, CAMERA);
        var valid3 = MqttFixtures.mqtt3(mqttPort, CAMERA);

        assertThatThrownBy(() -> await(valid5.connectWith().simpleAuth().username(CAMERA).password(bytes(CAMERA_TOKEN)).applySimpleAuth().send()))
                .cause().isInstanceOfSatisfying(Mqtt5ConnAckException.class, e ->
                        assertThat(e.getMqttMessage().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.CONNECTION_RATE_EXCEEDED));
        assertThatThrownBy(() -> await(valid3.connectWith().simpleAuth().username(CAMERA).password(bytes(CAMERA_TOKEN)).applySimpleAuth().send()))
                .cause().isInstanceOfSatisfying(Mqtt3ConnAckException.class, e ->
                        assertThat(e.getMqttMessage().getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SERVER_UNAVAILABLE));
        assertThat(metrics()).contains("gridwarden_ingest_login_failures_total{transport=\"mqtt\"} 20.0");
        assertThat(post(CAMERA_TOKEN).statusCode()).as("HTTP and MQTT count together").isEqualTo(429);
        clock.advance(Duration.ofMinutes(1));
        assertThat(post(CAMERA_TOKEN).statusCode()).isEqualTo(202);
    }
}
