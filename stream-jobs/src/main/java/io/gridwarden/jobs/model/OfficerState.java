package io.gridwarden.jobs.model;

import io.gridwarden.common.event.OfficerStatus.Availability;

/**
 * What assignment knows of one officer: their last report, and the violation they hold (null: none).
 * An officer holding a violation is busy until their handset sends a new status.
 */
public record OfficerState(String officer, String unit, double lat, double lon, Availability status, long updatedAt,
        String holding) {

    public static OfficerState of(OfficerUpdate update) {
        return new OfficerState(update.officer(), update.unit(), update.lat(), update.lon(), update.status(), update.time(), null);
    }

    public OfficerState holding(String violation) {
        return new OfficerState(officer, unit, lat, lon, status, updatedAt, violation);
    }
}
