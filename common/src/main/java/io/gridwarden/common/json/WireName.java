package io.gridwarden.common.json;

/**
 * An enum that has a name of its own on the wire (e.g. {@code resolved_by_warning}): {@link Json} writes
 * and reads every such enum by {@link #wireName()}, so the records that carry it need no annotations.
 */
public interface WireName {

    String wireName();
}
