package io.gridwarden.common.replay;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one set of decisions amounts to over a window: cases, warnings, dispatches and cases settled by their
 * warning, in total and per category and zone, and each officer's load. Counts are of distinct violations
 * whose update of that status lies in the window (the caller passes the window's actions only).
 *
 * @param total    every category and zone together
 * @param groups   per category and zone (a sensor's cases under the sensor, an offline device's under {@code (none)}),
 *                 ordered by category then zone
 * @param officers per officer: the distinct cases dispatched to them, most first
 */
public record DecisionSummary(Counts total, List<Group> groups, List<OfficerLoad> officers) {

    /** No zone: a case of a device, not of a camera's zone or a sensor. */
    public static final String NO_ZONE = "(none)";

    /**
     * @param settledByWarningShare settled by warning / warnings; null while nothing was warned
     */
    public record Counts(int cases, int warnings, int dispatches, int settledByWarning, Double settledByWarningShare) {

        static Counts of(int cases, int warnings, int dispatches, int settled) {
            return new Counts(cases, warnings, dispatches, settled, warnings == 0 ? null : (double) settled / warnings);
        }
    }

    public record Group(String category, String zone, Counts counts) {}

    public record OfficerLoad(String officer, int cases) {}

    /** The summary of {@code actions}; only violation updates count. */
    public static DecisionSummary of(Collection<Action> actions) {
        Map<String, Tally> byGroup = new TreeMap<>();
        Tally total = new Tally();
        Map<String, Set<String>> byOfficer = new TreeMap<>();
        for (Action action : actions) {
            if (action.kind() != Action.Kind.VIOLATION_UPDATE) {
                continue;
            }
            Violation v = action.violation();
            total.add(v);
            byGroup.computeIfAbsent(v.category() + '\u0000' + zoneOf(v), k -> new Tally()).add(v);
            if (v.status() == ViolationStatus.DISPATCHED && v.officer() != null) {
                byOfficer.computeIfAbsent(v.officer(), o -> new HashSet<>()).add(v.id());
            }
        }
        List<Group> groups = new ArrayList<>();
        byGroup.forEach((key, tally) -> {
            String[] parts = key.split("\u0000", 2);
            groups.add(new Group(parts[0], parts[1], tally.counts()));
        });
        List<OfficerLoad> officers = new ArrayList<>();
        byOfficer.forEach((officer, cases) -> officers.add(new OfficerLoad(officer, cases.size())));
        officers.sort(Comparator.comparingInt(OfficerLoad::cases).reversed().thenComparing(OfficerLoad::officer));
        return new DecisionSummary(total.counts(), List.copyOf(groups), List.copyOf(officers));
    }

    /** The zone a case belongs to: the camera's zone, else the sensor, else {@link #NO_ZONE}. */
    static String zoneOf(Violation v) {
        if (v.zone() != null) {
            return v.zone();
        }
        return v.sensor() != null ? v.sensor() : NO_ZONE;
    }

    /** The distinct violations that reached each counted status. */
    private static final class Tally {
        final Set<String> cases = new HashSet<>();
        final Set<String> warned = new HashSet<>();
        final Set<String> dispatched = new HashSet<>();
        final Set<String> settled = new HashSet<>();

        void add(Violation v) {
            switch (v.status()) {
                case DETECTED -> cases.add(v.id());
                case WARNED -> warned.add(v.id());
                case DISPATCHED -> dispatched.add(v.id());
                case RESOLVED_BY_WARNING -> settled.add(v.id());
                default -> { }
            }
        }

        Counts counts() {
            return Counts.of(cases.size(), warned.size(), dispatched.size(), settled.size());
        }
    }
}
