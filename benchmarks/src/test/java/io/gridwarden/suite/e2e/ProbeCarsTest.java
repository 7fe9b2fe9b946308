package io.gridwarden.suite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.detect.CameraTracks;
import io.gridwarden.jobs.detect.CameraWatch;
import io.gridwarden.jobs.detect.DwellTracker;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.simulator.DemoEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The probe camera's frames, played through gridwarden's detection ({@link CameraWatch}) in the order of their
 * times, as the job applies them when it is behind the log: each car must fall due exactly a dwell after it arrived.
 */
class ProbeCarsTest {

    private static final String CAMERA = "cam-0001"; // the demo town's probe camera: z-parking, 60 s dwell
    private static final Town TOWN = Town.load(Town.DEMO);
    private static final Duration DWELL = TOWN.zoneRules(CAMERA).get(0).dwell();

    /** One frame the probe sent: its time and the cars it showed. */
    private record Sent(long time, List<String> cars) {}

    /** What the probe sent over a run, the warnings coming back {@code lag} after each car fell due (never if null). */
    private record Run(List<Sent> frames, Map<String, Long> due) {}

    /** The probe's loop ({@code LatencyProbe.Probe#run}) on a clock of its own. */
    private static Run probe(int cars, long spanMillis, LongUnaryOperator warnedAtForDue, long seed) {
        long[] arriveAt = ProbeTimes.spread(cars, spanMillis, new SplittableRandom(seed));
        ProbeCars probe = new ProbeCars(DWELL);
        Map<String, Long> due = new HashMap<>();
        List<Sent> frames = new ArrayList<>();
        long lastFrame = Long.MIN_VALUE / 2;
        long now = 0;
        int next = 0;
        long stopAll = spanMillis + DWELL.toMillis() + 120_000;
        while (now < stopAll && (next < arriveAt.length || !probe.isEmpty())) {
            boolean arrived = false;
            for (; next < arriveAt.length && arriveAt[next] <= now; next++) {
                String track = "probe-" + next;
                due.put(track, probe.arrive(track, now));
                arrived = true;
            }
            long at = now;
            probe.leave(track -> warnedAtForDue.applyAsLong(due.get(track)) <= at);
            if (arrived || now >= probe.nextFrameAt(lastFrame)) {
                frames.add(new Sent(now, probe.frame(now)));
                lastFrame = now;
            }
            long nextArrival = next < arriveAt.length ? arriveAt[next] : Long.MAX_VALUE;
            now = Math.max(now + 1, Math.min(nextArrival, probe.nextFrameAt(lastFrame)));
        }
        return new Run(frames, due);
    }

    /**
     * Detection over {@code frames} (in the order they arrived) as the job runs it when the watermark is behind
     * them all: by time, the frames of an instant before the checks due then. Returns when each car was detected.
     */
    private static Map<String, Long> detect(List<CameraFrame> frames) {
        CameraWatch watch = new CameraWatch(TOWN.zoneRules(CAMERA), new DwellTracker(DwellTracker.ABSENCE_TIMEOUT), TOWN.timezone(),
                CommandIds.random());
        CameraTracks tracks = new CameraTracks();
        TreeSet<Long> timers = new TreeSet<>();
        Map<String, Long> detectedAt = new HashMap<>();
        List<CameraFrame> byTime = new ArrayList<>(frames);
        byTime.sort(Comparator.comparingLong(CameraFrame::time)); // stable: one instant's frames in arrival order
        for (CameraFrame frame : byTime) {
            fire(watch, tracks, timers, frame.time() - 1, detectedAt);
            timers.addAll(watch.onFrame(tracks, frame));
            fire(watch, tracks, timers, frame.time(), detectedAt);
        }
        fire(watch, tracks, timers, Long.MAX_VALUE, detectedAt);
        return detectedAt;
    }

    private static void fire(CameraWatch watch, CameraTracks tracks, TreeSet<Long> timers, long until, Map<String, Long> detectedAt) {
        while (!timers.isEmpty() && timers.first() <= until) {
            long now = timers.pollFirst();
            CameraWatch.Outcome outcome = watch.onTime(tracks, now);
            timers.addAll(outcome.timers());
            for (Action action : outcome.actions()) {
                if (action.kind() == Action.Kind.VIOLATION_UPDATE && action.violation().status() == ViolationStatus.DETECTED) {
                    detectedAt.putIfAbsent(action.violation().track(), now);
                }
            }
        }
    }

