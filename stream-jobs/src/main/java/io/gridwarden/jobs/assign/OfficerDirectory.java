package io.gridwarden.jobs.assign;

import io.gridwarden.jobs.model.OfficerState;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Every known officer's state, with a position grid per unit kept in step for nearest-officer lookups. */
public final class OfficerDirectory {

    private static final OfficerGrid EMPTY = new OfficerGrid();

    private final Map<String, OfficerState> officers = new HashMap<>();
    private final Map<String, OfficerGrid> grids = new HashMap<>();

    public void put(OfficerState officer) {
        OfficerState old = officers.put(officer.officer(), officer);
        if (old != null && !old.unit().equals(officer.unit())) {
            grids.get(old.unit()).remove(old.officer());
        }
        grids.computeIfAbsent(officer.unit(), u -> new OfficerGrid()).put(officer.officer(), officer.lat(), officer.lon());
    }

    public Optional<OfficerState> get(String officer) {
        return Optional.ofNullable(officers.get(officer));
    }

    public Map<String, OfficerState> all() {
        return Collections.unmodifiableMap(officers);
    }

    OfficerGrid grid(String unit) {
        return grids.getOrDefault(unit, EMPTY);
    }
}
