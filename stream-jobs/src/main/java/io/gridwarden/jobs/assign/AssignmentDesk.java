package io.gridwarden.jobs.assign;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.common.town.DispatchRegions;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.detect.EscalationPolicy;
import io.gridwarden.jobs.model.Assignment;
import io.gridwarden.jobs.model.DeskInput;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.OfficerState;
import io.gridwarden.jobs.model.OfficerUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Assignment decisions over a {@link DeskBook}: dispatch a request to the nearest available officer
 * or park it {@code unassigned}; when the accept deadline passes, escalate and reassign to the next
 * nearest; when an officer becomes free, give them the oldest waiting violation. Acks and dispatchers'
 * actions are {@link OfficerReplies}' and {@link DispatcherActions}'; the operations map's officer
 * updates are {@link OfficerMap}'s.
 *
 * <p>Every instant used is an input's event time or a deadline, so a replay decides the same.
 */
public final class AssignmentDesk {

    /** An accepted, arrived or unassigned violation that has not moved for this long is forgotten (state cleanup). */
    public static final Duration FORGET_AFTER = Duration.ofHours(12);

    private final Town town;
    private final CommandIds commandIds;
    private final NearestOfficer nearest;
    private final OfficerReplies replies = new OfficerReplies(this);
    private final DispatcherActions dispatchers;
    private final OfficerMap map = new OfficerMap();
    private final DispatchRegions regions;

    /** {@code commandIds}: how assignments and their cancellations get their ids (under the deployment's command secret). */
    public AssignmentDesk(Town town, CommandIds commandIds) {
        this.town = town;
        this.regions = DispatchRegions.of(town);
        this.commandIds = commandIds;
        this.nearest = new NearestOfficer(town.officerStatusFreshness());
        this.dispatchers = new DispatcherActions(this);
    }

    /** One input, in the order {@link DeskInput#ORDER} put it. */
    public List<Action> apply(DeskBook book, DeskInput input) {
        if (input.request() != null) {
            return request(book, input.request());
        }
        if (input.officer() != null) {
            report(book, input.officer());
            return List.of();
        }
        if (input.ack() != null) {
            return replies.ack(book, input.ack());
        }
        return dispatchers.act(book, input.operation());
    }

    /** After the inputs of instant {@code now}: lapsed deadlines, waiting violations, the officers' map. */
    public List<Action> settle(DeskBook book, long now) {
        List<Action> actions = new ArrayList<>(due(book, now));
        actions.addAll(retryWaiting(book, now));
        actions.addAll(map.show(book, now));
        return actions;
    }

    /** A new request: assigned at once, or parked with an {@code unassigned} update. */
    public List<Action> request(DeskBook book, DispatchRequest request) {
        if (book.assignment(request.violation().id()).isPresent()) {
            return List.of(); // already in hand
        }
        if (request.officer() != null && regions.mayServe(request.officer(), request.unit())) {
            book.put(Assignment.of(request));
            return assignByHand(book, book.assignment(request.violation().id()).orElseThrow(), request.officer(), request.at(),
                    request.violation().note());
        }
        return offer(book, Assignment.of(request), request.at(), request.violation().note());
    }

    /** Whether a dispatcher may hand a violation of {@code unit} to {@code officer}: theirs or a "1+X" neighbour team's. */
    boolean mayServe(String officer, String unit) {
        return regions.mayServe(officer, unit);
    }

    /**
     * Hands the violation to the officer a dispatcher chose, whatever their distance or status. One who
     * never reported is assumed at the violation and busy, so nothing else is given to them meanwhile.
     */
    List<Action> assignByHand(DeskBook book, Assignment a, String officer, long at, String why) {
        if (book.officer(officer).isEmpty()) {
            book.put(new OfficerState(officer, town.officer(officer).orElseThrow().unit(), a.violation().lat(), a.violation().lon(),
                    Availability.BUSY, at, null));
        }
        return assign(book, a, officer, at, why);
    }

    /** An officer's handset reported: newer reports replace older ones; what they hold stays theirs. */
    public void report(DeskBook book, OfficerUpdate update) {
        Optional<OfficerState> known = book.officer(update.officer());
        if (known.isPresent() && known.get().updatedAt() > update.time()) {
            return; // an older report arriving late must not overwrite a newer one
        }
        book.put(known.map(k -> k.report(update)).orElseGet(() -> OfficerState.of(update)));
    }

    /** Accept deadlines that passed by {@code now} escalate; long-idle assignments are forgotten. */
    List<Action> due(DeskBook book, long now) {
        List<Action> actions = new ArrayList<>();
        List<Assignment> due = book.assignments().stream().filter(a -> a.deadline() >= 0 && a.deadline() <= now)
                .sorted(Comparator.comparingLong(Assignment::deadline).thenComparing(Assignment::id)).toList();
        for (Assignment a : due) {
            if (a.violation().status() == ViolationStatus.DISPATCHED && a.officer() != null) {
                actions.addAll(reassign(book, a, a.deadline(), "not accepted by " + a.officer() + " in time"));
            } else {
                release(book, a.officer(), a.deadline());
                book.remove(a);
            }
        }
        return actions;
    }

