package io.gridwarden.jobs.model;

/**
 * A version of the town file the jobs switch to at {@code effectiveAt} (epoch millis, the time of its
 * {@code gw.town.change} event in the log): {@code text} is the whole YAML, {@code sha256} its hash.
 */
public record TownVersion(long version, long effectiveAt, String sha256, String text, String author) {}
