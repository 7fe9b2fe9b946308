package io.gridwarden.common.action;

import io.gridwarden.common.json.WireName;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The lifecycle of CONTRACT.md §3. On the wire a status is its lower-case name, e.g. {@code resolved_by_warning}. */
public enum ViolationStatus implements WireName {
    DETECTED, WARNED, RESOLVED_BY_WARNING, DISPATCHED, UNASSIGNED, ACCEPTED, ARRIVED, RESOLVED, ESCALATED, CLOSED;

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ViolationStatus> fromWire(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }

    /** Whether the violation is over: nothing more will happen to it. */
    public boolean terminal() {
        return this == RESOLVED_BY_WARNING || this == RESOLVED || this == CLOSED;
    }
}
