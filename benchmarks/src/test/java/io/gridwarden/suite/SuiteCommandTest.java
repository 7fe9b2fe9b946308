package io.gridwarden.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.suite.settings.SuiteSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class SuiteCommandTest {

    @TempDir
    Path work;

    private SuiteSettings settings(String... args) throws Exception {
        SuiteCommand command = new SuiteCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    @DisplayName("By default every part runs and the HTTP and MQTT parts ramp every peer")
    void shouldRunEverythingByDefault() throws Exception {
        SuiteSettings s = settings("--work-dir", work.toString());

        assertThat(SuiteCommand.PARTS).allMatch(s::runs);
        assertThat(SuiteSettings.PEERS).allMatch(s::ramps).containsExactly("noop", "nginx", "kafka", "mosquitto");
    }

    @Test
    @DisplayName("--peers picks the peers; none leaves gridwarden alone")
    void shouldRampOnlyThePeersChosen() throws Exception {
        SuiteSettings some = settings("--work-dir", work.toString(), "--peers", "noop,mosquitto");
        assertThat(some.ramps("noop")).isTrue();
        assertThat(some.ramps("mosquitto")).isTrue();
        assertThat(some.ramps("kafka")).isFalse();
        assertThat(some.ramps("nginx")).isFalse();

        SuiteSettings none = settings("--work-dir", work.toString(), "--peers", "none", "--parts", "http");
        assertThat(none.peers()).isEmpty();
        assertThat(none.runs("http")).isTrue();
        assertThat(none.runs("mqtt")).isFalse();
    }

    @Test
    @DisplayName("A misspelt part or peer is refused with the known names, before anything runs")
    void shouldRefuseUnknownPartsAndPeers() {
        assertThatThrownBy(() -> settings("--work-dir", work.toString(), "--peers", "noop,kafak"))
                .isInstanceOf(ParameterException.class)
                .hasMessage("--peers: unknown kafak; known: noop, nginx, kafka, mosquitto, or none alone");
        assertThatThrownBy(() -> settings("--work-dir", work.toString(), "--peers", "none,kafka"))
                .isInstanceOf(ParameterException.class)
                .hasMessageStartingWith("--peers: unknown none;");
        assertThatThrownBy(() -> settings("--work-dir", work.toString(), "--parts", "http,e2e,htp"))
                .isInstanceOf(ParameterException.class)
                .hasMessage("--parts: unknown htp; known: http, mqtt, log, rules, e2e");
    }
}
