package io.gridwarden.jobs.assign;

import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.jobs.model.OfficerState;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses who goes: the nearest available officer of the responsible unit, else the nearest of the
 * neighbour teams ("1+X"), by great-circle distance from where the violation is.
 *
 * <p>Available means: last status {@code available}, reported less than {@code freshness} before the
 * decision (event time), and not holding an assignment. Ties go to the smaller officer id so the
 * choice is deterministic.
 */
public final class NearestOfficer {

    private final long freshnessMillis;

    public NearestOfficer(Duration freshness) {
        this.freshnessMillis = freshness.toMillis();
    }

    public Optional<OfficerState> choose(Collection<OfficerState> officers, String unit, List<String> fallbackUnits,
            double lat, double lon, long now) {
        Optional<OfficerState> own = nearest(officers, List.of(unit), lat, lon, now);
        return own.isPresent() ? own : nearest(officers, fallbackUnits, lat, lon, now);
    }

    public boolean available(OfficerState officer, long now) {
        return officer.status() == Availability.AVAILABLE && officer.holding() == null
                && now - officer.updatedAt() < freshnessMillis;
    }

    private Optional<OfficerState> nearest(Collection<OfficerState> officers, List<String> units, double lat, double lon, long now) {
        return officers.stream()
                .filter(o -> units.contains(o.unit()) && available(o, now))
                .min(Comparator.comparingDouble((OfficerState o) -> GreatCircle.metres(lat, lon, o.lat(), o.lon()))
                        .thenComparing(OfficerState::officer));
    }
}
