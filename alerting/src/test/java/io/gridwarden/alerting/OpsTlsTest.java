package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingHarness.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.common.command.DeviceSessions;
import io.gridwarden.common.tls.PemFiles;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The operations API over HTTPS from PEM files, seen by a real TLS client that trusts only that certificate. */
@ExtendWith(VertxExtension.class)
class OpsTlsTest {

    @TempDir
    Path dir;
    private Vertx vertx;
    private AlertingHarness harness;
    private SelfSignedCertificate certificate;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        this.vertx = vertx;
        certificate = SelfSignedCertificate.create("localhost");
        harness = new AlertingHarness(vertx, dir);
        PemFiles identity = new PemFiles(Path.of(certificate.certificatePath()), Path.of(certificate.privateKeyPath()));
        harness.deploy(AlertingFixtures.config(harness.dataDir(), null).withTls(identity), DeviceSessions.NONE);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        certificate.delete();
    }

    @Test
    @DisplayName("With a certificate and key configured, the operations API answers over HTTPS to a client that trusts that certificate")
    void servesHttps() throws Exception {
        WebClient https = WebClient.create(vertx, new WebClientOptions().setSsl(true).setTrustOptions(certificate.trustOptions())
                .setVerifyHost(false));
        var response = https.get(harness.port(), "127.0.0.1", "/v1/town").bearerTokenAuthentication(ADMIN_TOKEN).send()
                .await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getString("name")).isNotBlank();
    }

    @Test
    @DisplayName("Plain HTTP to the TLS port gets no answer: operator tokens never travel in clear text")
    void refusesPlainHttp() {
        WebClient plain = WebClient.create(vertx);
        assertThatThrownBy(() -> plain.get(harness.port(), "127.0.0.1", "/health/live").send()
                .await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(HttpClosedException.class);
    }

    @Test
    @DisplayName("A client that does not trust the certificate cannot connect")
    void untrustedClientFails() {
        WebClient untrusting = WebClient.create(vertx, new WebClientOptions().setSsl(true));
        assertThatThrownBy(() -> untrusting.get(harness.port(), "127.0.0.1", "/health/live").send()
                .await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(SSLHandshakeException.class);
    }
}