    private static List<CameraFrame> cameraFrames(List<Sent> sent) {
        return sent.stream().map(s -> new CameraFrame(CAMERA, s.time(), null, s.cars().stream().map(DemoEvents::car).toList())).toList();
    }

    @Test
    void shouldHaveEveryCarFallDueADwellAfterItArrivedWhenTheJobIsFarBehind() {
        // warnings 40 s late: some hundred cars wait at once, more than a frame shows
        Run run = probe(180, 180_000, due -> due + 40_000, 7);

        Map<String, Long> detected = detect(cameraFrames(run.frames()));

        assertThat(run.due()).hasSize(180);
        assertThat(detected).as("every car detected when its dwell ends, not a dwell later").isEqualTo(run.due());
        assertThat(run.frames()).allSatisfy(frame -> assertThat(frame.cars()).hasSizeLessThanOrEqualTo(ProbeCars.MAX_OBJECTS));
        assertThat(run.frames().stream().mapToInt(frame -> frame.cars().size()).max().orElseThrow())
                .as("the frames were full at times").isEqualTo(ProbeCars.MAX_OBJECTS);
    }

    @Test
    void shouldShowEveryWaitingCarWithinFiveSecondsEvenWhenNoWarningComesBack() {
        Run run = probe(600, 600_000, due -> Long.MAX_VALUE, 11);

        Map<String, Long> lastShown = new HashMap<>();
        long longestGap = 0;
        for (Sent frame : run.frames()) {
            for (String car : frame.cars()) {
                Long before = lastShown.put(car, frame.time());
                if (before != null) {
                    longestGap = Math.max(longestGap, frame.time() - before);
                }
            }
        }
        assertThat(lastShown).hasSize(600);
        assertThat(longestGap).isPositive().isLessThanOrEqualTo(ProbeCars.SHOWN_WITHIN.toMillis());
        assertThat(detect(cameraFrames(run.frames()))).isEqualTo(run.due());
    }

    @Test
    void shouldShowANewCarInTheFrameOfItsArrival() {
        ProbeCars cars = new ProbeCars(DWELL);
        for (int i = 0; i < 199; i++) {
            cars.arrive("old-" + i, i);
            cars.frame(i);
        }
        long due = cars.arrive("new", 50_000);

        List<String> frame = cars.frame(50_000);

        assertThat(due).isEqualTo(50_000 + DWELL.toMillis());
        assertThat(frame).hasSize(ProbeCars.MAX_OBJECTS).contains("new");
        assertThat(cars.nextFrameAt(50_000)).as("200 cars fill seven frames: eight every 5 s").isEqualTo(50_625);
        cars.leave(track -> !track.equals("new"));
        assertThat(cars.nextFrameAt(50_000)).as("one car: a frame a second").isEqualTo(51_000);
    }

    @Test
    void shouldRefuseACarThatIsAlreadyWaiting() {
        ProbeCars cars = new ProbeCars(DWELL);
        cars.arrive("probe-1", 0);

        assertThatThrownBy(() -> cars.arrive("probe-1", 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("probe-1");
    }

    /**
     * Why the cars are not back-dated: reported as first seen almost a dwell ago, after the camera's frames of that
     * minute that did not show it, a car is gone at the next of them once the job applies them by time, and its
     * dwell starts again at the following frame that shows it.
     */
    @Test
    void shouldRestartTheDwellOfACarReportedBackDatedAfterFramesThatDidNotShowIt() {
        List<CameraFrame> arrived = new ArrayList<>();
        for (long t = 0; t < 10_000; t += 1_000) {
            arrived.add(new CameraFrame(CAMERA, t, null, List.of()));
        }
        long start = 10_000;
        arrived.add(new CameraFrame(CAMERA, start + 1_000 - DWELL.toMillis(), null, List.of(DemoEvents.car("back-dated"))));
        arrived.add(new CameraFrame(CAMERA, start, null, List.of(DemoEvents.car("back-dated"))));

        assertThat(detect(arrived)).containsEntry("back-dated", start + DWELL.toMillis());
    }
}
