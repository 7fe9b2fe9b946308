package io.gridwarden.common.town;

/** Anything that may send events and receive commands: a camera, a sensor or an officer's handset. */
public record Device(String id, Kind kind, String tokenHash, String commandUrl, String jurisdiction) {

    public enum Kind { CAMERA, SENSOR, OFFICER }
}
