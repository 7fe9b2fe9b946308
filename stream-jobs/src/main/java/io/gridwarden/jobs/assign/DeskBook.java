package io.gridwarden.jobs.assign;

import io.gridwarden.common.action.Action.OfficerPosition;
import io.gridwarden.jobs.model.Assignment;
import io.gridwarden.jobs.model.OfficerState;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything assignment remembers, in memory, with a note of what changed so the operator writes
 * back only that to its keyed state: officers (with their grids), open assignments, which command
 * belongs to which violation, and what the operations map last showed of each officer.
 */
public final class DeskBook {

    private final OfficerDirectory officers = new OfficerDirectory();
    private final Map<String, Assignment> assignments = new HashMap<>();
    private final Map<String, String> commands = new HashMap<>();
    private final Map<String, OfficerPosition> shown = new HashMap<>();
    private final Set<String> changedOfficers = new LinkedHashSet<>();
    private final Set<String> changedAssignments = new LinkedHashSet<>();
    private final Set<String> changedCommands = new LinkedHashSet<>();
    private final Set<String> changedShown = new LinkedHashSet<>();

    public OfficerDirectory officers() {
        return officers;
    }

    public Optional<OfficerState> officer(String id) {
        return officers.get(id);
    }

    public void put(OfficerState officer) {
        officers.put(officer);
        changedOfficers.add(officer.officer());
    }

    public Optional<Assignment> assignment(String violation) {
        return Optional.ofNullable(assignments.get(violation));
    }

    public Collection<Assignment> assignments() {
        return assignments.values();
    }

    public void put(Assignment assignment) {
        assignments.put(assignment.id(), assignment);
        changedAssignments.add(assignment.id());
        for (String command : assignment.commands()) {
            if (commands.put(command, assignment.id()) == null) {
                changedCommands.add(command);
            }
        }
    }

    /** Forgets a finished assignment and its commands: later acks of them are passed on without a violation. */
    public void remove(Assignment assignment) {
        assignments.remove(assignment.id());
        changedAssignments.add(assignment.id());
        for (String command : assignment.commands()) {
            commands.remove(command);
            changedCommands.add(command);
        }
    }

    public Optional<String> violationOf(String command) {
        return Optional.ofNullable(commands.get(command));
    }

    public Optional<OfficerPosition> shown(String officer) {
        return Optional.ofNullable(shown.get(officer));
    }

    public void show(OfficerPosition position) {
        shown.put(position.officer(), position);
        changedShown.add(position.officer());
    }

    /** Officers changed since the last {@link #clearChanges()}. */
    public Set<String> changedOfficers() {
        return changedOfficers;
    }

    public Set<String> changedAssignments() {
        return changedAssignments;
    }

    public Set<String> changedCommands() {
        return changedCommands;
    }

    public Set<String> changedShown() {
        return changedShown;
    }

    public Map<String, String> commandIndex() {
        return commands;
    }

    public void clearChanges() {
        changedOfficers.clear();
        changedAssignments.clear();
        changedCommands.clear();
        changedShown.clear();
    }

    /** Restores an entry from keyed state without marking it changed. */
    public void restore(OfficerState officer) {
        officers.put(officer);
    }

    public void restore(Assignment assignment) {
        assignments.put(assignment.id(), assignment);
    }

    public void restoreCommand(String command, String violation) {
        commands.put(command, violation);
    }

    public void restore(OfficerPosition position) {
        shown.put(position.officer(), position);
    }
}
