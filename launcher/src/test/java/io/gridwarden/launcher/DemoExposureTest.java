package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.town.Secrets;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo town's tokens are published in the README: a demo start must not accept them from the
 * network unless the user asks for it with {@code --host}, and must say loudly that they are live.
 */
@DisplayName("demo tokens and the network")
class DemoExposureTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("The demo town started without --host listens on loopback only, and warns that demo tokens are live")
    void shouldListenOnLoopbackOnlyForTheDemoTown() throws Exception {
        try (var gridwarden = new GridwardenProcess(dir.resolve("data"), "http://127.0.0.1:9", ExposedPortsTest.output("demo"))
                .withoutHostOption().start()) {
            List<InetSocketAddress> listening = ListeningSockets.of(gridwarden.pid());

            assertThat(listening).extracting(InetSocketAddress::getPort)
                    .contains(gridwarden.ingestPort, gridwarden.mqttPort, gridwarden.opsPort);
            assertThat(listening).allMatch(ListeningSockets::isLoopback, "on loopback");
            assertThat(gridwarden.output()).containsPattern("WARN .*DEMO TOKENS ARE LIVE").contains("Listening on 127.0.0.1 only");
            assertThat(new DeviceClient(gridwarden.ingestUrl()).send(DeviceClient.demoToken("cam-0001"), List.of(frame())).status())
                    .as("the README's quick start still works on this machine").isEqualTo(202);
        }
    }

    @Test
    @DisplayName("The demo town with --host 0.0.0.0 listens on every interface and warns that anyone who reaches it can use the tokens")
    void shouldWarnWhenTheDemoIsExposedOnPurpose() throws Exception {
        try (var gridwarden = new GridwardenProcess(dir.resolve("data"), "http://127.0.0.1:9", ExposedPortsTest.output("demo-exposed"))
                .start(List.of("--host", "0.0.0.0", "--ingest-only"))) {
            assertThat(ListeningSockets.of(gridwarden.pid())).filteredOn(a -> a.getPort() == gridwarden.ingestPort)
                    .noneMatch(ListeningSockets::isLoopback);
            assertThat(gridwarden.output()).containsPattern("WARN .*DEMO TOKENS ARE LIVE")
                    .containsPattern("WARN .*Listening on 0.0.0.0: ANYONE WHO CAN REACH THIS MACHINE");
        }
    }

    @Test
    @DisplayName("A town file of one's own, without published tokens, listens on every interface by default and warns of nothing")
    void shouldListenOnEveryInterfaceForATownOfOnesOwn() throws Exception {
        Path town = ownTown();
        try (var gridwarden = new GridwardenProcess(dir.resolve("data"), "http://127.0.0.1:9", ExposedPortsTest.output("own-town"))
                .withoutHostOption().start(List.of("--town", town.toString(), "--ingest-only"))) {
            assertThat(ListeningSockets.of(gridwarden.pid())).filteredOn(a -> a.getPort() == gridwarden.ingestPort || a.getPort() == gridwarden.mqttPort)
                    .hasSize(2).allMatch(a -> a.getAddress().isAnyLocalAddress(), "on every interface");
            assertThat(gridwarden.output()).doesNotContain("DEMO TOKENS");
            assertThat(new DeviceClient(gridwarden.ingestUrl()).send(DeviceClient.demoToken("cam-0001"), List.of(frame())).status())
                    .as("a published token").isEqualTo(401);
        }
    }

    /** The demo town with every token replaced by one of its own that is not published. */
    private Path ownTown() throws Exception {
        String demo;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("towns/demo-town.yaml")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String own = Pattern.compile("sha256:[0-9a-f]{64}").matcher(demo).replaceAll(published -> Secrets.hash("own secret instead of " + published.group()));
        return Files.writeString(dir.resolve("own-town.yaml"), own);
    }

    private static io.gridwarden.common.event.DeviceEvent frame() {
        return new DemoEvents("exposure").frame("cam-0001", Instant.now(), List.of(DemoEvents.car("t-1")));
    }
}
