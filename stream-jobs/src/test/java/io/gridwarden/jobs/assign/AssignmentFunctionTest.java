package io.gridwarden.jobs.assign;

import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.TOWN;
import static io.gridwarden.jobs.JobFixtures.dispatchRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.jobs.model.DeskInput;
import io.gridwarden.jobs.model.DeviceAck;
import io.gridwarden.jobs.model.OfficerUpdate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.junit.jupiter.api.Test;

/** The assignment operator: event-time buffering, deadlines and state cleanup. */
class AssignmentFunctionTest {

    private static final long ACCEPT = 180_000;

    private static DeskHarness harness() throws Exception {
        var harness = new DeskHarness(TOWN);
        harness.open();
        return harness;
    }

    private static DeskInput report(String officer, long at, double lat) {
        return DeskInput.of(new OfficerUpdate(officer, "hecun", at, lat, 118.586, Availability.AVAILABLE));
    }

    private static List<Action> run(List<DeskInput> inputs, long watermark) throws Exception {
        try (var harness = harness()) {
            for (DeskInput input : inputs) {
                harness.processElement(input, input.time());
            }
            harness.processWatermark(watermark);
            return new ArrayList<>(harness.extractOutputValues());
        }
    }

    @Test
    void shouldDecideTheSameWhateverOrderTheInputsArriveIn() throws Exception {
        DeskInput far = report("off-02", T0, 28.76);
        DeskInput request = DeskInput.of(dispatchRequest("vio-1", T0 + 1_000));
        DeskInput near = report("off-01", T0 + 1_000, 28.741); // reported at the very instant of the request

        List<Action> one = run(List.of(far, request, near), T0 + 2_000);
        List<Action> other = run(List.of(near, request, far), T0 + 2_000);

        assertThat(one).isEqualTo(other);
        assertThat(one).filteredOn(a -> a.command() != null).singleElement().satisfies(a -> assertThat(a.target()).isEqualTo("off-01"));
    }

    @Test
    void shouldEscalateWhenNoOfficerAcceptsInTime() throws Exception {
        try (var harness = harness()) {
            harness.processElement(report("off-01", T0, 28.741), T0);
            harness.processElement(report("off-02", T0, 28.75), T0);
            harness.processElement(DeskInput.of(dispatchRequest("vio-1", T0)), T0);
            harness.processWatermark(T0 + ACCEPT - 1);
            assertThat(harness.extractOutputValues()).filteredOn(a -> a.command() != null).extracting(Action::target).containsExactly("off-01");

            harness.processWatermark(T0 + ACCEPT); // off-01 never accepted

            List<Action> all = harness.extractOutputValues();
            assertThat(all).filteredOn(a -> a.kind() == Action.Kind.VIOLATION_UPDATE).extracting(a -> a.violation().status())
                    .containsExactly(ViolationStatus.DISPATCHED, ViolationStatus.ESCALATED, ViolationStatus.DISPATCHED);
            assertThat(all).filteredOn(a -> a.command() != null).extracting(a -> a.command().type() + "→" + a.target())
                    .containsExactly("assignment→off-01", "assignment_cancelled→off-01", "assignment→off-02");
        }
    }

    @Test
    void shouldKeepOnlyTheOfficersOnceAViolationIsResolved() throws Exception {
        try (var harness = harness()) {
            harness.processElement(report("off-01", T0, 28.741), T0);
            harness.processElement(DeskInput.of(dispatchRequest("vio-1", T0)), T0);
            harness.processWatermark(T0);
            String command = COMMAND_IDS.make("vio-1", Command.ASSIGNMENT, "off-01", java.time.Instant.ofEpochMilli(T0));
            harness.processElement(DeskInput.of(new DeviceAck("off-01", T0 + 5_000, command, DeviceAck.ACCEPTED, null)), T0 + 5_000);
            harness.processElement(DeskInput.of(new DeviceAck("off-01", T0 + 9_000, command, DeviceAck.RESOLVED, "moved on")), T0 + 9_000);
            harness.processWatermark(T0 + 10 * ACCEPT);

            assertThat(harness.extractOutputValues()).filteredOn(a -> a.kind() == Action.Kind.VIOLATION_UPDATE)
                    .extracting(a -> a.violation().status())
                    .containsExactly(ViolationStatus.DISPATCHED, ViolationStatus.ACCEPTED, ViolationStatus.RESOLVED);
            // Left: the officer's state and what the map shows of them. No pending input, assignment or command.
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        }
    }

    @Test
    void shouldDecideEachRegionOnItsOwnOfficersBeforeAndAfterARestore() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var harness = DeskHarness.byRegion(TOWN)) {
            harness.open();
            harness.processElement(report("off-01", T0, 28.741).inRegion("a"), T0);
            harness.processElement(report("off-02", T0, 28.742).inRegion("b"), T0);
            harness.processWatermark(T0);
            snapshot = harness.snapshot(1, T0);
        }
        try (var restored = DeskHarness.byRegion(TOWN)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(DeskInput.of(dispatchRequest("vio-a", T0 + 1_000)).inRegion("a"), T0 + 1_000);
            restored.processElement(DeskInput.of(dispatchRequest("vio-b", T0 + 2_000)).inRegion("b"), T0 + 2_000);
            restored.processWatermark(T0 + 2_000);

            assertThat(restored.extractOutputValues()).filteredOn(a -> a.command() != null)
                    .extracting(a -> a.command().violation() + "→" + a.target())
                    .containsExactly("vio-a→off-01", "vio-b→off-02");
        }
    }
}
