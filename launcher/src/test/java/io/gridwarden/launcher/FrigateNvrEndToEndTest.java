package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.jobs.source.LogClockWatermarks;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.simulator.CommandInbox;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import io.gridwarden.testsupport.FrigateMessages;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo town's Frigate NVR nvr-01 publishes a car on cam-0101 to the embedded process's MQTT port, as Frigate
 * does: {@code frigate/events}, {@code new} then {@code update}s. cam-0101's parking zone (the lower half of its
 * image) is shortened here to a 2 s dwell and a 2 s grace period so that the whole loop takes seconds.
 */
@DisplayName("A Frigate NVR, end to end")
class FrigateNvrEndToEndTest {

    private static final String CAMERA = "cam-0101";
    /** Daqiao's team, next to cam-0101 (28.776294, 118.631969). */
    private static final String OFFICER = "off-31";
    /** In pixels of cam-0101's 1920×1080 detect stream: the car stands at y = 900, in the zone's lower half. */
    private static final int[] PARKED = {800, 700, 1100, 900};
    private static final Duration GIVE_UP = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    private final List<Command> commands = new CopyOnWriteArrayList<>();

    @Test
    @DisplayName("A car Frigate reports staying in cam-0101's parking zone is warned by voice, then dispatched to the nearest officer")
    void shouldWarnThenDispatchTheCarAFrigateNvrReports() throws Exception {
        int ingestPort = GridwardenProcess.freePort();
        int mqttPort = GridwardenProcess.freePort();
        try (var gateway = new CommandInbox(0, (device, command) -> commands.add(command));
             var gridwarden = EmbeddedGridwarden.start(settings(gateway.baseUrl(), ingestPort, mqttPort))) {
            var devices = new DeviceClient("http://127.0.0.1:" + ingestPort);
            var events = new DemoEvents("frigate");
            assertThat(devices.send(DeviceClient.demoToken(OFFICER), List.of(events.officer(OFFICER, Instant.now(), 28.7768, 118.6325,
                    Availability.AVAILABLE))).status()).isEqualTo(202);
            Mqtt5BlockingClient nvr = MqttClient.builder().useMqttVersion5().identifier("frigate").serverHost("127.0.0.1")
                    .serverPort(mqttPort).buildBlocking();
            nvr.connectWith().simpleAuth().username("nvr-01").password("demo-nvr-01".getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
            String eventId = Instant.now().getEpochSecond() + ".475377-mxklsc";

            assertThat(publish(nvr, "new", eventId)).isEqualTo("SUCCESS");
            keepUpdating(nvr, eventId, () -> !commands(Command.VOICE_WARNING).isEmpty());
            keepUpdating(nvr, eventId, () -> !commands(Command.ASSIGNMENT).isEmpty());

            Command warning = commands(Command.VOICE_WARNING).get(0);
            Command assignment = commands(Command.ASSIGNMENT).get(0);
            assertThat(assignment.camera()).isEqualTo(CAMERA);
            assertThat(assignment.category()).isEqualTo("illegal_parking");
            assertThat(assignment.violation()).isEqualTo(warning.violation());
            assertThat(publish(nvr, "end", eventId)).isEqualTo("SUCCESS");
            nvr.disconnect();
        }
    }

    /** {@code gridwarden run --no-simulator --town <cam-0101's rules shortened>} with commands going to the test's gateway, in this JVM. */
    private EmbeddedSettings settings(String commandGateway, int ingestPort, int mqttPort) throws Exception {
        return new EmbeddedSettings(shortRulesTown().toString(), dir.resolve("data"), "127.0.0.1", ingestPort, mqttPort, 0, false, 0,
                commandGateway, Duration.ofSeconds(5), EmbeddedSettings.DEFAULT_PARTITIONS, 2, Duration.ofDays(7), Duration.ofHours(25),
                5_000_000, 200, 2_000, 1, LogClockWatermarks.DEFAULT_MAX_DEVICE_DELAY, false, null, 0, null, null,
                LogSpec.DEFAULT_MAX_PENDING_APPENDS, Duration.parse(EmbeddedSettings.DEFAULT_LOG_COMMIT_DELAY), "127.0.0.1");
    }

    /** Sends an {@code update} of the parked car every half second (Frigate sends one on every change, and at least once a minute), until the condition holds. */
    private void keepUpdating(Mqtt5BlockingClient nvr, String eventId, BooleanSupplier until) throws InterruptedException {
        Instant deadline = Instant.now().plus(GIVE_UP);
        while (!until.getAsBoolean()) {
            assertThat(Instant.now()).as("commands so far: %s", commands).isBefore(deadline);
            assertThat(publish(nvr, "update", eventId)).isEqualTo("SUCCESS");
            Thread.sleep(500);
        }
    }

    /** Publishes at QoS 1 as nvr-01; returns the PUBACK's reason code (SUCCESS once the frame is durable). */
    private static String publish(Mqtt5BlockingClient nvr, String type, String eventId) {
        double now = Instant.now().toEpochMilli() / 1000.0;
        Mqtt5PublishResult result = nvr.publishWith().topic("frigate/events").qos(MqttQos.AT_LEAST_ONCE)
                .payload(FrigateMessages.car(type, eventId, CAMERA, now, PARKED, !type.equals("new")).getBytes(StandardCharsets.UTF_8))
                .send();
        return result instanceof Mqtt5PublishResult.Mqtt5Qos1Result qos1 ? qos1.getPubAck().getReasonCode().name() : "NO_PUBACK";
    }

    private List<Command> commands(String type) {
        return commands.stream().filter(c -> c.type().equals(type)).toList();
    }

    /** The demo town with cam-0101's parking zone at a 2 s dwell and a 2 s grace period. */
    private Path shortRulesTown() throws Exception {
        String demo;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("towns/demo-town.yaml")) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String zone = "{id: z-parking, category: illegal_parking, polygon: [[0.0, 0.5], [1.0, 0.5], [1.0, 1.0], [0.0, 1.0]]}";
        int camera = demo.indexOf("  - id: " + CAMERA + "\n");
        int at = demo.indexOf(zone, camera);
        assertThat(camera).isPositive();
        assertThat(demo.indexOf("  - id: ", camera + 1)).as("the zone is cam-0101's own").isGreaterThan(at);
        String shortened = zone.replace("]]}", "]], dwell: 2s, grace: 2s}");
        return Files.writeString(dir.resolve("town.yaml"), demo.substring(0, at) + shortened + demo.substring(at + zone.length()));
    }
}
