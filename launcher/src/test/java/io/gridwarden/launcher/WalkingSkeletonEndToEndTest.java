package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Command;
import io.gridwarden.common.json.Json;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.gridwarden.simulator.CommandInbox;
import io.gridwarden.simulator.DemoEvents;
import io.gridwarden.simulator.DeviceClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton through the real process: devices send over HTTP exactly as cameras and
 * handsets would, commands arrive at a device gateway, operators watch the SSE stream.
 * cam-0001's z-parking rule: 60 s dwell, 30 s grace (CONTRACT.md §6).
 */
@DisplayName("gridwarden run, end to end")
class WalkingSkeletonEndToEndTest {

    private static final String CAMERA = "cam-0001";
    /** Close to cam-0001 (28.7405, 118.5860). */
    private static final double[] NEAR = {28.7409, 118.5864};
    /** Also hecun's team, some 8 km away. */
    private static final double[] FAR = {28.7900, 118.6500};
    private static final Duration STEP = Duration.ofSeconds(2);

    @TempDir
    Path dataDir;

    /** What the what-if reads and writes beside the data directory: the candidate town, the chart. */
    @TempDir
    Path scratch;

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final DemoEvents events = new DemoEvents("e2e");
    private final List<String> acceptedIds = new ArrayList<>();
    private CommandInbox gateway;
    /** Devices acknowledge what they receive, as real ones do (else alerting sends it again); answered off the receiving thread. */
    private final ExecutorService acks = Executors.newCachedThreadPool();
    private volatile DeviceClient ackClient;
    /** The ref of the picture the camera uploaded for its latest frames (their data.evidence); null: none. */
    private volatile String picture;
    /** When set, the camera sends its frames over this MQTT session instead of HTTP. */
    private MqttCamera mqttCamera;
    private Path output;

    /** A command as a device received it: on its MQTT commands topic or at the device gateway (webhook). */
    private record Received(String device, Command command, String via) {}

    @BeforeEach
    void startGateway() throws Exception {
        gateway = new CommandInbox(0, (device, command) -> receive(new Received(device, command, "webhook")));
        output = Files.createDirectories(Path.of("target", "e2e")).resolve(getClass().getSimpleName() + "-" + System.nanoTime() + ".log");
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
        acks.shutdownNow();
    }

    /** Records a command and has the device acknowledge it: a camera played the warning, an officer accepts. */
    private void receive(Received r) {
        received.add(r);
        String result = switch (r.command().type()) {
            case Command.VOICE_WARNING -> "played";
            case Command.ASSIGNMENT -> "accepted";
            default -> null;
        };
        if (result != null && ackClient != null) {
            DeviceEvent ack = events.ack(r.device(), Instant.now(), r.command().id(), result);
            acks.execute(() -> sendUntilAccepted(r.device(), ack));
        }
    }

