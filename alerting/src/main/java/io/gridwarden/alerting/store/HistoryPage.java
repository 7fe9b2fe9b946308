package io.gridwarden.alerting.store;

import java.util.List;

/** Violations of one history page, newest first, and the cursor of the next page (null: no more). */
public record HistoryPage(List<StoredViolation> items, String nextCursor) {}
