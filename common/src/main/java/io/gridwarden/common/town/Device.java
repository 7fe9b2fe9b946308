package io.gridwarden.common.town;

/** Anything that may log in to ingest: a camera, a sensor, an officer's handset, or an NVR sending for its cameras. */
public record Device(String id, Kind kind, String tokenHash, String commandUrl, String jurisdiction) {

    public enum Kind { CAMERA, SENSOR, OFFICER, NVR }
}
