package io.gridwarden.common.event;

/**
 * An admin's new town file, version {@code version}, whole ({@code town}: the YAML text, {@code sha256}:
 * its hash as {@code sha256:<hex>}), written into the event log by alerting so that the log alone says
 * which rules applied when: the jobs switch to it from the event's time on, and a replay does the same.
 */
public record TownChange(long version, String sha256, String town, String author) implements EventData {}
