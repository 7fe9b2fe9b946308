package io.gridwarden.jobs.assign;

import static io.gridwarden.jobs.JobFixtures.CAMERA;
import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.dispatchRequest;
import io.gridwarden.jobs.model.DispatchRequest;
import static io.gridwarden.jobs.JobFixtures.town;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.jobs.model.DeviceAck;
import io.gridwarden.jobs.model.OfficerUpdate;
import io.gridwarden.jobs.model.OperatorAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Assignment decisions in the test town (hecun's team off-01, off-02; tanshi's off-21), accept within 180 s. */
class AssignmentDeskTest {

    private static final long ACCEPT = 180_000;
    private final AssignmentDesk desk = new AssignmentDesk(town(), COMMAND_IDS);
    private final DeskBook book = new DeskBook();

    private void report(String officer, String unit, double lat, long at) {
        desk.report(book, new OfficerUpdate(officer, unit, at, lat, 118.586, Availability.AVAILABLE));
    }

    private static String assignmentTo(String violation, String officer, long at) {
        return COMMAND_IDS.make(violation, Command.ASSIGNMENT, officer, Instant.ofEpochMilli(at));
    }

    private static List<Action> commands(List<Action> actions, String type) {
        return actions.stream().filter(a -> a.command() != null && a.command().type().equals(type)).toList();
    }

    @Test
    void shouldAssignTheNearestOfficerAndMakeThemBusy() {
        report("off-01", "hecun", 28.741, T0);
        List<Action> actions = desk.request(book, dispatchRequest("vio-1", T0 + 1_000));

        assertThat(actions).hasSize(2);
        assertThat(actions.get(0).violation().status()).isEqualTo(ViolationStatus.DISPATCHED);
        assertThat(actions.get(0).violation().officer()).isEqualTo("off-01");
        Command assignment = actions.get(1).command();
        assertThat(actions.get(1).target()).isEqualTo("off-01");
        assertThat(assignment.id()).isEqualTo(assignmentTo("vio-1", "off-01", T0 + 1_000));
        assertThat(assignment.respondBy()).isEqualTo(Instant.ofEpochMilli(T0 + 1_000 + ACCEPT));
        assertThat(assignment.camera()).isEqualTo(CAMERA);
        assertThat(book.officer("off-01").orElseThrow().holding()).isEqualTo("vio-1");
        assertThat(desk.request(book, dispatchRequest("vio-2", T0 + 2_000)))
                .extracting(a -> a.violation().status()).containsExactly(ViolationStatus.UNASSIGNED);
    }

    @Test
    void shouldGiveAHandAssignedRequestToTheChosenOfficerNotTheNearest() {
        report("off-01", "hecun", 28.741, T0);
        report("off-02", "hecun", 28.79, T0);
        DispatchRequest byHand = dispatchRequest("vio-1", T0);
        List<Action> actions = desk.request(book, new DispatchRequest(byHand.violation(), byHand.unit(), byHand.acceptWithinMillis(),
                byHand.at(), false, "off-02"));

        assertThat(commands(actions, Command.ASSIGNMENT)).singleElement().satisfies(a -> assertThat(a.target()).isEqualTo("off-02"));
        assertThat(book.officer("off-02").orElseThrow().holding()).isEqualTo("vio-1");
        assertThat(book.officer("off-01").orElseThrow().holding()).isNull();
    }

    @Test
    void shouldNotHandAViolationToAnOfficerOfAnUnrelatedUnit() {
        report("off-01", "hecun", 28.741, T0);
        report("off-47", "water-bureau", 28.7406, T0);
        DispatchRequest byHand = dispatchRequest("vio-1", T0);
        List<Action> requested = desk.request(book, new DispatchRequest(byHand.violation(), byHand.unit(), byHand.acceptWithinMillis(),
                byHand.at(), false, "off-47"));

        // the water bureau's officer is not hecun's to give a parking case: the nearest of hecun's team gets it instead
        assertThat(commands(requested, Command.ASSIGNMENT)).singleElement().satisfies(a -> assertThat(a.target()).isEqualTo("off-01"));
        assertThat(desk.apply(book, io.gridwarden.jobs.model.DeskInput.of(OperatorAction.assign("vio-1", "ops", T0 + 1_000, "off-47",
                "demo-dispatcher-hecun")))).isEmpty();
        assertThat(book.officer("off-47").orElseThrow().holding()).isNull();
    }

