package io.gridwarden.jobs.model;

import io.gridwarden.common.event.OfficerStatus.Availability;

/** An officer's handset reporting position and availability at {@code time} (epoch millis); {@code unit} from the town file. */
public record OfficerUpdate(String officer, String unit, long time, double lat, double lon, Availability status) {}
