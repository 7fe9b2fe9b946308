package io.gridwarden.jobs.assign;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.jobs.model.Assignment;
import io.gridwarden.jobs.model.DeviceAck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Acks from devices: every ack becomes a {@code COMMAND_ACKED} action (so alerting stops retrying
 * that command); an officer's ack of their current assignment also moves the violation on:
 * {@code accepted}, {@code arrived}, {@code resolved} (the officer is free again) or {@code rejected}
 * (reassigned, like a lapsed deadline). Acks of older or unknown commands change nothing else.
 */
final class OfficerReplies {

    private final AssignmentDesk desk;

    OfficerReplies(AssignmentDesk desk) {
        this.desk = desk;
    }

    List<Action> ack(DeskBook book, DeviceAck ack) {
        Optional<Assignment> assignment = book.violationOf(ack.command()).flatMap(book::assignment);
        Instant when = Instant.ofEpochMilli(ack.time());
        List<Action> actions = new ArrayList<>();
        actions.add(Action.acked(ack.device(), new Action.CommandAck(ack.command(), ack.result(), ack.note(), when),
                assignment.map(Assignment::violation).orElse(null)));
        assignment.filter(a -> ack.command().equals(a.command()) && ack.device().equals(a.officer()))
                .ifPresent(a -> actions.addAll(progress(book, a, ack, when)));
        return actions;
    }

    private List<Action> progress(DeskBook book, Assignment a, DeviceAck ack, Instant when) {
        ViolationStatus status = a.violation().status();
        return switch (ack.result()) {
            case DeviceAck.ACCEPTED -> status == ViolationStatus.DISPATCHED ? moveTo(book, a, ViolationStatus.ACCEPTED, ack, when) : List.of();
            case DeviceAck.ARRIVED -> status == ViolationStatus.DISPATCHED || status == ViolationStatus.ACCEPTED
                    ? moveTo(book, a, ViolationStatus.ARRIVED, ack, when) : List.of();
            case DeviceAck.RESOLVED -> resolve(book, a, ack, when);
            case DeviceAck.REJECTED -> desk.reassign(book, a, ack.time(), "rejected by " + a.officer() + note(ack));
            default -> List.of(); // played / failed are cameras' answers to voice warnings
        };
    }

    private List<Action> moveTo(DeskBook book, Assignment a, ViolationStatus next, DeviceAck ack, Instant when) {
        Violation moved = a.violation().withStatus(next, when, next.wireName() + " by " + a.officer() + note(ack));
        book.put(a.withViolation(moved, ack.time() + AssignmentDesk.FORGET_AFTER.toMillis()));
        return List.of(Action.update(moved));
    }

    private List<Action> resolve(DeskBook book, Assignment a, DeviceAck ack, Instant when) {
        Violation resolved = a.violation().withStatus(ViolationStatus.RESOLVED, when, "resolved by " + a.officer() + note(ack));
        desk.release(book, a.officer(), ack.time());
        book.remove(a);
        return List.of(Action.update(resolved));
    }

    private static String note(DeviceAck ack) {
        return ack.note() == null || ack.note().isBlank() ? "" : ": " + ack.note();
    }
}
