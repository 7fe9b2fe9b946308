package io.gridwarden.alerting.audit;

import java.util.List;

/** A page of the audit log, newest first; {@code nextCursor} continues it (null: nothing more). */
public record AuditPage(List<AuditEntry> items, String nextCursor) {}
