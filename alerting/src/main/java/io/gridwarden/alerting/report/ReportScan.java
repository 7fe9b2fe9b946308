package io.gridwarden.alerting.report;

import io.gridwarden.alerting.store.HistoryPage;
import io.gridwarden.alerting.store.HistoryQuery;
import io.gridwarden.alerting.store.ViolationStore;
import io.gridwarden.alerting.view.ViolationFilter;

/**
 * Feeds a report the cases of its period that pass a filter, from the violation store, a history page
 * at a time: the store is locked for one page only, so the action log's tailer is never held up for
 * the whole scan. Refuses ({@link TooManyCases}) past {@code maxCases}, before reading further.
 * Blocks: call it from a worker thread.
 */
public final class ReportScan {

    /** Cases read per page (one store lock each). */
    static final int PAGE = 1_000;

    private ReportScan() {}

    public static void fill(ViolationStore store, ViolationFilter filter, Report report, long maxCases) {
        fill(store, filter, report, maxCases, PAGE);
    }

    static void fill(ViolationStore store, ViolationFilter filter, Report report, long maxCases, int pageSize) {
        String cursor = null;
        long cases = 0;
        do {
            HistoryPage page = store.history(new HistoryQuery(filter, report.since(), report.until(), pageSize, cursor));
            cases += page.items().size();
            if (cases > maxCases) {
                throw new TooManyCases(maxCases);
            }
            page.items().forEach(report::add);
            cursor = page.nextCursor();
        } while (cursor != null);
    }

    /** The period and filters cover more cases than one report may read. */
    public static final class TooManyCases extends RuntimeException {

        private final long max;

        TooManyCases(long max) {
            super("more than " + max + " cases", null, false, false);
            this.max = max;
        }

        public long max() {
            return max;
        }
    }
}
