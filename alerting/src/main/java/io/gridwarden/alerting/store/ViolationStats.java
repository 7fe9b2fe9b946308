package io.gridwarden.alerting.store;

import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * KPIs over a set of violations: counts by category and status, the share of settled voice warnings
 * that resolved the violation on their own (a warning that failed, see {@link #warningFailed},
 * was not given: such violations are counted in {@code warningsFailed} and in neither side of the share), and p50/p90 of time to warn, dispatch (both from
 * detection), accept (from dispatch) and resolve (from detection, {@code resolved} or
 * {@code resolved_by_warning}). Durations go into HdrHistograms (3 significant digits, millisecond
 * unit), so memory stays fixed however many violations are counted.
 */
public final class ViolationStats {

    private static final long MAX_TRACKED_MILLIS = Duration.ofDays(30).toMillis();

    private final Map<String, Long> byCategory = new TreeMap<>();
    private final Map<String, Long> byStatus = new TreeMap<>();
    private final Map<String, Histogram> durations = new LinkedHashMap<>();
    private long warnedSettled;
    private long resolvedByWarning;
    private long warningsFailed;
    private long total;

    public ViolationStats() {
        for (String name : new String[] {"warn", "dispatch", "accept", "resolve"}) {
            durations.put(name, new Histogram(MAX_TRACKED_MILLIS, 3));
        }
    }

    public void add(StoredViolation stored) {
        Violation v = stored.latest();
        total++;
        byCategory.merge(v.category(), 1L, Long::sum);
        byStatus.merge(v.status().wireName(), 1L, Long::sum);
        Instant detected = stored.detectedAt();
        Instant warned = v.warnedAt() != null ? v.warnedAt() : stored.reached("warned").orElse(null);
        Instant dispatched = v.dispatchedAt() != null ? v.dispatchedAt() : stored.reached("dispatched").orElse(null);
        if (warned != null && warningFailed(stored)) {
            warningsFailed++;
        } else if (warned != null && v.status() != ViolationStatus.WARNED && v.status() != ViolationStatus.DETECTED) {
            warnedSettled++;
            if (v.status() == ViolationStatus.RESOLVED_BY_WARNING) {
                resolvedByWarning++;
            }
        }
        record("warn", detected, warned);
        record("dispatch", detected, dispatched);
        record("accept", dispatched, stored.reached("accepted").orElse(null));
        Instant resolved = stored.reached("resolved").orElse(stored.reached("resolved_by_warning").orElse(null));
        record("resolve", detected, resolved);
    }

    /**
     * Whether the violation's voice warning did not play, by its timeline: the jobs noted it failed, the
     * camera answered {@code failed} (or alerting on its behalf, {@code expired}), or alerting let it expire
     * undelivered. (A static helper, not a method of the stored record, which is serialised as it is.)
     */
    public static boolean warningFailed(StoredViolation stored) {
        return stored.timeline().stream().anyMatch(e -> e.note() != null && (e.note().startsWith(Command.WARNING_FAILED_NOTE)
                || ("acked".equals(e.status()) && e.note().contains(" answered failed to "))
                || ("expired".equals(e.status()) && e.note().startsWith(Command.VOICE_WARNING + " "))));
    }

    private void record(String name, Instant from, Instant to) {
        if (from != null && to != null && !to.isBefore(from)) {
            durations.get(name).recordValue(Math.min(MAX_TRACKED_MILLIS, Duration.between(from, to).toMillis()));
        }
    }

    /** The share resolved by a warning alone, or null when no warning has settled yet. */
    public Double resolvedByWarningShare() {
        return warnedSettled == 0 ? null : (double) resolvedByWarning / warnedSettled;
    }

    /** The JSON body of {@code GET /v1/stats}. */
    public Map<String, Object> toJson(Instant since, Instant until) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("since", since.toString());
        out.put("until", until.toString());
        out.put("total", total);
        out.put("byCategory", byCategory);
        out.put("byStatus", byStatus);
        out.put("open", byStatus.entrySet().stream()
                .filter(e -> ViolationStatus.fromWire(e.getKey()).map(s -> !s.terminal()).orElse(false))
                .mapToLong(Map.Entry::getValue).sum());
        out.put("warnedSettled", warnedSettled);
        out.put("resolvedByWarning", resolvedByWarning);
        out.put("resolvedByWarningShare", resolvedByWarningShare());
        out.put("warningsFailed", warningsFailed);
        Map<String, Object> times = new LinkedHashMap<>();
        durations.forEach((name, h) -> times.put(name, percentiles(h)));
        out.put("timeToSeconds", times);
        return out;
    }

    private static Map<String, Object> percentiles(Histogram h) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("count", h.getTotalCount());
        p.put("p50", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(50) / 1000.0);
        p.put("p90", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(90) / 1000.0);
        return p;
    }
}
