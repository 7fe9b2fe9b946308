package io.gridwarden.alerting.store;

import io.gridwarden.common.action.Command;

/** A violation an officer holds, with the {@code assignment} command that gave it to them (its id is what they acknowledge). */
public record OfficerAssignment(StoredViolation violation, Command command) {}
