package io.gridwarden.alerting.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One operator's attempt to act on a violation, whatever came of it: who ({@code operator}, their
 * {@code role}, from {@code address}), what ({@code action} on {@code violation}, with the {@code officer}
 * chosen or the {@code reason} given), when ({@code at}), and the outcome: {@code accepted} with the
 * {@code event} it put into the pipeline, or {@code refused} with the HTTP {@code status}, the problem
 * type's name ({@code problem}) and the {@code detail} the operator was told.
 */
public record AuditEntry(Instant at, String operator, String role, String address, String action, String violation, String officer,
                         String reason, String outcome, int status, String event, String problem, String detail) {

    public static final String ACCEPTED = "accepted";
    public static final String REFUSED = "refused";
    /** What an operator typed is kept up to this many characters (a reason may have 500): entries stay small. */
    static final int MAX_TEXT_CHARS = 500;
    private static final int MAX_ID_CHARS = 128;

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        detail = clip(detail, 2 * MAX_TEXT_CHARS); // it may quote what the operator typed
    }

    /** What an operator asked for, before the outcome is known; what they typed is clipped to a bounded length. */
    public record Attempt(Instant at, String operator, String role, String address, String action, String violation, String officer,
                          String reason) {

        public Attempt {
            violation = clip(violation, MAX_ID_CHARS);
            officer = clip(officer, MAX_ID_CHARS);
            reason = clip(reason, MAX_TEXT_CHARS);
        }

        public AuditEntry accepted(int status, String event) {
            return new AuditEntry(at, operator, role, address, action, violation, officer, reason, ACCEPTED, status, event, null, null);
        }

        public AuditEntry refused(int status, String problem, String detail) {
            return new AuditEntry(at, operator, role, address, action, violation, officer, reason, REFUSED, status, null, problem, detail);
        }

        public Attempt withOfficer(String chosen) {
            return new Attempt(at, operator, role, address, action, violation, chosen, reason);
        }

        public Attempt withReason(String given) {
            return new Attempt(at, operator, role, address, action, violation, officer, given);
        }
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
