package io.gridwarden.common.event;

/** A device's answer to a command: a camera played a warning, an officer accepted an assignment, … */
public record CommandAck(String command, String result, String note) implements EventData {

    /** The results the contract defines. */
    public static final java.util.Set<String> RESULTS =
            java.util.Set.of("played", "failed", "accepted", "rejected", "arrived", "resolved");
}