    /** Waiting violations, oldest first, go to whoever can take them now. */
    List<Action> retryWaiting(DeskBook book, long now) {
        List<Assignment> waiting = book.assignments().stream().filter(a -> a.officer() == null)
                .sorted(Comparator.comparingLong((Assignment a) -> a.request().at()).thenComparing(Assignment::id)).toList();
        List<Action> actions = new ArrayList<>();
        for (Assignment a : waiting) {
            Optional<OfficerState> chosen = choose(book, a, now);
            if (chosen.isPresent()) {
                actions.addAll(assign(book, a, chosen.get().officer(), now, a.violation().note()));
            }
        }
        return actions;
    }

    /** Escalates: cancels the current officer's assignment, passes them over, offers it to the next nearest. */
    List<Action> reassign(DeskBook book, Assignment a, long at, String why) {
        Instant when = Instant.ofEpochMilli(at);
        List<Action> actions = new ArrayList<>();
        Violation escalated = a.violation().withStatus(ViolationStatus.ESCALATED, when, why);
        actions.add(Action.update(escalated));
        actions.addAll(withdraw(book, a, escalated.withOfficer(null), at, true));
        actions.addAll(offer(book, book.assignment(a.id()).orElseThrow(), at, why));
        return actions;
    }

    /** Takes the assignment from its officer (an {@code assignment_cancelled} command), who is free again. */
    List<Action> withdraw(DeskBook book, Assignment a, Violation next, long at, boolean passOver) {
        List<Action> actions = new ArrayList<>();
        Assignment withdrawn = a.withdrawn(next, passOver);
        if (a.officer() != null) {
            Instant when = Instant.ofEpochMilli(at);
            Command cancel = new Command(commandIds.make(a.id(), Command.ASSIGNMENT_CANCELLED, a.officer(), when), Command.ASSIGNMENT_CANCELLED,
                    a.id(), null, null, null, when, null, null, null, null, null, null, null, null);
            actions.add(Action.command(next, a.officer(), cancel));
            withdrawn = withdrawn.withCommand(cancel.id());
            release(book, a.officer(), at);
        }
        book.put(withdrawn);
        return actions;
    }

    /** Hands the violation to {@code officer}: a {@code dispatched} update and an {@code assignment} command. */
    List<Action> assign(DeskBook book, Assignment a, String officer, long at, String why) {
        Instant when = Instant.ofEpochMilli(at);
        DispatchRequest request = a.request();
        Violation v = a.violation();
        Violation dispatched = v.withStatus(ViolationStatus.DISPATCHED, when, why).withOfficer(officer);
        Command assignment = new Command(commandIds.make(v.id(), Command.ASSIGNMENT, officer, when), Command.ASSIGNMENT, v.id(),
                request.urgent() ? EscalationPolicy.URGENT_NOTE + v.category() : null, null, null, when, null, v.category(), v.camera(),
                v.sensor(), v.lat(), v.lon(), v.snapshot(), when.plusMillis(request.acceptWithinMillis()));
        book.put(a.assigned(dispatched, officer, assignment.id(), at + request.acceptWithinMillis()));
        book.officer(officer).ifPresent(o -> book.put(o.holding(v.id())));
        return List.of(Action.update(dispatched), Action.command(dispatched, officer, assignment));
    }

    /** Frees an officer who held a violation. */
    void release(DeskBook book, String officer, long at) {
        if (officer != null) {
            book.officer(officer).filter(o -> o.holding() != null).ifPresent(o -> book.put(o.released(at)));
        }
    }

    private List<Action> offer(DeskBook book, Assignment a, long at, String why) {
        Optional<OfficerState> chosen = choose(book, a, at);
        if (chosen.isPresent()) {
            return assign(book, a, chosen.get().officer(), at, why);
        }
        Violation unassigned = a.violation().withStatus(ViolationStatus.UNASSIGNED, Instant.ofEpochMilli(at),
                "no available officer in " + a.request().unit() + " or its neighbours").withOfficer(null);
        book.put(a.unassigned(unassigned, at + FORGET_AFTER.toMillis()));
        return List.of(Action.update(unassigned));
    }

    private Optional<OfficerState> choose(DeskBook book, Assignment a, long now) {
        Violation v = a.violation();
        return nearest.choose(book.officers(), a.request().unit(), town.fallbackUnits(a.request().unit()), v.lat(), v.lon(), now,
                new HashSet<>(a.passedOver()));
    }
}
