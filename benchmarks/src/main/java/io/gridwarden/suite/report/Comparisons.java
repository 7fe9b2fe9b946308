package io.gridwarden.suite.report;

import io.gridwarden.jobs.source.LogClockWatermarks;
import io.gridwarden.suite.e2e.LatencyFigures;
import io.gridwarden.suite.log.ClosedLoopAppends;
import io.gridwarden.suite.rules.RuleComparison;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** Turns the runs' figures into the summary's rows: each gridwarden figure next to its peer's. */
public final class Comparisons {

    /** The design floor of end-to-end latency: the watermark trails the log clock by maxDeviceDelay. */
    public static final double WATERMARK_FLOOR_MILLIS = LogClockWatermarks.DEFAULT_MAX_DEVICE_DELAY.toMillis();

    /** The peer column of a section whose peers were all left out ({@code --peers}). */
    static final String NO_PEER = "none run (--peers)";
    /** The held rate of a peer that did not run: neither a rate nor "held none". */
    private static final int NOT_RUN = -1;

    private Comparisons() {}

    /** Rate comparison rows (HTTP or MQTT): the highest rate held, and latency at the highest rate both held. */
    public static List<Row> rates(String section, List<RatePoint> medians, String ours, List<String> peers, double p99BoundMillis) {
        List<Row> rows = new ArrayList<>();
        int top = medians.stream().mapToInt(RatePoint::offeredEventsPerSecond).max().orElse(0);
        int lowest = medians.stream().mapToInt(RatePoint::offeredEventsPerSecond).min().orElse(0);
        int oursHeld = held(medians, ours, p99BoundMillis);
        for (String peer : peers) {
            if (medians.stream().noneMatch(p -> p.system().equals(peer))) {
                continue;
            }
            int peerHeld = held(medians, peer, p99BoundMillis);
            rows.add(heldRow(section, p99BoundMillis, oursHeld, peer, peerHeld, lowest, top));
            int common = Math.min(oursHeld, peerHeld);
            if (common == 0) {
                common = lowest;
            }
            Optional<RatePoint> a = at(medians, ours, common);
            Optional<RatePoint> b = at(medians, peer, common);
            if (a.isPresent() && b.isPresent()) {
                rows.addAll(latencyRows(section, a.get(), peer, b.get()));
            }
        }
        if (rows.isEmpty() && medians.stream().anyMatch(p -> p.system().equals(ours))) {
            // no peer ran beside it (--peers none): gridwarden's own figures, the rate held and its latency there
            rows.add(heldRow(section, p99BoundMillis, oursHeld, NO_PEER, NOT_RUN, lowest, top));
            at(medians, ours, oursHeld == 0 ? lowest : oursHeld).ifPresent(a -> rows.addAll(latencyRows(section, a, NO_PEER, null)));
        }
        return rows;
    }

    private static Row heldRow(String section, double p99BoundMillis, int oursHeld, String peer, int peerHeld, int lowest, int top) {
        return new Row(section, "events/s held (p99 ≤ " + fmt(p99BoundMillis) + " ms)", heldOrNone(oursHeld), oursHeld == top, peer,
                heldOrNone(peerHeld), peerHeld == top, "events/s", true, heldNote(oursHeld, peerHeld, lowest, top));
    }

    /** p50 and p99 at {@code ours}'s rate, beside the peer's at the same rate ({@code theirs} null: no peer ran). */
    private static List<Row> latencyRows(String section, RatePoint ours, String peer, RatePoint theirs) {
        String where = String.format("at %,d events/s", ours.offeredEventsPerSecond());
        return List.of(
                new Row(section, "p50 ack latency " + where, ours.p50Millis(), false, peer, theirs == null ? Double.NaN : theirs.p50Millis(),
                        false, "ms", false, ""),
                new Row(section, "p99 ack latency " + where, ours.p99Millis(), false, peer, theirs == null ? Double.NaN : theirs.p99Millis(),
                        false, "ms", false, ""));
    }

    /** A rate held, or NaN (shown as "—") when none was or the system did not run: 0 events/s would read as a measurement. */
    private static double heldOrNone(int held) {
        return held <= 0 ? Double.NaN : held;
    }

    private static String heldNote(int oursHeld, int peerHeld, int lowest, int top) {
        String offered = String.format("rates offered %,d to %,d", lowest, top);
        String none = oursHeld == 0 && peerHeld == 0 ? "neither held any" : oursHeld == 0 ? "gridwarden held none"
                : peerHeld == 0 ? "the peer held none" : "";
        return none.isEmpty() ? offered : none + " of the " + offered;
    }

    /**
     * The highest offered rate up to which the system held every rate offered (0 if not the lowest): a rate held
     * above one missed is noise around the ceiling, not a higher ceiling.
     */
    public static int held(List<RatePoint> medians, String system, double p99BoundMillis) {
        int firstMissed = firstMissed(medians, system, p99BoundMillis).map(RatePoint::offeredEventsPerSecond).orElse(Integer.MAX_VALUE);
        return medians.stream().filter(p -> p.system().equals(system)).mapToInt(RatePoint::offeredEventsPerSecond)
                .filter(rate -> rate < firstMissed).max().orElse(0);
    }

