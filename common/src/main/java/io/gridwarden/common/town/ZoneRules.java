package io.gridwarden.common.town;

import io.gridwarden.common.town.TownFile.Camera;
import io.gridwarden.common.town.TownFile.Category;
import io.gridwarden.common.town.TownFile.Warning;
import io.gridwarden.common.town.TownFile.Zone;
import java.util.List;
import java.util.Set;

/** Merges a category's defaults with a zone's overrides into the rule detection applies. */
final class ZoneRules {

    /** A category's {@code responsibleUnit} meaning "the team of the jurisdiction where it happens". */
    static final String LOCAL_UNIT = "local";
    private static final double DEFAULT_MIN_CONFIDENCE = 0.5;

    private ZoneRules() {}

    static ZoneRule effective(Camera camera, Zone zone, Category category, String unit) {
        Warning warning = category.warning();
        if (warning != null && zone.grace() != null) {
            warning = new Warning(warning.text(), warning.clip(), warning.repeat(), zone.grace(), warning.onFailure());
        }
        List<ActiveWindow> hours = zone.activeHours() != null ? zone.activeHours()
                : category.activeHours() != null ? category.activeHours() : List.of();
        return new ZoneRule(camera.id(), zone.id(), category.id(), Set.copyOf(category.labels() == null ? List.of() : category.labels()),
                category.minConfidence() == null ? DEFAULT_MIN_CONFIDENCE : category.minConfidence(),
                Polygon.of(zone.polygon()), zone.dwell() != null ? zone.dwell() : category.dwell(), warning,
                category.acceptWithin(), unit, hours, Boolean.TRUE.equals(category.urgent()), camera.jurisdiction(),
                camera.grid(), camera.lat(), camera.lon());
    }
}
