package io.gridwarden.jobs.model;

import io.gridwarden.common.action.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * One violation in assignment's hands, from dispatch until it is resolved or closed.
 *
 * @param violation its latest state as last written to the action log
 * @param officer who holds it now, or null while it is unassigned
 * @param command the current assignment command's id, or null
 * @param deadline when to look at it again (accept deadline, or when to forget it), or -1
 * @param commands every command id sent for it, so acks of older ones still find it
 * @param passedOver officers who let it lapse or rejected it: never asked again for this violation
 */
public record Assignment(DispatchRequest request, Violation violation, String officer, String command, long deadline,
        List<String> commands, List<String> passedOver) {

    public Assignment {
        commands = List.copyOf(commands);
        passedOver = List.copyOf(passedOver);
    }

    public static Assignment of(DispatchRequest request) {
        return new Assignment(request, request.violation(), null, null, -1, List.of(), List.of());
    }

    public String id() {
        return violation.id();
    }

    public Assignment assigned(Violation next, String to, String commandId, long due) {
        List<String> sent = new ArrayList<>(commands);
        sent.add(commandId);
        return new Assignment(request, next, to, commandId, due, sent, passedOver);
    }

    public Assignment unassigned(Violation next, long due) {
        return new Assignment(request, next, null, null, due, commands, passedOver);
    }

    public Assignment withViolation(Violation next, long due) {
        return new Assignment(request, next, officer, command, due, commands, passedOver);
    }

    /** Takes it from its officer, who will not be asked again ({@code passOver}) or may be (a dispatcher's move). */
    public Assignment withdrawn(Violation next, boolean passOver) {
        List<String> passed = new ArrayList<>(passedOver);
        if (passOver && officer != null) {
            passed.add(officer);
        }
        return new Assignment(request, next, null, null, -1, commands, passed);
    }

    public Assignment withCommand(String commandId) {
        List<String> sent = new ArrayList<>(commands);
        sent.add(commandId);
        return new Assignment(request, violation, officer, command, deadline, sent, passedOver);
    }
}
