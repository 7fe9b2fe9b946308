package io.gridwarden.alerting.audit;

import java.time.Instant;

/**
 * One page of {@code GET /v1/audit}: entries in [{@code since}, {@code until}) (null = open), of one
 * {@code operator} (null = all), at most {@code limit}, newest first, continuing after {@code cursor}
 * (opaque, from the previous page; null = the newest).
 */
public record AuditQuery(Instant since, Instant until, String operator, int limit, String cursor) {

    public AuditQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since must be before until, got " + since + " and " + until);
        }
    }
}
