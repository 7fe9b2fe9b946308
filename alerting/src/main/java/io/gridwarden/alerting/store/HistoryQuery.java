package io.gridwarden.alerting.store;

import io.gridwarden.alerting.view.ViolationFilter;
import java.time.Instant;

/**
 * One page of {@code GET /v1/violations}: who may see what ({@code filter}), the detection window
 * ({@code since} inclusive, {@code until} exclusive; null = open), the page size and where the
 * previous page stopped ({@code cursor}, opaque; null = the newest).
 */
public record HistoryQuery(ViolationFilter filter, Instant since, Instant until, int limit, String cursor) {

    public HistoryQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since must be before until, got " + since + " and " + until);
        }
    }
}
