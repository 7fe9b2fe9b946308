package io.gridwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.common.tls.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestConfigTest {

    @Test
    void shouldServePlainTextUnlessTlsIsGiven() {
        IngestConfig config = IngestConfig.defaults();

        assertThat(config.tls()).isEmpty();
        assertThat(config.plainMqtt()).isTrue();
        assertThat(config.mqttPorts()).isEqualTo("port 1883");
    }

    @Test
    void shouldListenForMqttOverTlsBesidePlainMqttOrAlone(@TempDir Path dir) throws Exception {
        IngestConfig tls = IngestConfig.defaults().withTls(pem(dir), IngestConfig.DEFAULT_MQTT_TLS_PORT);

        assertThat(tls.mqttPorts()).isEqualTo("port 1883 and 8883 (TLS)");
        assertThat(tls.withMqttPort(IngestConfig.DISABLED).plainMqtt()).isFalse();
        assertThat(tls.withMqttPort(IngestConfig.DISABLED).mqttPorts()).isEqualTo("port 8883 (TLS)");
    }

    @Test
    void shouldRefuseTurningPlainMqttOffWithoutTlsAndOnePortForBoth(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> IngestConfig.defaults().withMqttPort(IngestConfig.DISABLED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1 for none when MQTT over TLS is on");
        assertThatThrownBy(() -> IngestConfig.defaults().withTls(pem(dir), IngestConfig.DEFAULT_MQTT_PORT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ports of their own");
    }

    private static PemFiles pem(Path dir) throws Exception {
        return new PemFiles(Files.writeString(dir.resolve("cert.pem"), "cert"), Files.writeString(dir.resolve("key.pem"), "key"));
    }
}
