package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ViolationStatus;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command-centre screen that stops reading its alert stream (a frozen browser tab) must not hold up
 * alerting, nor make it buffer the stream: each connection is a cursor on the durable action log that
 * only advances while the socket takes data. Once it reads again it gets everything, in order.
 */
@ExtendWith(VertxExtension.class)
class SlowStreamConsumerTest {

    /** About 18 MB of events: more than the loopback socket buffers hold, so the server must pause this stream. */
    private static final int ACTIONS = 30_000;

    @TempDir
    Path dir;
    private AlertingHarness harness;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new AlertingHarness(vertx, dir);
        harness.deploy(null);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("A stream client that stops reading does not hold up alerting, and receives every event in order once it reads again")
    void stalledClientDoesNotHoldUpAlertingAndLosesNothing() throws Exception {
        try (Socket stalled = new Socket("127.0.0.1", harness.port())) {
            OutputStream request = stalled.getOutputStream();
            request.write(("GET /v1/alerts/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN_TOKEN
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            // The stream starts at the log's end when alerting takes the request: wait for its answer before appending.
            BufferedReader stream = new BufferedReader(new InputStreamReader(stalled.getInputStream(), StandardCharsets.UTF_8));
            assertThat(stream.readLine()).isEqualTo("HTTP/1.1 200 OK");
            String header;
            do { // the response's headers; then nothing more is read until the whole log is applied
                header = stream.readLine();
            } while (header != null && !header.isEmpty());

            List<Action> updates = new ArrayList<>(ACTIONS);
            IntStream.range(0, ACTIONS).forEach(i -> updates.add(Action.update(hecunViolation("t-" + i, ViolationStatus.DISPATCHED))));
            for (int from = 0; from < ACTIONS; from += 1_000) {
                harness.appendAll(updates.subList(from, from + 1_000));
            }

            // The pipeline side went on: every action applied to the violation store while the client read nothing.
            eventually("alerting applied the whole action log", () -> positionOf(harness) == ACTIONS);

            // Read it now. The i-th update is track t-i, so the events must carry t-0, t-1, t-2, … with no gap.
            List<String> tracks = new ArrayList<>();
            String line;
            while (tracks.size() < ACTIONS && (line = stream.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    tracks.add(new JsonObject(line.substring(6)).getString("track"));
                }
            }
            assertThat(tracks).containsExactlyElementsOf(IntStream.range(0, ACTIONS).mapToObj(i -> "t-" + i).toList());
        }
    }

    private static long positionOf(AlertingHarness harness) {
        try {
            return harness.get("/health/ready", null).bodyAsJsonObject().getLong("actionLogPosition", -1L);
        } catch (Exception e) {
            return -1;
        }
    }
}
