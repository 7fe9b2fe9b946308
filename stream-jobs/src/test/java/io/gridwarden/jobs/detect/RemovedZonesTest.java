package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.CAMERA;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.dispatchRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.jobs.model.TrackState;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tracks of zones a new town version removed: forgotten, their open violations closed by whoever holds them. */
class RemovedZonesTest {

    private static TrackState track(String zone, String id, Violation v) {
        return new TrackState(zone, id, "car", T0, T0, TrackState.NOT_MISSING, "snap.jpg", v);
    }

    @Test
    void shouldCloseWarnedViolationsHereAndSendDispatchedOnesToAssignment() {
        Violation dispatched = dispatchRequest("vio-dispatched", T0).violation();
        Violation warned = dispatchRequest("vio-warned", T0).violation().withStatus(ViolationStatus.WARNED, Instant.ofEpochMilli(T0), "warned");
        Violation resolved = dispatched.withStatus(ViolationStatus.RESOLVED, Instant.ofEpochMilli(T0), "done");
        List<TrackState> tracks = List.of(track("z-gone", "t-1", dispatched), track("z-gone", "t-2", warned),
                track("z-gone", "t-3", resolved), track("z-gone", "t-4", null), track("z-kept", "t-5", dispatchRequest("vio-kept", T0).violation()));

        RemovedZones.Outcome outcome = RemovedZones.of(CAMERA, tracks, Set.of("z-kept"), T0 + 5_000, 3);

        assertThat(outcome.forgotten()).containsExactly("z-gone|t-1", "z-gone|t-2", "z-gone|t-3", "z-gone|t-4");
        assertThat(outcome.actions()).singleElement().satisfies(a -> {
            assertThat(a.violation().id()).isEqualTo("vio-warned");
            assertThat(a.violation().status()).isEqualTo(ViolationStatus.CLOSED);
            assertThat(a.violation().note()).isEqualTo("zone-removed: zone z-gone of cam-0001 is not in town version 3");
        });
        assertThat(outcome.closes()).singleElement().satisfies(c -> {
            assertThat(c.violation()).isEqualTo("vio-dispatched");
            assertThat(c.close()).isTrue();
            assertThat(c.time()).isEqualTo(T0 + 5_000);
            assertThat(c.reason()).startsWith(RemovedZones.REASON);
        });
    }
}