    /**
     * Sends {@code ack} as a device does: again until ingest answers, through whichever process is running
     * then, since a kill -9 can take the process down after the command went out and before the ack was stored.
     */
    private void sendUntilAccepted(String device, DeviceEvent ack) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int status = ackClient.send(DeviceClient.demoToken(device), List.of(ack)).status();
                if (status < 500 && status != 429) {
                    return; // stored (202), or refused for good: sending it again would not change the answer
                }
            } catch (IOException e) {
                // the process is gone (kill -9) or not up yet: the next one takes the ack
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Test
    @DisplayName("A car that stays is warned, then dispatched to the nearest officer; a car that leaves is resolved by the warning"
            + " (the camera on MQTT, the officers on HTTP); the camera's pictures reach the operators of the jurisdiction only")
    void shouldWarnThenDispatchTheCarThatStaysAndResolveTheOneThatLeaves() throws Exception {
        try (var gridwarden = new GridwardenProcess(dataDir, gateway.baseUrl(), output).start();
             var operator = new AlertStreamClient(gridwarden.opsUrl(), "demo-admin");
             var camera = new MqttCamera(CAMERA, gridwarden.mqttPort, command -> receive(new Received(CAMERA, command, "mqtt")))) {
            mqttCamera = camera;
            var devices = new DeviceClient(gridwarden.ingestUrl());
            ackClient = devices;
            officersOnDuty(devices);
            String arrival = upload(gridwarden, jpeg(1));
            picture = arrival;
            Instant firstSeen = Instant.now().minusSeconds(50);
            sendFramesSince(devices, firstSeen, List.of(DemoEvents.car("t-stay"), DemoEvents.car("t-leave")));

            keepSending(devices, List.of(DemoEvents.car("t-stay"), DemoEvents.car("t-leave")), () -> commands(CAMERA, Command.VOICE_WARNING).size() == 2);
            String recheck = upload(gridwarden, jpeg(2));
            picture = recheck;
            keepSending(devices, List.of(DemoEvents.car("t-stay")), () -> !commands("off-01", Command.ASSIGNMENT).isEmpty()
                    && operator.alerts.stream().anyMatch(a -> a.event().equals("violation.resolved_by_warning")));

            Command assignment = commands("off-01", Command.ASSIGNMENT).get(0);
            assertThat(assignment.camera()).isEqualTo(CAMERA);
            assertThat(assignment.category()).isEqualTo("illegal_parking");
            assertThat(commands("off-02", Command.ASSIGNMENT)).isEmpty();
            assertThat(commands(CAMERA, Command.VOICE_WARNING)).extracting(Command::violation).doesNotHaveDuplicates()
                    .contains(assignment.violation());
            awaitTrue(() -> operator.saw("violation.dispatched", assignment.violation()), Duration.ofSeconds(10));
            var resolved = operator.alerts.stream().filter(a -> a.event().equals("violation.resolved_by_warning")).toList();
            assertThat(resolved).singleElement().satisfies(a -> assertThat(a.violation().path("track").asText()).isEqualTo("t-leave"));
            assertThat(received).filteredOn(r -> r.command().type().equals(Command.ASSIGNMENT)).hasSize(1);
            assertThat(received).filteredOn(r -> r.command().type().equals(Command.VOICE_WARNING)).extracting(Received::via).containsOnly("mqtt");

            // The pictures the camera uploaded are the violation's evidence, served to its jurisdiction's operators only.
            String dispatched = assignment.violation();
            assertThat(operations(gridwarden, "demo-dispatcher-hecun", "/v1/violations/" + dispatched, null).body())
                    .contains("\"evidence\":[\"" + arrival + "\",\"" + recheck + "\"]");
            HttpResponse<byte[]> shown = evidence(gridwarden, "demo-dispatcher-hecun", dispatched, recheck);
            assertThat(shown.statusCode()).isEqualTo(200);
            assertThat(shown.body()).isEqualTo(jpeg(2));
            assertThat(shown.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(evidence(gridwarden, "demo-viewer-tanshi", dispatched, recheck).statusCode()).as("another jurisdiction").isEqualTo(404);
            assertThat(evidence(gridwarden, "demo-admin", dispatched, "sha256:" + "0".repeat(64)).statusCode()).as("a ref not its").isEqualTo(404);

            // The dispatcher closes it from the operations API: the officer is stood down, the stream shows it closed.
            HttpResponse<String> close = operations(gridwarden, "demo-dispatcher-hecun", "/v1/violations/" + assignment.violation() + "/close",
                    "{\"reason\":\"driver came back and left\"}");
            assertThat(close.statusCode()).as(close.body()).isEqualTo(202);
            awaitTrue(() -> operator.saw("violation.closed", assignment.violation()), Duration.ofSeconds(30));
            awaitTrue(() -> !commands("off-01", Command.ASSIGNMENT_CANCELLED).isEmpty(), Duration.ofSeconds(30));
            assertThat(operations(gridwarden, "demo-admin", "/", null).body()).contains("gridwarden");

            // Every metric the shipped Grafana dashboard queries is one this process exports, now that the loop has run.
            String scrape = operations(gridwarden, "demo-prometheus", "/metrics", null).body();
            assertThat(GrafanaDashboard.exportedSamples(scrape)).containsAll(GrafanaDashboard.queriedMetrics());

            // What-if, while it runs: with cam-0001's grace at 60 s instead of 30 s, the car that stayed would not have been dispatched.
            assertGraceWhatIf(gridwarden);
        }
    }

    @Test
    @DisplayName("Requests without a valid token or with a malformed event are refused and never reach the log")
    void shouldRefuseBadRequestsAndKeepThemOutOfTheLog() throws Exception {
        DeviceEvent good = events.frame(CAMERA, Instant.now(), List.of());
        DeviceEvent unauthenticated = events.frame(CAMERA, Instant.now(), List.of());
        DeviceEvent accepted = events.frame(CAMERA, Instant.now(), List.of());
        try (var gridwarden = new GridwardenProcess(dataDir, gateway.baseUrl(), output).start()) {
            var devices = new DeviceClient(gridwarden.ingestUrl());
            ackClient = devices;
            assertThat(devices.send("not-a-token", List.of(unauthenticated)).status()).isEqualTo(401);

            String badFrame = """
                    {"specversion":"1.0","id":"bad-1","source":"cam-0001","type":"gw.detection","time":"%s",
                     "data":{"objects":[{"track":"t","label":"car","confidence":0.9,"box":[0.1,2.0,0.1,0.1]}]}}"""
                    .formatted(Instant.now());
            String malformed = "[" + new String(EventCodec.encode(good), java.nio.charset.StandardCharsets.UTF_8) + "," + badFrame + "]";
            HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gridwarden.ingestUrl() + "/v1/events"))
                    .header("Authorization", "Bearer " + DeviceClient.demoToken(CAMERA))
                    .header("Content-Type", DeviceClient.BATCH_CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofString(malformed)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(reply.statusCode()).isEqualTo(400);
            assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(reply.body()).contains("/data/objects/0/box").contains("\"index\":1");
            send(devices, CAMERA, accepted);
        }
        assertThat(storedEventIds()).contains(accepted.id()).doesNotContain(good.id(), "bad-1", unauthenticated.id());
        // SIGTERM stops the job's tasks before the logs close under them (it used to exit mid-cancel)
        assertThat(Files.readString(output)).contains("Stopping gridwarden", "The enforcement job has stopped")
                .doesNotContain("addJvmShutdownHook"); // Flink's actor systems closing in the shutdown hook: noise, dropped
    }

    @Test
    @DisplayName("kill -9 after the 202 loses no acknowledged event and sends no second voice warning")
    void shouldSurviveKillMinus9WithoutLosingEventsOrWarningTwice() throws Exception {
        try (var gridwarden = new GridwardenProcess(dataDir, gateway.baseUrl(), output).start()) {
            var devices = new DeviceClient(gridwarden.ingestUrl());
            ackClient = devices;
            officersOnDuty(devices);
            sendFramesSince(devices, Instant.now().minusSeconds(50), List.of(DemoEvents.car("t-kill")));
            gridwarden.kill();
        }
        try (var gridwarden = new GridwardenProcess(dataDir, gateway.baseUrl(), output).start()) {
            var devices = new DeviceClient(gridwarden.ingestUrl());
            ackClient = devices;
            keepSending(devices, List.of(DemoEvents.car("t-kill")), () -> !commands(CAMERA, Command.VOICE_WARNING).isEmpty());
            String violation = commands(CAMERA, Command.VOICE_WARNING).get(0).violation();
            awaitTrue(() -> timelineOf(gridwarden, violation).contains("\"acked\""), Duration.ofSeconds(30)); // the camera's ack is recorded
            gridwarden.kill();
        }
        try (var gridwarden = new GridwardenProcess(dataDir, gateway.baseUrl(), output).start()) {
            var devices = new DeviceClient(gridwarden.ingestUrl());
            ackClient = devices;
            keepSending(devices, List.of(DemoEvents.car("t-kill")), () -> !commands("off-01", Command.ASSIGNMENT).isEmpty());
        }
        assertThat(commands(CAMERA, Command.VOICE_WARNING)).hasSize(1);
        assertThat(commands("off-01", Command.ASSIGNMENT)).singleElement()
                .satisfies(a -> assertThat(a.violation()).isEqualTo(commands(CAMERA, Command.VOICE_WARNING).get(0).violation()));
        Map<String, Integer> stored = new HashMap<>();
        storedEventIds().forEach(id -> stored.merge(id, 1, Integer::sum));
        assertThat(acceptedIds).allSatisfy(id -> assertThat(stored).containsEntry(id, 1));
    }

    /** A small JPEG-looking picture (the store judges by the first bytes), told apart by {@code seed}. */
    private static byte[] jpeg(int seed) {
        byte[] picture = new byte[2048];
        java.util.Arrays.fill(picture, (byte) seed);
        picture[0] = (byte) 0xFF;
        picture[1] = (byte) 0xD8;
        picture[2] = (byte) 0xFF;
        return picture;
    }

    /** The camera uploads a picture, as a plain HTTP camera would; returns its ref. */
    private static String upload(GridwardenProcess gridwarden, byte[] jpeg) throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gridwarden.ingestUrl() + "/v1/evidence"))
                .header("Authorization", "Bearer " + DeviceClient.demoToken(CAMERA)).header("Content-Type", "image/jpeg")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jpeg)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return io.gridwarden.common.json.Json.mapper().readTree(created.body()).path("evidence").asText();
    }

    private static HttpResponse<byte[]> evidence(GridwardenProcess gridwarden, String operator, String violation, String ref) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gridwarden.opsUrl() + "/v1/violations/" + violation
                + "/evidence/" + ref)).header("Authorization", "Bearer " + operator).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The camera's frame at {@code t}, naming its latest uploaded picture. */
    private DeviceEvent cameraFrame(Instant t, List<DetectedObject> seen) {
        DeviceEvent frame = events.frame(CAMERA, t, seen);
        String ref = picture;
        return ref == null ? frame : new DeviceEvent(frame.id(), frame.source(), frame.type(), frame.time(), null,
                new io.gridwarden.common.event.Detection(seen, ((io.gridwarden.common.event.Detection) frame.data()).snapshot(), ref));
    }

    private void officersOnDuty(DeviceClient devices) throws Exception {
        send(devices, "off-01", events.officer("off-01", Instant.now(), NEAR[0], NEAR[1], Availability.AVAILABLE));
        send(devices, "off-02", events.officer("off-02", Instant.now(), FAR[0], FAR[1], Availability.AVAILABLE));
    }

    /** The camera's frames from {@code since} until now, every 10 s, sent as one batch (a camera catching up). */
    private void sendFramesSince(DeviceClient devices, Instant since, List<DetectedObject> seen) throws Exception {
        List<DeviceEvent> frames = new ArrayList<>();
        for (Instant t = since; t.isBefore(Instant.now()); t = t.plusSeconds(10)) {
            frames.add(cameraFrame(t, seen));
        }
        send(devices, CAMERA, frames.toArray(DeviceEvent[]::new));
    }

    /** Sends a frame every {@link #STEP}, as a live camera does, until the condition holds (at most 2 minutes). */
    private void keepSending(DeviceClient devices, List<DetectedObject> seen, BooleanSupplier until) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!until.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 2 minutes; received so far: %s", received).isBefore(deadline);
            send(devices, CAMERA, cameraFrame(Instant.now(), seen));
            Thread.sleep(STEP.toMillis());
        }
    }

    private void send(DeviceClient devices, String device, DeviceEvent... batch) throws Exception {
        if (mqttCamera != null && device.equals(CAMERA)) {
            assertThat(mqttCamera.publish(List.of(batch))).isEqualTo("SUCCESS");
        } else {
            DeviceClient.Reply reply = devices.send(DeviceClient.demoToken(device), List.of(batch));
            assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        }
        for (DeviceEvent e : batch) {
            acceptedIds.add(e.id());
        }
    }

    /** A call to the operations API as an operator: GET without a body, POST with one. */
    /** The what-if from the command line (another process) and from the dashboard's API (this one), admins only. */
    private void assertGraceWhatIf(GridwardenProcess gridwarden) throws Exception {
        Path chart = scratch.resolve("what-if.html");
        Path candidate = WhatIfCli.demoTownWithGrace(scratch, "60s");
        var report = WhatIfCli.run(dataDir, candidate, "PT15M", chart, output);
        assertThat(report.path("live").path("total").path("dispatches").asInt()).as("%s", report).isEqualTo(1);
        assertThat(report.path("candidate").path("total").path("dispatches").asInt()).as("%s", report).isZero();
        assertThat(report.path("candidate").path("total").path("warnings").asInt()).as("%s", report).isEqualTo(2);
        assertThat(Files.readString(chart)).contains("<svg", "illegal_parking / z-parking");

        String body = Json.toString(java.util.Map.of("town", Files.readString(candidate), "from", Instant.now().minusSeconds(900).toString()));
        HttpResponse<String> asAdmin = operations(gridwarden, "demo-admin", "/v1/whatif", body);
        assertThat(asAdmin.statusCode()).as(asAdmin.body()).isEqualTo(200);
        var fromApi = Json.mapper().readTree(asAdmin.body());
        assertThat(fromApi.path("live").path("total").path("dispatches").asInt()).as("%s", fromApi).isEqualTo(1);
        assertThat(fromApi.path("candidate").path("total").path("dispatches").asInt()).as("%s", fromApi).isZero();
        HttpResponse<String> asDispatcher = operations(gridwarden, "demo-dispatcher-hecun", "/v1/whatif", body);
        assertThat(asDispatcher.statusCode()).isEqualTo(403);
        assertThat(asDispatcher.body()).contains("urn:gridwarden:problem:admin-only");
        HttpResponse<String> invalid = operations(gridwarden, "demo-admin", "/v1/whatif", Json.toString(java.util.Map.of("town", "cameras: 7")));
        assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(422);
        assertThat(invalid.body()).contains("urn:gridwarden:problem:invalid-town");
    }

    private static HttpResponse<String> operations(GridwardenProcess gridwarden, String operator, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gridwarden.opsUrl() + path)).header("Authorization", "Bearer " + operator);
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String timelineOf(GridwardenProcess gridwarden, String violation) {
        try {
            return operations(gridwarden, "demo-admin", "/v1/violations/" + violation, null).body();
        } catch (Exception e) {
            return "";
        }
    }

    private List<Command> commands(String device, String type) {
        return received.stream().filter(r -> r.device().equals(device) && r.command().type().equals(type)).map(Received::command).toList();
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("condition within " + timeout).isTrue();
    }

    private List<String> storedEventIds() {
        List<String> ids = new ArrayList<>();
        try (RocksRecordLog log = RocksRecordLog.open(EmbeddedGridwarden.eventLogSpec(dataDir, EmbeddedSettings.DEFAULT_PARTITIONS))) {
            for (int p = 0; p < log.partitions(); p++) {
                for (LogRecord record : log.read(p, 0, Integer.MAX_VALUE)) {
                    ids.add(EventCodec.decode(record.payload()).id());
                }
            }
        }
        return ids;
    }
}
