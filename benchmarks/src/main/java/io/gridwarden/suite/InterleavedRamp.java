package io.gridwarden.suite;

import io.gridwarden.suite.settings.SuiteSettings;
import io.gridwarden.suite.report.RatePoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Systems measured at the same offered rates, interleaved (A, B, C, A, B, C … at each rate) so that
 * whatever else the machine does drifts over all of them alike; each figure is the median of its
 * rounds. A system that failed to hold two rates in a row is not offered higher ones (one miss may be
 * a hiccup of a shared machine) and is retired at once ({@link Target#retire}: a child process is
 * stopped), so that neither its backlog nor its idle work weighs on the systems still climbing. Before
 * each point the machine must go quiet, so one system's backlog does not weigh on the next.
 */
public final class InterleavedRamp {


    /** A system under load: runs one point at an offered rate. */
    public interface Target {
        String name();

        RatePoint at(int eventsPerSecond, Duration warmup, Duration duration) throws Exception;

        /** Called once the ramp is done with the system: frees what it holds. Does nothing by default. */
        default void retire() throws Exception {}

        /** A target named {@code name} measured by {@code measure}. */
        static Target of(String name, Measure measure) {
            return of(name, measure, () -> { });
        }

        /** A target named {@code name} measured by {@code measure}, which {@code onRetire} stops once it is retired. */
        static Target of(String name, Measure measure, AutoCloseable onRetire) {
            return new Target() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public RatePoint at(int eventsPerSecond, Duration warmup, Duration duration) throws Exception {
                    return measure.at(eventsPerSecond, warmup, duration);
                }

                @Override
                public void retire() throws Exception {
                    onRetire.close();
                }
            };
        }
    }

    /** One measurement of a system at a rate. */
    @FunctionalInterface
    public interface Measure {
        RatePoint at(int eventsPerSecond, Duration warmup, Duration duration) throws Exception;
    }

    /** The median figures per system and rate (in rate order), and every raw round. */
    public record Outcome(List<RatePoint> medians, List<RatePoint> rounds) {
        /** This outcome and {@code later}'s, as one (the figures of two ramps of the same run). */
        public Outcome plus(Outcome later) {
            List<RatePoint> allMedians = new ArrayList<>(medians);
            allMedians.addAll(later.medians);
            List<RatePoint> allRounds = new ArrayList<>(rounds);
            allRounds.addAll(later.rounds);
            return new Outcome(List.copyOf(allMedians), List.copyOf(allRounds));
        }
    }

    /** Timing of each point, and the unmeasured load each target gets first (a fresh JVM needs its JIT warm). */
    public record Timing(Duration prime, Duration warmup, Duration duration, Duration settleAtMost) {
        /** Longest wait for the machine to go quiet before a point ({@link QuietMachine}), unless told otherwise. */
        static final Duration SETTLE_AT_MOST = Duration.ofSeconds(30);

        public Timing(Duration prime, Duration warmup, Duration duration) {
            this(prime, warmup, duration, SETTLE_AT_MOST);
        }

        /** The suite's timing of each point. */
        public static Timing of(SuiteSettings s) {
            return new Timing(s.prime(), s.warmup(), s.duration());
        }
    }

    public static Outcome run(List<Target> targets, List<Integer> rates, int rounds, double p99BoundMillis, Timing timing) throws Exception {
        for (Target target : targets) {
            if (!timing.prime().isZero()) {
                RatePoint primed = target.at(rates.get(0), timing.prime(), Duration.ofSeconds(1));
                System.err.printf("  %-28s primed for %s at %,d ev/s (p99 then %.1f ms)%n", target.name(), timing.prime(), rates.get(0),
                        primed.p99Millis());
            }
        }
        List<RatePoint> all = new ArrayList<>();
        List<RatePoint> medians = new ArrayList<>();
        Map<String, Integer> missesInARow = new LinkedHashMap<>();
        targets.forEach(t -> missesInARow.put(t.name(), 0));
        for (int rate : rates) {
            Map<String, List<RatePoint>> byTarget = new LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (Target target : targets) {
                    if (missesInARow.get(target.name()) >= 2) {
                        continue;
                    }
                    Duration settled = QuietMachine.await(timing.settleAtMost());
                    if (settled.compareTo(Duration.ofSeconds(2)) > 0) {
                        System.err.printf("  (waited %.0f s for the machine to go quiet)%n", settled.toMillis() / 1000.0);
                    }
                    RatePoint point = target.at(rate, timing.warmup(), timing.duration());
                    System.err.printf("  %-28s %,8d ev/s offered: %,10.0f acked  p50 %8.2f ms  p99 %8.2f ms  failed %s%n",
                            point.system(), rate, point.ackedEventsPerSecond(), point.p50Millis(), point.p99Millis(), point.failedDescribed());
                    all.add(point);
                    byTarget.computeIfAbsent(target.name(), k -> new ArrayList<>()).add(point);
                }
            }
            for (Target target : targets) {
                List<RatePoint> points = byTarget.get(target.name());
                if (points == null) {
                    continue; // retired before this rate
                }
                RatePoint median = median(points);
                medians.add(median);
                int misses = median.held(p99BoundMillis) ? 0 : missesInARow.get(target.name()) + 1;
                missesInARow.put(target.name(), misses);
                if (misses == 2) {
                    System.err.printf("  %-28s missed two rates in a row: offered no more, stopped%n", target.name());
                    target.retire();
                }
            }
        }
        return new Outcome(medians, all);
    }

    /**
     * Each figure's median over the rounds (the upper median for an even count); the seconds' p99s are those of the
     * round whose p99 is the median, the failures' reasons those of the round whose count of them is.
     */
    static RatePoint median(List<RatePoint> points) {
        RatePoint first = points.get(0);
        RatePoint p99 = mid(points, Comparator.comparingDouble(RatePoint::p99Millis));
        RatePoint failed = mid(points, Comparator.comparingLong(RatePoint::failed));
        return new RatePoint(first.system(), first.offeredEventsPerSecond(),
                mid(points, Comparator.comparingDouble(RatePoint::ackedEventsPerSecond)).ackedEventsPerSecond(),
                mid(points, Comparator.comparingDouble(RatePoint::p50Millis)).p50Millis(), p99.p99Millis(),
                mid(points, Comparator.comparingDouble(RatePoint::p999Millis)).p999Millis(),
                failed.failed(), failed.failures(), p99.p99BySecondMillis());
    }

    private static RatePoint mid(List<RatePoint> points, Comparator<RatePoint> order) {
        return points.stream().sorted(order).toList().get(points.size() / 2);
    }
}
