package io.gridwarden.common.town;

import io.gridwarden.common.town.TownFile.Unit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The town's units grouped into dispatch regions: the smallest groups that assignment can decide
 * apart without ever disagreeing about an officer. A violation's candidates are the officers of its
 * responsible unit and of that unit's "1+X" fallback units ({@link Town#fallbackUnits}), so two units
 * belong together when one falls back to the other; a region is a connected group of that relation.
 * Everything a region decides reads and changes only its own officers, so regions are keyed apart
 * and decided in parallel with the same decisions as one desk for the whole town.
 *
 * <p>A region is named by its smallest unit id, so the names are the same in every process. In the
 * demo town the four jurisdictions' teams are one region ("1+3") and the county water bureau another.
 */
public final class DispatchRegions {

    private final Map<String, String> regionOfUnit;
    private final List<String> regions;
    private final Town town;

    private DispatchRegions(Town town, Map<String, String> regionOfUnit) {
        this.town = town;
        this.regionOfUnit = regionOfUnit;
        this.regions = List.copyOf(new TreeSet<>(regionOfUnit.values()));
    }

    public static DispatchRegions of(Town town) {
        Map<String, String> parent = new HashMap<>();
        for (Unit unit : town.units()) {
            parent.put(unit.id(), unit.id());
        }
        for (Unit unit : town.units()) {
            for (String fallback : town.fallbackUnits(unit.id())) {
                union(parent, unit.id(), fallback);
            }
        }
        Map<String, String> regionOfUnit = new HashMap<>();
        for (String unit : parent.keySet()) {
            regionOfUnit.put(unit, root(parent, unit));
        }
        return new DispatchRegions(town, regionOfUnit);
    }

    /** Every region's name, sorted. */
    public List<String> regions() {
        return regions;
    }

    /** The region that decides for a unit; a unit the town does not know goes to the first region. */
    public String ofUnit(String unit) {
        String region = unit == null ? null : regionOfUnit.get(unit);
        return region != null ? region : fallbackRegion();
    }

    /**
     * The region that hears from a device: an officer's is their unit's; a camera's or sensor's is its
     * jurisdiction's team's (their acks to voice warnings change no assignment, any region would do,
     * but one fixed region keeps the output the same on every run).
     */
    public String ofDevice(String device) {
        Optional<String> unit = town.officer(device).map(o -> o.unit())
                .or(() -> town.device(device).map(d -> d.jurisdiction()).flatMap(town::teamOf).map(Unit::id));
        return ofUnit(unit.orElse(null));
    }

    /** Whether {@code officer} may be given a violation of {@code unit}: they are its own or a fallback unit's. */
    public boolean mayServe(String officer, String unit) {
        return town.officer(officer).map(o -> o.unit().equals(unit) || town.fallbackUnits(unit).contains(o.unit())).orElse(false);
    }

    private String fallbackRegion() {
        return regions.isEmpty() ? "" : regions.get(0);
    }

    private static void union(Map<String, String> parent, String a, String b) {
        if (!parent.containsKey(b)) {
            return;
        }
        String ra = root(parent, a);
        String rb = root(parent, b);
        if (!ra.equals(rb)) {
            // the smaller id becomes the root, so the region's name is its smallest unit id
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }

    private static String root(Map<String, String> parent, String unit) {
        String r = unit;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        return r;
    }

    /**
     * The units of this town that {@code next} (a later version of it) would put in another dispatch region,
     * by region name: a unit kept in both whose region differs. Running jobs keep each region's officers and
     * assignments apart under the region's name, so such a version cannot be applied while they run.
     */
    public List<String> regroupedIn(DispatchRegions next) {
        List<String> moved = new ArrayList<>();
        for (Map.Entry<String, String> unit : new java.util.TreeMap<>(regionOfUnit).entrySet()) {
            String after = next.regionOfUnit.get(unit.getKey());
            if (after != null && !after.equals(unit.getValue())) {
                moved.add(unit.getKey());
            }
        }
        return moved;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (String region : regions) {
            parts.add(region + "=" + new TreeSet<>(regionOfUnit.entrySet().stream()
                    .filter(e -> e.getValue().equals(region)).map(Map.Entry::getKey).toList()));
        }
        return "DispatchRegions" + parts;
    }
}