    /** The lowest rate whose median missed: the one that ends the system's "held" figure. */
    static Optional<RatePoint> firstMissed(List<RatePoint> medians, String system, double p99BoundMillis) {
        return medians.stream().filter(p -> p.system().equals(system)).sorted(Comparator.comparingInt(RatePoint::offeredEventsPerSecond))
                .filter(p -> !p.held(p99BoundMillis)).findFirst();
    }

    private static Optional<RatePoint> at(List<RatePoint> medians, String system, int rate) {
        return medians.stream().filter(p -> p.system().equals(system) && p.offeredEventsPerSecond() == rate).findFirst();
    }

    /** Durable log rows: per concurrency, the median events/s and p99 append latency of the rounds. */
    public static List<Row> log(List<ClosedLoopAppends.Figures> figures, String ours, String peer) {
        List<Row> rows = new ArrayList<>();
        figures.stream().map(ClosedLoopAppends.Figures::appenders).distinct().sorted().forEach(n -> {
            OptionalDouble a = median(figures, ours, n, ClosedLoopAppends.Figures::eventsPerSecond);
            OptionalDouble b = median(figures, peer, n, ClosedLoopAppends.Figures::eventsPerSecond);
            if (a.isPresent() && b.isPresent()) {
                rows.add(new Row("Durable log", "durable appends, " + n + " appenders × 100-event batches", a.getAsDouble(), false, peer,
                        b.getAsDouble(), false, "events/s", true, ""));
                rows.add(new Row("Durable log", "p99 append latency, " + n + " appenders", median(figures, ours, n,
                        ClosedLoopAppends.Figures::p99Millis).getAsDouble(), false, peer, median(figures, peer, n,
                        ClosedLoopAppends.Figures::p99Millis).getAsDouble(), false, "ms", false, ""));
            }
        });
        return rows;
    }

    private static OptionalDouble median(List<ClosedLoopAppends.Figures> figures, String system, int appenders,
            java.util.function.ToDoubleFunction<ClosedLoopAppends.Figures> value) {
        List<Double> values = figures.stream().filter(f -> f.system().equals(system) && f.appenders() == appenders)
                .map(value::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
        return values.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(values.get(values.size() / 2));
    }

    /** Rule evaluation: frames/s, ours first in the list, the peer second. */
    public static List<Row> rules(List<RuleComparison.Figures> figures) {
        if (figures.size() < 2) {
            return List.of();
        }
        RuleComparison.Figures ours = figures.get(0);
        RuleComparison.Figures peer = figures.get(1);
        String agree = ours.violations() == peer.violations()
                ? "both found the same " + ours.violations() + " violations"
                : "DISAGREE: " + ours.violations() + " vs " + peer.violations() + " violations";
        return List.of(new Row("Rule evaluation", "dwell rule, frames/s (one thread, " + String.format("%,d", ours.frames()) + " frames)",
                ours.framesPerSecond(), false, peer.engine(), peer.framesPerSecond(), false, "frames/s", true, agree));
    }

    /** End-to-end: each percentile against the design floor (the watermark's maxDeviceDelay). */
    public static List<Row> endToEnd(List<LatencyFigures> figures) {
        List<Row> rows = new ArrayList<>();
        for (LatencyFigures f : figures) {
            String at = String.format("%,d ev/s background", f.backgroundEventsPerSecond());
            String samples = f.toActionLog().count() == f.toDevice().count()
                    ? f.toDevice().count() + "/" + f.samples() + " probes"
                    : f.toActionLog().count() + "/" + f.samples() + " probes in the action log, " + f.toDevice().count() + " at the device";
            rows.add(new Row("End to end", "due → action log p50, " + at, f.toActionLog().p50(), false, "design floor (maxDeviceDelay)",
                    WATERMARK_FLOOR_MILLIS, false, "ms", false, samples));
            rows.add(new Row("End to end", "due → action log p99, " + at, f.toActionLog().p99(), false, "design floor (maxDeviceDelay)",
                    WATERMARK_FLOOR_MILLIS, false, "ms", false, ""));
            rows.add(new Row("End to end", "due → voice warning at device p50, " + at, f.toDevice().p50(), false,
                    "design floor (maxDeviceDelay)", WATERMARK_FLOOR_MILLIS, false, "ms", false, ""));
            rows.add(new Row("End to end", "due → voice warning at device p99, " + at, f.toDevice().p99(), false,
                    "design floor (maxDeviceDelay)", WATERMARK_FLOOR_MILLIS, false, "ms", false, ""));
            rows.add(new Row("End to end", "due → voice warning at device p99.9, " + at, f.toDevice().p999(), false,
                    "design floor (maxDeviceDelay)", WATERMARK_FLOOR_MILLIS, false, "ms", false, "few samples: p99.9 ≈ max"));
        }
        return rows;
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? String.format("%,d", (long) v) : String.format("%,.2f", v);
    }
}
