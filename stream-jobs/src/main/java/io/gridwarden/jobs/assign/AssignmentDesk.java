package io.gridwarden.jobs.assign;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.OfficerState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Assignment decisions over the officers' states and the queue of waiting requests (both owned by
 * the caller): assign a new request, or park it as {@code unassigned}; when an officer reports in,
 * hand them the oldest waiting request they can take.
 */
public final class AssignmentDesk {

    private final Town town;
    private final NearestOfficer nearest;

    public AssignmentDesk(Town town) {
        this.town = town;
        this.nearest = new NearestOfficer(town.officerStatusFreshness());
    }

    /** A new request: assigned at once, or queued in {@code waiting} with an {@code unassigned} update. */
    public List<Action> request(DispatchRequest request, Map<String, OfficerState> officers, Map<String, DispatchRequest> waiting) {
        Optional<OfficerState> chosen = choose(request, officers.values(), request.at());
        if (chosen.isPresent()) {
            return assign(request, chosen.get(), request.at(), officers);
        }
        waiting.put(request.violation().id(), request);
        Violation unassigned = request.violation().withStatus(ViolationStatus.UNASSIGNED, Instant.ofEpochMilli(request.at()),
                "no available officer in " + request.unit() + " or its neighbours");
        return List.of(Action.update(unassigned));
    }

    /** An officer's state changed at {@code now}: waiting requests, oldest first, get whoever can now take them. */
    public List<Action> retryWaiting(Map<String, OfficerState> officers, Map<String, DispatchRequest> waiting, long now) {
        List<Action> actions = new ArrayList<>();
        List<DispatchRequest> queue = new ArrayList<>(waiting.values());
        queue.sort(Comparator.comparingLong(DispatchRequest::at).thenComparing(r -> r.violation().id()));
        for (DispatchRequest request : queue) {
            Optional<OfficerState> chosen = choose(request, officers.values(), now);
            if (chosen.isPresent()) {
                waiting.remove(request.violation().id());
                actions.addAll(assign(request, chosen.get(), Math.max(now, request.at()), officers));
            }
        }
        return actions;
    }

    private Optional<OfficerState> choose(DispatchRequest request, Collection<OfficerState> officers, long now) {
        Violation v = request.violation();
        return nearest.choose(officers, request.unit(), town.fallbackUnits(request.unit()), v.lat(), v.lon(), now);
    }

    private List<Action> assign(DispatchRequest request, OfficerState officer, long at, Map<String, OfficerState> officers) {
        Instant when = Instant.ofEpochMilli(at);
        Violation prior = request.violation();
        Violation dispatched = (at == request.at() ? prior : prior.withStatus(ViolationStatus.DISPATCHED, when, prior.note()))
                .withOfficer(officer.officer());
        Command assignment = new Command(ActionIds.command(prior.id(), Command.ASSIGNMENT, officer.officer()), Command.ASSIGNMENT,
                prior.id(), null, null, null, when, null, prior.category(), prior.camera(), prior.lat(), prior.lon(),
                prior.snapshot(), when.plusMillis(request.acceptWithinMillis()));
        officers.put(officer.officer(), officer.holding(prior.id()));
        return List.of(Action.update(dispatched), Action.command(dispatched, officer.officer(), assignment));
    }
}
