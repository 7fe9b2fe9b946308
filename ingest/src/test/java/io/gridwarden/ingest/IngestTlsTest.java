package io.gridwarden.ingest;

import static io.gridwarden.ingest.IngestFixtures.CAMERA;
import static io.gridwarden.ingest.IngestFixtures.CAMERA_TOKEN;
import static io.gridwarden.ingest.IngestFixtures.SINGLE;
import static io.gridwarden.ingest.IngestFixtures.detection;
import static io.gridwarden.ingest.MqttFixtures.await;
import static io.gridwarden.ingest.MqttFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import io.gridwarden.common.tls.PemFiles;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device endpoints over TLS, from PEM files given at start, with real TLS clients that trust only the
 * test's self-signed certificate and check the host name: HTTPS with Vert.x's WebClient, MQTT over TLS
 * with HiveMQ's client.
 */
@ExtendWith(VertxExtension.class)
class IngestTlsTest {

    /** The name the certificate is made for and the clients connect to, so that host name verification holds. */
    private static final String HOST = "localhost";

    private Vertx vertx;
    private RocksRecordLog log;
    private SelfSignedCertificate certificate;
    private IngestVerticle http;
    private MqttIngestVerticle mqtt;

    @BeforeEach
    void deploy(Vertx vertx, @TempDir Path dataDir) throws Exception {
        this.vertx = vertx;
        certificate = SelfSignedCertificate.create(HOST);
        log = RocksRecordLog.open(LogSpec.of(dataDir.resolve("events"), 2));
        IngestConfig config = MqttFixtures.LOOPBACK.withHost("127.0.0.1")
                .withTls(new PemFiles(Path.of(certificate.certificatePath()), Path.of(certificate.privateKeyPath())), 0);
        IngestServices services = IngestServices.create(config, IngestFixtures.TOWN, log, new PrometheusRegistry());
        http = new IngestVerticle(services);
        mqtt = new MqttIngestVerticle(services);
        await(vertx.deployVerticle(http));
        await(vertx.deployVerticle(mqtt));
    }

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
        log.close();
        certificate.delete();
    }

    private long stored() {
        return IntStream.range(0, log.partitions()).mapToLong(log::endOffset).sum();
    }

    private HttpResponse<Buffer> post(WebClientOptions options) throws Exception {
        WebClient client = WebClient.create(vertx, options.setDefaultHost(HOST).setDefaultPort(http.actualPort()));
        return await(client.post(IngestVerticle.EVENTS_PATH).bearerTokenAuthentication(CAMERA_TOKEN).putHeader("Content-Type", SINGLE)
                .sendBuffer(Buffer.buffer(detection(CAMERA, "tls-" + System.nanoTime()).toString())));
    }

    @Test
    @DisplayName("A camera posts an event over HTTPS, trusting the configured certificate: 202 once stored")
    void eventOverHttps() throws Exception {
        HttpResponse<Buffer> response = post(new WebClientOptions().setSsl(true).setTrustOptions(certificate.trustOptions()));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    @DisplayName("With TLS configured the HTTP port speaks only TLS: a plain-text request gets no answer and stores nothing")
    void plainTextOnTheHttpsPortFails() {
        assertThatThrownBy(() -> post(new WebClientOptions())).as("refused, not timed out").isInstanceOf(ExecutionException.class);
        assertThat(stored()).isZero();
    }

    @Test
    @DisplayName("A camera publishes over MQTT over TLS (HiveMQ, trusting the certificate): PUBACK once stored; plain MQTT still serves")
    void eventOverMqttTls() throws Exception {
        Mqtt5AsyncClient camera = MqttClient.builder().useMqttVersion5().identifier(CAMERA).serverHost(HOST).serverPort(mqtt.actualTlsPort())
                .sslConfig().trustManagerFactory(trusting(certificate.certificatePath())).applySslConfig().buildAsync();
        await(camera.connectWith().simpleAuth().username(CAMERA).password(bytes(CAMERA_TOKEN)).applySimpleAuth().send());

        assertThat(MqttFixtures.publishQos1(camera, MqttTopics.events(CAMERA), detection(CAMERA, "tls-1")))
                .isEqualTo(Mqtt5PubAckReasonCode.SUCCESS);
        assertThat(stored()).isEqualTo(1);
        assertThat(mqtt.actualPort()).isNotEqualTo(mqtt.actualTlsPort());
        var plain = MqttFixtures.connected5(mqtt.actualPort(), "off-01", "demo-off-01");
        assertThat(plain.getState().isConnected()).isTrue();
    }

    @Test
    @DisplayName("A client that does not trust the certificate cannot connect to MQTT over TLS")
    void untrustedCertificateIsRefusedByTheClient() {
        Mqtt5AsyncClient camera = MqttClient.builder().useMqttVersion5().identifier(CAMERA).serverHost(HOST).serverPort(mqtt.actualTlsPort())
                .sslWithDefaultConfig().buildAsync();

        assertThatThrownBy(() -> await(camera.connectWith().simpleAuth().username(CAMERA).password(bytes(CAMERA_TOKEN)).applySimpleAuth()
                .send())).isInstanceOf(ExecutionException.class).hasStackTraceContaining("SSLHandshakeException");
    }

    /** A trust manager factory that trusts exactly the PEM certificate at {@code path}. */
    static TrustManagerFactory trusting(String path) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.setCertificateEntry("gridwarden", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }
}
