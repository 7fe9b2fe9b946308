package io.gridwarden.alerting.report;

import io.gridwarden.alerting.store.StoredViolation;
import io.gridwarden.common.town.Town;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An assessment report being built: cases detected in [since, until) go in one at a time
 * ({@link #add}), each into its group ({@link ReportGrouping}) and the overall total. Only the
 * groups' totals are held, never the cases. Pure; not thread-safe.
 */
public final class Report {

    private final ReportGrouping by;
    private final Instant since;
    private final Instant until;
    private final Town town;
    private final ZoneId zone;
    private final Map<String, GroupTotals> groups = new HashMap<>();
    private final GroupTotals total = new GroupTotals("all", "all");

    public Report(ReportGrouping by, Instant since, Instant until, Town town) {
        this.by = by;
        this.since = since;
        this.until = until;
        this.town = town;
        this.zone = town.timezone();
    }

    public void add(StoredViolation stored) {
        add(CaseFacts.of(stored, town));
    }

    void add(CaseFacts c) {
        total.add(c);
        String key = by.keyOf(c, zone);
        groups.computeIfAbsent(key, k -> new GroupTotals(k, by.nameOf(k, town, zone))).add(c);
    }

    public ReportGrouping by() {
        return by;
    }

    public Instant since() {
        return since;
    }

    public Instant until() {
        return until;
    }

    public GroupTotals total() {
        return total;
    }

    /** Days and weeks in time order; other groups the largest first, then by key. */
    public List<GroupTotals> groups() {
        List<GroupTotals> out = new ArrayList<>(groups.values());
        Comparator<GroupTotals> byKey = Comparator.comparing(GroupTotals::key);
        out.sort(by.chronological() ? byKey : Comparator.comparingLong(GroupTotals::cases).reversed().thenComparing(byKey));
        return out;
    }

    /** The JSON body of {@code GET /v1/reports}. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("by", by.wireName());
        out.put("since", since.toString());
        out.put("until", until.toString());
        out.put("timezone", zone.getId());
        out.put("total", total.toJson());
        out.put("groups", groups().stream().map(GroupTotals::toJson).toList());
        return out;
    }
}
