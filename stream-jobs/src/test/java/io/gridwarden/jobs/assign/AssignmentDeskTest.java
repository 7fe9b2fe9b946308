package io.gridwarden.jobs.assign;

import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.dispatchRequest;
import static io.gridwarden.jobs.JobFixtures.officer;
import static io.gridwarden.jobs.JobFixtures.town;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.OfficerState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssignmentDeskTest {

    private final AssignmentDesk desk = new AssignmentDesk(town());
    private final Map<String, OfficerState> officers = new HashMap<>();
    private final Map<String, DispatchRequest> waiting = new HashMap<>();

    @Test
    void shouldAssignTheNearestOfficerAndMakeThemBusy() {
        officers.put("off-01", officer("off-01", "hecun", 28.741, 118.586, T0));
        List<Action> actions = desk.request(dispatchRequest("vio-1", T0 + 1_000), officers, waiting);

        assertThat(actions).hasSize(2);
        assertThat(actions.get(0).violation().status()).isEqualTo(ViolationStatus.DISPATCHED);
        assertThat(actions.get(0).violation().officer()).isEqualTo("off-01");
        Command assignment = actions.get(1).command();
        assertThat(actions.get(1).target()).isEqualTo("off-01");
        assertThat(assignment.id()).isEqualTo(ActionIds.command("vio-1", Command.ASSIGNMENT, "off-01"));
        assertThat(assignment.respondBy()).isEqualTo(Instant.ofEpochMilli(T0 + 1_000 + 180_000));
        assertThat(assignment.camera()).isEqualTo("cam-0001");
        assertThat(officers.get("off-01").holding()).isEqualTo("vio-1");
        assertThat(desk.request(dispatchRequest("vio-2", T0 + 2_000), officers, waiting))
                .extracting(a -> a.violation().status()).containsExactly(ViolationStatus.UNASSIGNED);
    }

    @Test
    void shouldQueueUnassignedAndDispatchWhenAnOfficerBecomesAvailable() {
        List<Action> none = desk.request(dispatchRequest("vio-1", T0), officers, waiting);
        assertThat(none).extracting(a -> a.violation().status()).containsExactly(ViolationStatus.UNASSIGNED);
        assertThat(waiting).containsKey("vio-1");

        officers.put("off-21", officer("off-21", "tanshi", 28.76, 118.6, T0 + 5_000));
        List<Action> later = desk.retryWaiting(officers, waiting, T0 + 5_000);

        assertThat(later).hasSize(2);
        assertThat(later.get(0).violation().officer()).isEqualTo("off-21");
        assertThat(later.get(0).violation().dispatchedAt()).isEqualTo(Instant.ofEpochMilli(T0 + 5_000));
        assertThat(waiting).isEmpty();
    }
}
