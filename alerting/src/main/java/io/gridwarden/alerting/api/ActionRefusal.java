package io.gridwarden.alerting.api;

/**
 * Why a dispatcher's assign or close was refused; {@code label} is the problem type's last segment
 * ({@code urn:gridwarden:problem:<label>}) and what the audit log records. Nothing of a refused action
 * reaches the pipeline.
 */
enum ActionRefusal {
    ROLE(403, "role-cannot-act", "Only dispatchers and admins assign or close violations"),
    NOT_FOUND(404, "violation-not-found", "No such violation in your jurisdictions"),
    OVER(409, "violation-over", "The violation is already over"),
    OFFICER_NOT_ELIGIBLE(409, "officer-not-eligible", "The officer's team is not sent to this violation"),
    NO_EVENT_LOG(503, "no-event-log", "This alerting instance cannot take actions"),
    OVERLOADED(503, "overloaded", "The event log is saturated");

    final int status;
    final String label;
    final String title;

    ActionRefusal(int status, String label, String title) {
        this.status = status;
        this.label = label;
        this.title = title;
    }
}
