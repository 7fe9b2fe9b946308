package io.gridwarden.common.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldTakeTwoReadableFiles() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----");
        Path key = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----");

        assertThat(new PemFiles(cert, key).certificate()).isEqualTo(cert);
    }

    @Test
    void shouldNameTheMissingFile() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----");

        assertThatThrownBy(() -> new PemFiles(cert, dir.resolve("nope.pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLS private key").hasMessageContaining("nope.pem");
        assertThatThrownBy(() -> new PemFiles(dir, cert))
                .hasMessageContaining("TLS certificate").hasMessageContaining("not a readable file");
    }
}
