package io.gridwarden.common.town;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The effective rule of one camera zone: the category's defaults with the zone's overrides applied,
 * and where it is (for dispatch). {@code warning} is null for categories that go straight to dispatch.
 */
public record ZoneRule(
        String camera,
        String zone,
        String category,
        Set<String> labels,
        double minConfidence,
        Polygon polygon,
        Duration dwell,
        TownFile.Warning warning,
        Duration acceptWithin,
        String responsibleUnit,
        List<ActiveWindow> activeHours,
        boolean urgent,
        String jurisdiction,
        String grid,
        double lat,
        double lon) {

    public boolean warnsFirst() {
        return warning != null;
    }
}
