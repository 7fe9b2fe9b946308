package io.gridwarden.alerting.view;

import io.gridwarden.common.action.Violation;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile.Category;
import io.gridwarden.common.town.TownFile.Officer;
import io.gridwarden.common.town.TownFileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which teams may be sent to a violation: the same ones the jobs dispatch to. A violation of a category in
 * a jurisdiction is for the unit responsible for that category there (a county department such as the
 * water bureau, or the jurisdiction's own team) and, when that is the jurisdiction's own team, also for
 * the teams of its neighbouring jurisdictions ("1+X" joint enforcement). Nobody else: a dispatcher may
 * not send the water bureau to a parked car, nor a team from beyond the neighbours, and neither may an
 * admin (an admin sees every jurisdiction; who is competent for what is the town file's to say).
 *
 * <p>The same rule scopes what operators see of officers ({@link #responsibleIn}, {@link #assignableIn}). Pure.
 */
public final class AssignableUnits {

    private final Town town;

    public AssignableUnits(Town town) {
        this.town = town;
    }

    /** The units that may take a violation of {@code category} in {@code jurisdiction}, the responsible one first. */
    public List<String> forViolation(String category, String jurisdiction) {
        if (category == null || jurisdiction == null || town.category(category).isEmpty() || town.jurisdiction(jurisdiction).isEmpty()) {
            return List.of();
        }
        String responsible;
        try {
            responsible = town.responsibleUnit(category, jurisdiction);
        } catch (TownFileException e) {
            return List.of(); // a jurisdiction without a team of its own: nobody is sent for its local categories
        }
        List<String> units = new ArrayList<>();
        units.add(responsible);
        units.addAll(town.fallbackUnits(responsible)); // empty for a department: it has no neighbours
        return List.copyOf(units);
    }

    /**
     * The units responsible for some category in {@code jurisdictions}: their own teams and the departments
     * (such as the water bureau) that handle a category there. What a viewer of those jurisdictions watches.
     */
    public Set<String> responsibleIn(Collection<String> jurisdictions) {
        return unitsIn(jurisdictions, false);
    }

    /**
     * The units that may be sent to some violation in {@code jurisdictions}: the responsible ones and the
     * neighbours' teams that back the own teams up ("1+X"). The officers a dispatcher there may choose from.
     */
    public Set<String> assignableIn(Collection<String> jurisdictions) {
        return unitsIn(jurisdictions, true);
    }

    private Set<String> unitsIn(Collection<String> jurisdictions, boolean withNeighbours) {
        Set<String> units = new LinkedHashSet<>();
        boolean all = jurisdictions.contains(ViolationFilter.ALL_JURISDICTIONS);
        town.jurisdictions().stream().filter(j -> all || jurisdictions.contains(j.id())).forEach(j -> {
            for (Category category : town.categories()) {
                List<String> eligible = forViolation(category.id(), j.id());
                units.addAll(withNeighbours ? eligible : eligible.subList(0, Math.min(1, eligible.size())));
            }
        });
        return units;
    }

    /** Why {@code officer} may not be sent to {@code violation}, for the dispatcher to read; empty when they may. */
    public Optional<String> refusal(Officer officer, Violation violation) {
        List<String> units = forViolation(violation.category(), violation.jurisdiction());
        if (units.contains(officer.unit())) {
            return Optional.empty();
        }
        String why = "officer " + officer.id() + " is of " + unitName(officer.unit()) + ", which is not sent to " + violation.category()
                + " in " + violation.jurisdiction();
        return Optional.of(units.isEmpty() ? why + "; no team is: check the town file's units"
                : why + "; choose an officer of " + String.join(", ", units.stream().map(this::unitName).toList()));
    }

    private String unitName(String unit) {
        return town.unit(unit).map(u -> u.id() + " (" + u.name() + ")").orElse(unit);
    }
}
