package io.gridwarden.jobs.assign;

import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.jobs.model.OfficerState;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses who goes: the nearest available officer of the responsible unit, else the nearest of the
 * neighbour teams ("1+X"), by great-circle distance from where the violation is.
 *
 * <p>Available means: last status {@code available}, reported less than {@code freshness} before the
 * decision (event time), and not holding an assignment. Equally near officers are told apart by who
 * has been idle longest, then by id, so the choice is fair and deterministic.
 */
public final class NearestOfficer {

    private final long freshnessMillis;

    public NearestOfficer(Duration freshness) {
        this.freshnessMillis = freshness.toMillis();
    }

    /** The fairness rule on equal distance: idle longest first, then the smaller id. */
    public static Comparator<OfficerState> tieBreak() {
        return Comparator.comparingLong(OfficerState::idleSince).thenComparing(OfficerState::officer);
    }

    /** By scanning every officer: the reference the indexed lookup is tested against. */
    public Optional<OfficerState> choose(Collection<OfficerState> officers, String unit, List<String> fallbackUnits,
            double lat, double lon, long now) {
        Optional<OfficerState> own = nearest(officers, List.of(unit), lat, lon, now);
        return own.isPresent() ? own : nearest(officers, fallbackUnits, lat, lon, now);
    }

    /** Through the per-unit grids of {@code officers}, never asking anyone in {@code excluded}. */
    public Optional<OfficerState> choose(OfficerDirectory officers, String unit, List<String> fallbackUnits, double lat, double lon,
            long now, Set<String> excluded) {
        Optional<OfficerState> own = nearest(officers, List.of(unit), lat, lon, now, excluded);
        return own.isPresent() ? own : nearest(officers, fallbackUnits, lat, lon, now, excluded);
    }

    public boolean available(OfficerState officer, long now) {
        return officer.status() == Availability.AVAILABLE && officer.holding() == null
                && now - officer.updatedAt() < freshnessMillis;
    }

    private Optional<OfficerState> nearest(OfficerDirectory officers, List<String> units, double lat, double lon, long now,
            Set<String> excluded) {
        Map<String, OfficerState> all = officers.all();
        Comparator<String> tie = Comparator.comparing(all::get, tieBreak());
        OfficerGrid.Nearest best = null;
        for (String unit : units) {
            OfficerGrid.Nearest found = officers.grid(unit)
                    .nearest(lat, lon, id -> !excluded.contains(id) && available(all.get(id), now), tie).orElse(null);
            if (found != null && (best == null || found.metres() < best.metres()
                    || (found.metres() == best.metres() && tie.compare(found.id(), best.id()) < 0))) {
                best = found;
            }
        }
        return best == null ? Optional.empty() : Optional.of(all.get(best.id()));
    }

    private Optional<OfficerState> nearest(Collection<OfficerState> officers, List<String> units, double lat, double lon, long now) {
        return officers.stream()
                .filter(o -> units.contains(o.unit()) && available(o, now))
                .min(Comparator.comparingDouble((OfficerState o) -> GreatCircle.metres(lat, lon, o.lat(), o.lon()))
                        .thenComparing(tieBreak()));
    }
}
