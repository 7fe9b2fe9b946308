package io.gridwarden.jobs.assign;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.jobs.model.Assignment;
import io.gridwarden.jobs.model.OperatorAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A dispatcher's hand on a violation that assignment holds: assign it to a named officer (the
 * previous one's assignment is cancelled), or close it (its officer is freed). A violation still in
 * its grace period is closed, or dispatched to the chosen officer, by detection instead.
 */
final class DispatcherActions {

    private final AssignmentDesk desk;
    DispatcherActions(AssignmentDesk desk) {
        this.desk = desk;
    }

    List<Action> act(DeskBook book, OperatorAction action) {
        Optional<Assignment> assignment = book.assignment(action.violation());
        if (assignment.isEmpty()) {
            return List.of(); // still with detection (grace period): it dispatches it to the chosen officer, or closes it
        }
        return action.close() ? close(book, assignment.get(), action) : assign(book, assignment.get(), action);
    }

    private List<Action> close(DeskBook book, Assignment a, OperatorAction action) {
        Violation closed = a.violation().withStatus(ViolationStatus.CLOSED, Instant.ofEpochMilli(action.time()),
                "closed by " + action.operator() + ": " + action.reason());
        List<Action> actions = new ArrayList<>();
        actions.add(Action.update(closed));
        actions.addAll(desk.withdraw(book, a, closed, action.time(), false));
        book.remove(book.assignment(a.id()).orElseThrow());
        return actions;
    }

    private List<Action> assign(DeskBook book, Assignment a, OperatorAction action) {
        String officer = action.officer();
        if (!desk.mayServe(officer, a.request().unit()) || officer.equals(a.officer())) {
            return List.of(); // an officer of another unit is not the dispatcher's to give (alerting refuses it up front)
        }
        List<Action> actions = new ArrayList<>(desk.withdraw(book, a, a.violation(), action.time(), false));
        actions.addAll(desk.assignByHand(book, book.assignment(a.id()).orElseThrow(), officer, action.time(),
                "assigned by " + action.operator()));
        return actions;
    }
}