    @Test
    void shouldQueueUnassignedAndDispatchWhenAnOfficerBecomesAvailable() {
        assertThat(desk.request(book, dispatchRequest("vio-1", T0))).extracting(a -> a.violation().status())
                .containsExactly(ViolationStatus.UNASSIGNED);

        desk.report(book, new OfficerUpdate("off-21", "tanshi", T0 + 5_000, 28.76, 118.6, Availability.AVAILABLE));
        List<Action> later = desk.settle(book, T0 + 5_000);

        assertThat(commands(later, Command.ASSIGNMENT)).singleElement().satisfies(a -> assertThat(a.target()).isEqualTo("off-21"));
        assertThat(later.get(0).violation().dispatchedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 5_000));
    }

    @Test
    void shouldGiveEquallyNearOfficersTheWorkOfWhoeverWasIdleLongest() {
        report("off-02", "hecun", 28.741, T0);
        report("off-01", "hecun", 28.741, T0 + 1_000); // same place, free a second later
        List<Action> actions = desk.request(book, dispatchRequest("vio-1", T0 + 2_000));
        assertThat(actions.get(0).violation().officer()).isEqualTo("off-02");
    }

    @Test
    void shouldEscalateWhenNoOfficerAcceptsInTime() {
        report("off-01", "hecun", 28.741, T0);
        report("off-02", "hecun", 28.75, T0);
        desk.request(book, dispatchRequest("vio-1", T0));
        assertThat(desk.settle(book, T0 + ACCEPT - 1)).noneMatch(a -> a.kind() == Action.Kind.VIOLATION_UPDATE);

        List<Action> lapsed = desk.settle(book, T0 + ACCEPT);

        assertThat(lapsed).filteredOn(a -> a.kind() == Action.Kind.VIOLATION_UPDATE).extracting(a -> a.violation().status())
                .containsExactly(ViolationStatus.ESCALATED, ViolationStatus.DISPATCHED);
        assertThat(commands(lapsed, Command.ASSIGNMENT_CANCELLED)).singleElement()
                .satisfies(a -> assertThat(a.target()).isEqualTo("off-01"));
        assertThat(commands(lapsed, Command.ASSIGNMENT)).singleElement().satisfies(a -> assertThat(a.target()).isEqualTo("off-02"));
        assertThat(book.officer("off-01").orElseThrow().holding()).isNull();
        // off-01 let it lapse: when off-02 also lapses nobody is left for it, not off-01 again.
        List<Action> again = desk.settle(book, T0 + 2 * ACCEPT);
        assertThat(again).filteredOn(a -> a.kind() == Action.Kind.VIOLATION_UPDATE).extracting(a -> a.violation().status())
                .containsExactly(ViolationStatus.ESCALATED, ViolationStatus.UNASSIGNED);
    }

    @Test
    void shouldFollowAcksToResolvedAndFreeTheOfficer() {
        report("off-01", "hecun", 28.741, T0);
        desk.request(book, dispatchRequest("vio-1", T0));
        String command = assignmentTo("vio-1", "off-01", T0);
        List<Action> actions = new ArrayList<>();
        for (String result : List.of(DeviceAck.ACCEPTED, DeviceAck.ARRIVED, DeviceAck.RESOLVED)) {
            actions.addAll(desk.apply(book, io.gridwarden.jobs.model.DeskInput.of(new DeviceAck("off-01", T0 + 10_000, command, result, null))));
        }

        assertThat(actions).filteredOn(a -> a.kind() == Action.Kind.COMMAND_ACKED).hasSize(3)
                .allSatisfy(a -> assertThat(a.violation().id()).isEqualTo("vio-1"));
        assertThat(actions).filteredOn(a -> a.kind() == Action.Kind.VIOLATION_UPDATE).extracting(a -> a.violation().status())
                .containsExactly(ViolationStatus.ACCEPTED, ViolationStatus.ARRIVED, ViolationStatus.RESOLVED);
        assertThat(book.officer("off-01").orElseThrow().holding()).isNull();
        assertThat(book.assignments()).isEmpty();
        assertThat(desk.settle(book, T0 + ACCEPT)).noneMatch(a -> a.kind() == Action.Kind.VIOLATION_UPDATE);
    }

    @Test
    void shouldReassignARejectedAssignmentAndPassCameraAcksThrough() {
        report("off-01", "hecun", 28.741, T0);
        report("off-02", "hecun", 28.75, T0);
        desk.request(book, dispatchRequest("vio-1", T0));
        List<Action> rejected = desk.apply(book, io.gridwarden.jobs.model.DeskInput.of(
                new DeviceAck("off-01", T0 + 5_000, assignmentTo("vio-1", "off-01", T0), DeviceAck.REJECTED, "on break")));
        List<Action> played = desk.apply(book, io.gridwarden.jobs.model.DeskInput.of(new DeviceAck(CAMERA, T0 + 5_000, "cmd-voice", "played", null)));

        assertThat(commands(rejected, Command.ASSIGNMENT)).singleElement().satisfies(a -> assertThat(a.target()).isEqualTo("off-02"));
        assertThat(rejected).anySatisfy(a -> assertThat(a.kind()).isEqualTo(Action.Kind.COMMAND_ACKED));
        assertThat(played).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Action.Kind.COMMAND_ACKED);
            assertThat(a.violation()).isNull();
            assertThat(a.target()).isEqualTo(CAMERA);
        });
    }

    @Test
    void shouldMoveAnAssignmentByHandAndCancelThePreviousOfficers() {
        report("off-01", "hecun", 28.741, T0);
        desk.request(book, dispatchRequest("vio-1", T0));
        List<Action> moved = desk.apply(book, io.gridwarden.jobs.model.DeskInput.of(
                OperatorAction.assign("vio-1", CAMERA, T0 + 1_000, "off-21", "demo-dispatcher-hecun")));

        assertThat(commands(moved, Command.ASSIGNMENT_CANCELLED)).singleElement().satisfies(a -> assertThat(a.target()).isEqualTo("off-01"));
        assertThat(commands(moved, Command.ASSIGNMENT)).singleElement().satisfies(a -> assertThat(a.target()).isEqualTo("off-21"));
        assertThat(book.officer("off-01").orElseThrow().holding()).isNull();
        assertThat(book.officer("off-21").orElseThrow().holding()).isEqualTo("vio-1");
    }

    @Test
    void shouldCloseByHandAndFreeTheOfficer() {
        report("off-01", "hecun", 28.741, T0);
        desk.request(book, dispatchRequest("vio-1", T0));
        List<Action> closed = desk.apply(book, io.gridwarden.jobs.model.DeskInput.of(
                OperatorAction.close("vio-1", CAMERA, T0 + 1_000, "duplicate", "demo-admin")));

        assertThat(closed.get(0).violation().status()).isEqualTo(ViolationStatus.CLOSED);
        assertThat(commands(closed, Command.ASSIGNMENT_CANCELLED)).hasSize(1);
        assertThat(book.officer("off-01").orElseThrow().holding()).isNull();
        assertThat(book.assignments()).isEmpty();
        assertThat(book.violationOf(assignmentTo("vio-1", "off-01", T0))).isEmpty();
    }

    @Test
    void shouldShowOfficersOnTheMapWhenAvailabilityChangesOrTheyMoveFar() {
        report("off-01", "hecun", 28.741, T0);
        assertThat(desk.settle(book, T0)).filteredOn(a -> a.kind() == Action.Kind.OFFICER_UPDATE).hasSize(1);
        book.clearChanges();
        report("off-01", "hecun", 28.7411, T0 + 10_000); // ~11 m, 10 s later: throttled
        assertThat(desk.settle(book, T0 + 10_000)).noneMatch(a -> a.kind() == Action.Kind.OFFICER_UPDATE);
        book.clearChanges();
        report("off-01", "hecun", 28.7420, T0 + 20_000); // ~110 m
        assertThat(desk.settle(book, T0 + 20_000)).filteredOn(a -> a.kind() == Action.Kind.OFFICER_UPDATE).singleElement()
                .satisfies(a -> assertThat(a.officer().status()).isEqualTo("available"));
        book.clearChanges();
        desk.request(book, dispatchRequest("vio-1", T0 + 21_000));
        assertThat(desk.settle(book, T0 + 21_000)).filteredOn(a -> a.kind() == Action.Kind.OFFICER_UPDATE).singleElement()
                .satisfies(a -> assertThat(a.officer().status()).isEqualTo("busy"));
    }
}
