package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
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
            "--max-pending-appends, 0, --max-pending-appends must be at least 1",
            "--flink-web-port, 0, --flink-web-port must be between 1 and 65535"})
    void shouldRefuseWithAUsageErrorBeforeStartingAnything(String option, String value, String message) {
        StringWriter err = new StringWriter();
        Path data = dir.resolve("data");

        int exit = new CommandLine(new Main()).setErr(new PrintWriter(err))
                .execute("run", "--no-simulator", "--data-dir", data.toString(), option, value);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains(message).contains("got " + value).doesNotContain("\tat ");
        assertThat(Files.exists(data)).as("nothing was started or created").isFalse();
    }
}
