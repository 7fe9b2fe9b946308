package io.gridwarden.jobs.model;

import io.gridwarden.common.event.OfficerStatus.Availability;

/**
 * What assignment knows of one officer: their last report, the violation they hold (null: none), and
 * since when they have been free ({@code idleSince}, for fairness when two officers are equally near).
 * An officer holding a violation is busy whatever their handset says, until it is resolved, closed or
 * taken from them.
 */
public record OfficerState(String officer, String unit, double lat, double lon, Availability status, long updatedAt,
        String holding, long idleSince) {

    public OfficerState(String officer, String unit, double lat, double lon, Availability status, long updatedAt, String holding) {
        this(officer, unit, lat, lon, status, updatedAt, holding, updatedAt);
    }

    public static OfficerState of(OfficerUpdate update) {
        return new OfficerState(update.officer(), update.unit(), update.lat(), update.lon(), update.status(), update.time(), null,
                update.time());
    }

    /** A new report from the officer's handset: keeps what they hold; the idle clock restarts when they become available. */
    public OfficerState report(OfficerUpdate update) {
        boolean becameAvailable = status != Availability.AVAILABLE && update.status() == Availability.AVAILABLE;
        return new OfficerState(officer, unit, update.lat(), update.lon(), update.status(), update.time(), holding,
                becameAvailable ? update.time() : idleSince);
    }

    public OfficerState holding(String violation) {
        return new OfficerState(officer, unit, lat, lon, status, updatedAt, violation, idleSince);
    }

    /** Lets go of what they held at {@code at}: free again, idle from then. */
    public OfficerState released(long at) {
        return new OfficerState(officer, unit, lat, lon, status, updatedAt, null, at);
    }

    /** What the operations map shows: {@code busy} while holding a violation, else the handset's status. */
    public String shownStatus() {
        return holding != null ? Availability.BUSY.wireName() : status.wireName();
    }
}
