package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

@DisplayName("gridwarden run refuses options it cannot honour")
class RunOptionsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "--ingest-port, 0, --ingest-port must be a fixed port between 1 and 65535",
            "--mqtt-port, 70000, --mqtt-port must be a fixed port between 1 and 65535",
            "--ops-port, -1, --ops-port must be between 0 (any free port) and 65535",
            "--ingest-instances, 0, --ingest-instances must be at least 1",
            "--parallelism, 0, --parallelism must be between 1 and --partitions (4), got 0",
            "--parallelism, 5, --parallelism must be between 1 and --partitions (4), got 5",
            "--max-pending-appends, 0, --max-pending-appends must be at least 1",
            "--log-commit-delay, PT0.2S, --log-commit-delay must be between 0 and 100 ms",
            "--log-commit-delay, PT-0.001S, --log-commit-delay must be between 0 and 100 ms",
            "--flink-web-port, 0, --flink-web-port must be between 1 and 65535",
            "--public-host, evil.example/x, --public-host must be a host name or address"})
    void shouldRefuseWithAUsageErrorBeforeStartingAnything(String option, String value, String message) {
        StringWriter err = new StringWriter();
        Path data = dir.resolve("data");

        int exit = new CommandLine(new Main()).setErr(new PrintWriter(err))
                .execute("run", "--no-simulator", "--data-dir", data.toString(), option, value);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(message).contains("got " + value).doesNotContain("\tat ");
        assertThat(Files.exists(data)).as("nothing was started or created").isFalse();
    }

    /** A town file with mistakes stops the start before anything is made, every mistake named, no stack trace. */
    @Test
    void shouldRefuseATownFileWithMistakesNamingEachWithoutAStackTrace() throws Exception {
        Path town = Files.writeString(dir.resolve("town.yaml"), """
                name: small
                jurisdictions: [{id: a, name: A}]
                units: [{id: team-a, jurisdiction: a}]
                categories: [{id: parking, labels: [car], dwell: PT-5M, warning: {text: go, grace: 0s}}]
                cameras: []
                """);
        StringWriter err = new StringWriter();
        Path data = dir.resolve("data");

        int exit = new CommandLine(new Main()).setErr(new PrintWriter(err))
                .execute("run", "--no-simulator", "--data-dir", data.toString(), "--town", town.toString());

        assertThat(exit).isEqualTo(StartRefusedException.EXIT_CODE);
        assertThat(err.toString()).startsWith("gridwarden run refused to start: ")
                .contains("category parking's dwell must not be negative, not PT-5M")
                .contains("category parking's warning grace must be positive, not PT0S")
                .doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(Files.exists(data)).as("nothing was started or created").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--tls-cert only          | --no-simulator --tls-cert CERT                       | TLS needs both --tls-cert and --tls-key",
            "TLS with the simulator   | --tls-cert CERT --tls-key KEY                        | add --no-simulator",
            "no MQTT port without TLS | --no-simulator --mqtt-port -1                        | --mqtt-port must be a fixed port",
            "a missing key file       | --no-simulator --tls-cert CERT --tls-key MISSING     | is not a readable file"})
    void shouldRefuseTlsOptionsItCannotHonour(String what, String options, String message) throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "cert");
        Path key = Files.writeString(dir.resolve("key.pem"), "key");
        StringWriter err = new StringWriter();
        Path data = dir.resolve("data");
        String[] args = ("run --data-dir " + data + " " + options.replace("CERT", cert.toString()).replace("KEY", key.toString())
                .replace("MISSING", dir.resolve("missing.pem").toString())).split(" ");

        int exit = new CommandLine(new Main()).setErr(new PrintWriter(err)).execute(args);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(message).doesNotContain("\tat ");
    }

    @Test
    @DisplayName("A command secret file others may read is refused as a usage error, before anything starts")
    void shouldRefuseACommandSecretOthersMayRead() throws Exception {
        StringWriter err = new StringWriter();
        Path data = dir.resolve("data");
        Path secret = Files.writeString(dir.resolve("command-secret"), "ab".repeat(32));
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));

        int exit = new CommandLine(new Main()).setErr(new PrintWriter(err))
                .execute("run", "--no-simulator", "--data-dir", data.toString(), "--command-secret-file", secret.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("chmod 600 " + secret).doesNotContain("\tat ");
        assertThat(Files.exists(data)).as("nothing was started or created").isFalse();
    }
}
