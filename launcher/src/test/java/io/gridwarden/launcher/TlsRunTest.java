package io.gridwarden.launcher;

import io.gridwarden.log.rocksdb.LogSpec;
import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.gridwarden.common.tls.PemFiles;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import io.gridwarden.testsupport.FreePorts;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --ingest-only --tls-cert --tls-key --mqtt-port -1 --mqtt-tls-port}: the options reach the device endpoints. */
@DisplayName("run with TLS for devices")
class TlsRunTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("With plain MQTT turned off, devices post over HTTPS and publish over MQTT over TLS, trusting the given certificate")
    void shouldServeDevicesOverTlsOnly() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
        int ingestPort = FreePorts.next();
        int mqttTlsPort = FreePorts.next();
        var settings = new EmbeddedSettings(EmbeddedSettings.DEFAULT_TOWN, dataDir, "127.0.0.1", ingestPort, -1, 0, false, 0, null,
                Duration.ofSeconds(5), EmbeddedSettings.DEFAULT_PARTITIONS, 2, Duration.ofDays(7), Duration.ofHours(25), 5_000_000, 200, 2_000,
                1, Duration.ofMillis(250), true,
                new PemFiles(Path.of(certificate.certificatePath()), Path.of(certificate.privateKeyPath())), mqttTlsPort, null, null, LogSpec.DEFAULT_MAX_PENDING_APPENDS,
                Duration.parse(EmbeddedSettings.DEFAULT_LOG_COMMIT_DELAY), EmbeddedSettings.DEFAULT_PUBLIC_HOST);
        SSLContext trusting = trusting(certificate.certificatePath());
        var events = new DemoEvents("tls");
        try (EmbeddedGridwarden gridwarden = EmbeddedGridwarden.start(settings)) {
            HttpResponse<String> posted = HttpClient.newBuilder().sslContext(trusting).build().send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + ingestPort + "/v1/events"))
                            .header("Authorization", "Bearer " + DeviceClient.demoToken("cam-0002"))
                            .header("Content-Type", "application/cloudevents-batch+json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(DeviceClient.batchOf(
                                    List.of(events.frame("cam-0002", Instant.now(), List.of(DemoEvents.car("t-1"))))))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

            Mqtt5BlockingClient camera = MqttClient.builder().useMqttVersion5().identifier("cam-0003").serverHost("localhost")
                    .serverPort(mqttTlsPort).sslConfig().trustManagerFactory(trustManagers(certificate.certificatePath())).applySslConfig()
                    .buildBlocking();
            camera.connectWith().simpleAuth().username("cam-0003").password(DeviceClient.demoToken("cam-0003").getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth().send();
            Mqtt5PublishResult published = camera.publishWith().topic("devices/cam-0003/events").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(DeviceClient.batchOf(List.of(events.frame("cam-0003", Instant.now(), List.of())))).send();
            assertThat(((Mqtt5PublishResult.Mqtt5Qos1Result) published).getPubAck().getReasonCode().isError()).isFalse();
            camera.disconnect();
        } finally {
            certificate.delete();
        }
    }

    private static TrustManagerFactory trustManagers(String certificatePath) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(certificatePath))) {
            store.setCertificateEntry("gridwarden", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    private static SSLContext trusting(String certificatePath) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(certificatePath).getTrustManagers(), null);
        return context;
    }
}
