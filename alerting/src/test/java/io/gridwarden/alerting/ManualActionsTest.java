package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.HECUN_DISPATCHER_TOKEN;
import static io.gridwarden.alerting.AlertingFixtures.hecunViolation;
import static io.gridwarden.alerting.AlertingHarness.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.EventType;
import io.gridwarden.common.event.ManualAssign;
import io.gridwarden.common.event.ManualClose;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ManualActionsTest {

    @TempDir
    Path dir;
    private AlertingHarness harness;
    private final Violation open = hecunViolation("t-1", ViolationStatus.DISPATCHED);
    private final Violation closed = hecunViolation("t-2", ViolationStatus.CLOSED);

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new AlertingHarness(vertx, dir);
        harness.append(Action.update(open));
        harness.append(Action.update(closed));
        harness.deploy(null);
        eventually("the violations are stored", () -> status(closed) == 200);
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    @DisplayName("Assigning by hand appends an OPS_ASSIGN event from ops:<operator> on the camera's partition, and answers 202")
    void assignAppendsEvent() throws Exception {
        Instant before = Instant.now();
        var response = harness.post("/v1/violations/" + open.id() + "/assign", HECUN_DISPATCHER_TOKEN, new JsonObject().put("officer", "off-07"));

        assertThat(response.statusCode()).isEqualTo(202);
        var records = harness.eventRecords(harness.eventPartitionOf("cam-0001"));
        assertThat(records).hasSize(1);
        DeviceEvent event = EventCodec.decode(records.get(0).payload());
        assertThat(event.type()).isEqualTo(EventType.OPS_ASSIGN);
        assertThat(event.source()).isEqualTo("ops:demo-dispatcher-hecun");
        assertThat(event.id()).isEqualTo(response.bodyAsJsonObject().getString("event")).startsWith("ops-");
        assertThat(event.time()).isBetween(before.minusMillis(1), Instant.now());
        assertThat(records.get(0).eventTimeMillis()).as("its time stored beside it, for the jobs").isEqualTo(event.time().toEpochMilli());
        assertThat(event.data()).isEqualTo(new ManualAssign(open.id(), open.camera(), "off-07", "demo-dispatcher-hecun"));
    }

    @Test
    @DisplayName("Closing by hand appends an OPS_CLOSE event with the reason; every request gets a fresh event id")
    void closeAppendsEvent() throws Exception {
        harness.post("/v1/violations/" + open.id() + "/close", HECUN_DISPATCHER_TOKEN, new JsonObject().put("reason", "cart gone"));
        harness.post("/v1/violations/" + open.id() + "/close", HECUN_DISPATCHER_TOKEN, new JsonObject().put("reason", "cart gone"));

        var events = harness.events();
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo(EventType.OPS_CLOSE);
            assertThat(e.data()).isEqualTo(new ManualClose(open.id(), open.camera(), "cart gone", "demo-dispatcher-hecun"));
        });
        assertThat(events.get(0).id()).isNotEqualTo(events.get(1).id());
    }

    @Test
    @DisplayName("An unknown officer is 400, closing a closed violation is 409, and neither writes an event")
    void invalidRequestsWriteNothing() throws Exception {
        var unknown = harness.post("/v1/violations/" + open.id() + "/assign", HECUN_DISPATCHER_TOKEN, new JsonObject().put("officer", "off-99"));
        var again = harness.post("/v1/violations/" + closed.id() + "/close", HECUN_DISPATCHER_TOKEN, new JsonObject().put("reason", "x"));
        var noReason = harness.post("/v1/violations/" + open.id() + "/close", HECUN_DISPATCHER_TOKEN, new JsonObject());

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.bodyAsJsonObject().getString("detail")).contains("off-99");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(harness.events()).isEmpty();
    }

    private int status(Violation v) {
        try {
            return harness.get("/v1/violations/" + v.id(), HECUN_DISPATCHER_TOKEN).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
