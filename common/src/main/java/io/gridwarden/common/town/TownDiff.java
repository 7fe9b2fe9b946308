package io.gridwarden.common.town;

import io.gridwarden.common.town.TownFile.Camera;
import io.gridwarden.common.town.TownFile.Zone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What changed from one town to the next, by kind of entry (categories, cameras, zones as
 * {@code camera/zone}, sensors, officers, operators, units, jurisdictions): the ids added, removed and changed.
 * Kinds without a change are left out, so an identical town has an empty diff.
 */
public record TownDiff(Map<String, Changes> kinds) {

    /** The ids of one kind of entry that were added, removed or changed, each in file order. */
    public record Changes(List<String> added, List<String> removed, List<String> changed) {
        boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    public static TownDiff between(Town before, Town after) {
        TownFile a = before.file();
        TownFile b = after.file();
        Map<String, Changes> kinds = new LinkedHashMap<>();
        put(kinds, "jurisdictions", changes(a.jurisdictions(), b.jurisdictions(), TownFile.Jurisdiction::id));
        put(kinds, "units", changes(a.units(), b.units(), TownFile.Unit::id));
        put(kinds, "categories", changes(a.categories(), b.categories(), TownFile.Category::id));
        put(kinds, "cameras", changes(a.cameras(), b.cameras(), Camera::id));
        put(kinds, "zones", changes(zones(a), zones(b), Map.Entry::getKey));
        put(kinds, "sensors", changes(a.sensors(), b.sensors(), TownFile.Sensor::id));
        put(kinds, "officers", changes(a.officers(), b.officers(), TownFile.Officer::id));
        put(kinds, "operators", changes(a.operators(), b.operators(), TownFile.Operator::id));
        return new TownDiff(kinds);
    }

    public boolean isEmpty() {
        return kinds.isEmpty();
    }

    /** The ids of {@code kind} removed ({@code zones}: {@code camera/zone}). */
    public List<String> removed(String kind) {
        Changes c = kinds.get(kind);
        return c == null ? List.of() : c.removed();
    }

    private static void put(Map<String, Changes> kinds, String kind, Changes changes) {
        if (!changes.isEmpty()) {
            kinds.put(kind, changes);
        }
    }

    private static List<Map.Entry<String, Zone>> zones(TownFile file) {
        List<Map.Entry<String, Zone>> zones = new ArrayList<>();
        for (Camera c : nullSafe(file.cameras())) {
            nullSafe(c.zones()).forEach(z -> zones.add(Map.entry(c.id() + "/" + z.id(), z)));
        }
        return zones;
    }

    private static <T> Changes changes(List<T> before, List<T> after, Function<T, String> id) {
        Map<String, T> old = new LinkedHashMap<>();
        nullSafe(before).forEach(t -> old.put(id.apply(t), t));
        Map<String, T> now = new LinkedHashMap<>();
        nullSafe(after).forEach(t -> now.put(id.apply(t), t));
        List<String> added = now.keySet().stream().filter(k -> !old.containsKey(k)).toList();
        List<String> removed = old.keySet().stream().filter(k -> !now.containsKey(k)).toList();
        List<String> changed = now.keySet().stream().filter(k -> old.containsKey(k) && !Objects.equals(old.get(k), now.get(k))).toList();
        return new Changes(added, removed, changed);
    }

    private static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
