package io.gridwarden.jobs.sensor;

import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile.Category;
import io.gridwarden.common.town.TownFile.Sensor;
import io.gridwarden.jobs.detect.EscalationPolicy;
import java.time.Duration;

/**
 * The effective rule of one sensor: its category's metric, threshold and dwell with the sensor's own
 * overrides applied, and where it is (for dispatch).
 */
public record SensorRule(String sensor, String category, String metric, double threshold, Duration dwell, Duration acceptWithin,
        String responsibleUnit, boolean urgent, String jurisdiction, String grid, double lat, double lon) {

    public static SensorRule of(Town town, Sensor sensor) {
        Category c = town.category(sensor.category()).orElseThrow();
        if (c.metric() == null || (sensor.threshold() == null && c.threshold() == null)) {
            throw new IllegalArgumentException("sensor " + sensor.id() + ": category " + c.id() + " needs a metric and a threshold");
        }
        return new SensorRule(sensor.id(), c.id(), c.metric(), sensor.threshold() != null ? sensor.threshold() : c.threshold(),
                sensor.dwell() != null ? sensor.dwell() : c.dwell(),
                c.acceptWithin() != null ? c.acceptWithin() : EscalationPolicy.DEFAULT_ACCEPT_WITHIN,
                town.responsibleUnit(c.id(), sensor.jurisdiction()), Boolean.TRUE.equals(c.urgent()), sensor.jurisdiction(),
                sensor.grid(), sensor.lat(), sensor.lon());
    }
}
