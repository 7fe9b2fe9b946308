package io.gridwarden.suite.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where each system stopped holding: at the first rate it missed, each round, and the seconds of each round whose
 * p99 was over the bound. A rate missed because one second of ten stalled (a shared machine's hiccup, a flush, a
 * pause) reads differently from one missed in every second (a ceiling); the summary's "held" figure is the same
 * for both.
 */
public final class FirstMisses {

    /** Seconds named at most per round, the slowest first. */
    static final int SECONDS_NAMED = 3;

    private FirstMisses() {}

    /** One part of the suite's rate ramps: its medians and every round. */
    public record Ramp(String section, List<RatePoint> medians, List<RatePoint> rounds) {}

    /** A table of the rounds at the first rate each system of each ramp missed; empty when none missed one. */
    public static String markdown(double p99BoundMillis, Ramp... ramps) {
        StringBuilder md = new StringBuilder();
        for (Ramp ramp : ramps) {
            for (String system : ramp.medians().stream().map(RatePoint::system).distinct().toList()) {
                Optional<RatePoint> missed = Comparisons.firstMissed(ramp.medians(), system, p99BoundMillis);
                if (missed.isEmpty()) {
                    continue;
                }
                int rate = missed.get().offeredEventsPerSecond();
                List<RatePoint> atRate = ramp.rounds().stream()
                        .filter(p -> p.system().equals(system) && p.offeredEventsPerSecond() == rate).toList();
                for (int i = 0; i < atRate.size(); i++) {
                    md.append(row(ramp.section(), atRate.get(i), i + 1, p99BoundMillis));
                }
            }
        }
        if (md.isEmpty()) {
            return "";
        }
        String bound = Comparisons.fmt(p99BoundMillis);
        return "| Section | System | Offered (events/s) | Round | p99 (ms) | Seconds over " + bound + " ms | The slowest of them (ms) "
                + "| Failed | Acknowledged |\n|---|---|---:|---:|---:|---|---|---:|---:|\n" + md;
    }

    private static String row(String section, RatePoint p, int round, double p99BoundMillis) {
        List<Integer> over = new ArrayList<>();
        List<Double> p99s = p.p99BySecondMillis();
        for (int s = 0; s < p99s.size(); s++) {
            if (p99s.get(s) == null || p99s.get(s) > p99BoundMillis) {
                over.add(s);
            }
        }
        over.sort(Comparator.comparingDouble((Integer s) -> p99s.get(s) == null ? Double.POSITIVE_INFINITY : p99s.get(s)).reversed());
        List<String> named = over.stream().limit(SECONDS_NAMED)
                .map(s -> "s" + (s + 1) + ": " + (p99s.get(s) == null ? "no answer" : Comparisons.fmt(p99s.get(s)))).toList();
        String seconds = p99s.isEmpty() ? "not recorded" : over.size() + " of " + p99s.size();
        double acked = p.offeredEventsPerSecond() == 0 ? 0 : 100.0 * p.ackedEventsPerSecond() / p.offeredEventsPerSecond();
        return String.format(Locale.ROOT, "| %s | %s | %,d | %d | %s | %s | %s | %s | %.0f %% |\n", section, p.system(),
                p.offeredEventsPerSecond(), round, Comparisons.fmt(p.p99Millis()), seconds,
                named.isEmpty() ? "—" : String.join(", ", named) + (over.size() > SECONDS_NAMED ? " …" : ""), p.failedDescribed().replace("|", "\\|"), acked);
    }
}
