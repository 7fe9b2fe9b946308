package io.gridwarden.jobs.assign;

import static io.gridwarden.jobs.JobFixtures.CAMERA_LAT;
import static io.gridwarden.jobs.JobFixtures.CAMERA_LON;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.officer;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.jobs.model.OfficerState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearestOfficerTest {

    private final NearestOfficer nearest = new NearestOfficer(Duration.ofMinutes(5));

    private Optional<String> choose(List<OfficerState> officers, long now) {
        return nearest.choose(officers, "hecun", List.of("tanshi"), CAMERA_LAT, CAMERA_LON, now).map(OfficerState::officer);
    }

    @Test
    void shouldChooseTheNearestAvailableOfficerOfTheUnit() {
        var far = officer("off-01", "hecun", 28.80, 118.586, T0);
        var near = officer("off-02", "hecun", 28.741, 118.586, T0);
        var nearerButOtherUnit = officer("off-21", "tanshi", 28.7405, 118.586, T0);
        assertThat(choose(List.of(far, near, nearerButOtherUnit), T0)).contains("off-02");
    }

    @Test
    void shouldSkipBusyOffDutyAndHoldingOfficers() {
        var busy = new OfficerState("off-01", "hecun", 28.7405, 118.586, Availability.BUSY, T0, null);
        var offDuty = new OfficerState("off-02", "hecun", 28.7405, 118.586, Availability.OFF_DUTY, T0, null);
        var holding = officer("off-03", "hecun", 28.7405, 118.586, T0).holding("vio-1");
        var free = officer("off-04", "hecun", 28.9, 118.586, T0);
        assertThat(choose(List.of(busy, offDuty, holding, free), T0)).contains("off-04");
    }

    @Test
    void shouldSkipOfficersWhoseStatusIsStale() {
        var stale = officer("off-01", "hecun", 28.7405, 118.586, T0);
        var fresh = officer("off-02", "hecun", 28.9, 118.586, T0 + 60_000);
        assertThat(choose(List.of(stale, fresh), T0 + Duration.ofMinutes(5).toMillis())).contains("off-02");
        assertThat(choose(List.of(stale), T0 + Duration.ofMinutes(5).toMillis())).isEmpty();
    }

    @Test
    void shouldFallBackToTheNearestOfficerOfANeighbourTeam() {
        var busyLocal = new OfficerState("off-01", "hecun", 28.7405, 118.586, Availability.BUSY, T0, null);
        var neighbour = officer("off-21", "tanshi", 28.76, 118.6, T0);
        var unrelated = officer("off-31", "daqiao", 28.7405, 118.586, T0);
        assertThat(choose(List.of(busyLocal, neighbour, unrelated), T0)).contains("off-21");
    }

    @Test
    void shouldFindNobodyWhenNoOfficerCanGo() {
        var unrelated = officer("off-31", "daqiao", 28.7405, 118.586, T0);
        assertThat(choose(List.of(unrelated), T0)).isEmpty();
    }
}
