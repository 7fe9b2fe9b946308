package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.CAMERA_TOKEN;
import static io.gridwarden.ingest.IngestFixtures.SINGLE;
import static io.gridwarden.ingest.IngestFixtures.detection;
import static io.gridwarden.ingest.MqttFixtures.HOST;
import static io.gridwarden.ingest.MqttFixtures.LOOPBACK;
import static io.gridwarden.ingest.MqttFixtures.await;
import static io.gridwarden.ingest.MqttFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.gridwarden.common.metrics.PrometheusText;
import io.gridwarden.testsupport.FreePorts;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Two instances of each endpoint over one {@link IngestServices}, as the launcher deploys them: one port each, shared state. */
@ExtendWith(VertxExtension.class)
class IngestInstancesTest {

    private static final int INSTANCES = 2;
    private static final String OFFICER = "off-01";

    private Vertx vertx;
    private RocksRecordLog log;
    private PrometheusRegistry registry;
    private IngestServices services;
    private final List<IngestVerticle> httpInstances = new CopyOnWriteArrayList<>();
    private final List<MqttIngestVerticle> mqttInstances = new CopyOnWriteArrayList<>();

    @BeforeEach
    void deploy(Vertx vertx, @TempDir Path dataDir) throws Exception {
        this.vertx = vertx;
        log = RocksRecordLog.open(LogSpec.of(dataDir.resolve("events"), 2));
        registry = new PrometheusRegistry();
        IngestConfig config = LOOPBACK.withHttpPort(FreePorts.next()).withMqttPort(FreePorts.next());
        services = IngestServices.create(config, IngestFixtures.TOWN, log, registry);
        var options = new DeploymentOptions().setInstances(INSTANCES);
        await(vertx.deployVerticle(() -> add(httpInstances, new IngestVerticle(services)), options));
        await(vertx.deployVerticle(() -> add(mqttInstances, new MqttIngestVerticle(services)), options));
    }

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
        log.close();
    }

    @Test
    @DisplayName("Two HTTP instances share one port: requests over several connections are all stored, and counted once each")
    void httpInstancesShareThePortAndTheMetrics() throws Exception {
        assertThat(httpInstances).hasSize(INSTANCES);
        assertThat(httpInstances.stream().map(IngestVerticle::actualPort).distinct()).hasSize(1);
        WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost(HOST)
                .setDefaultPort(httpInstances.get(0).actualPort()), new PoolOptions().setHttp1MaxSize(8));

        List<Future<HttpResponse<Buffer>>> posts = IntStream.range(0, 40).mapToObj(i -> client.post(IngestVerticle.EVENTS_PATH)
                .bearerTokenAuthentication(CAMERA_TOKEN).putHeader("Content-Type", SINGLE)
                .sendBuffer(Buffer.buffer(detection(CAMERA, "multi-" + i).toString()))).toList();

        for (var post : posts) {
            assertThat(await(post).statusCode()).isEqualTo(202);
        }
        assertThat(IntStream.range(0, log.partitions()).mapToLong(log::endOffset).sum()).isEqualTo(40);
        assertThat(metrics()).contains("gridwarden_ingest_events_accepted_total 40.0");
        assertThat(await(client.get("/health/ready").send()).statusCode()).isEqualTo(200);
    }

    @Test
    @DisplayName("A second connection with the same client id takes the session over whichever instance holds the first")
    void mqttTakeOverAcrossInstances() throws Exception {
        int port = mqttInstances.get(0).actualPort();
        assertThat(mqttInstances.stream().map(MqttIngestVerticle::actualPort).distinct()).hasSize(1);
        var firstGone = new CompletableFuture<Throwable>();
        var first = MqttClient.builder().useMqttVersion5().identifier(OFFICER).serverHost(HOST).serverPort(port)
                .addDisconnectedListener(context -> firstGone.complete(context.getCause())).buildAsync();
        await(first.connectWith().cleanStart(false).sessionExpiryInterval(600)
                .simpleAuth().username(OFFICER).password(bytes("demo-off-01")).applySimpleAuth().send());
        await(first.subscribeWith().topicFilter(MqttTopics.commands(OFFICER)).qos(MqttQos.AT_LEAST_ONCE).callback(p -> { }).send());

        // connections are spread over the instances in turn: the next one lands on the other event loop
        var second = MqttFixtures.mqtt5(port, OFFICER);
        var received = new CompletableFuture<String>();
        second.publishes(MqttGlobalPublishFilter.ALL, p -> received.complete(new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
        var connAck = await(second.connectWith().cleanStart(false).sessionExpiryInterval(600)
                .simpleAuth().username(OFFICER).password(bytes("demo-off-01")).applySimpleAuth().send());

        assertThat(connAck.isSessionPresent()).isTrue();
        assertThat(((Mqtt5DisconnectException) await(firstGone)).getMqttMessage().getReasonCode())
                .isEqualTo(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER);
        assertThat(await(services.deviceSessions().publish(OFFICER, bytes("{\"id\":\"cmd-1\"}")))).isTrue();
        assertThat(await(received)).isEqualTo("{\"id\":\"cmd-1\"}");
        assertThat(((MqttDeviceSessions) services.deviceSessions()).connected()).isEqualTo(1);
        assertThat(metrics()).contains("gridwarden_ingest_mqtt_clients 1.0");
    }

    private static <T> T add(List<T> instances, T instance) {
        instances.add(instance);
        return instance;
    }

    private String metrics() {
        return new String(PrometheusText.scrape(registry), StandardCharsets.UTF_8);
    }
}
