package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.CAMERA;
import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.burningRule;
import static io.gridwarden.jobs.JobFixtures.parkingRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.town.ZoneRule;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.TrackState;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link CameraWatch} over indexed {@link CameraTracks} decides exactly what the full scan of every
 * track ({@link FullScanCameraWatch}) decides: same tracks after every step, same actions, dispatches
 * and new-arrival timers, over seeded streams with flicker, late and duplicate objects, two zones
 * (one warning, one urgent), dispatchers' closes and assignments, and a track of a zone no longer watched.
 */
class IndexedTracksEquivalenceTest {

    private static final List<ZoneRule> RULES = List.of(parkingRule(), burningRule());
    private static final String[] LABELS = {"car", "car", "car", "van", "car", "truck", "fire", "smoke"};

    private final DwellTracker tracker = new DwellTracker(Duration.ofSeconds(1));
    private final CameraWatch indexed = new CameraWatch(RULES, tracker, ZoneOffset.UTC, COMMAND_IDS);
    private final FullScanCameraWatch reference = new FullScanCameraWatch(RULES, tracker, ZoneOffset.UTC);
    private final CameraTracks tracks = CameraTracks.recordingChanges();
    private final Map<String, TrackState> expected = new HashMap<>();
    private final TreeSet<Long> pendingTimers = new TreeSet<>();
    private final List<String> violations = new ArrayList<>();
    private final Set<ViolationStatus> statuses = EnumSet.noneOf(ViolationStatus.class);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void shouldDecideLikeTheFullScanOfEveryTrack(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TrackState unwatched = new TrackState("z-removed", "t-old", "car", T0 - 5_000, T0 - 5_000, TrackState.NOT_MISSING, null, null);
        indexed.restore(tracks, List.of(unwatched));
        expected.put(unwatched.key(), unwatched);
        boolean[] here = new boolean[LABELS.length];
        long latest = T0;
        for (int step = 0; step < 1_500; step++) {
            latest += 100 + random.nextInt(600);
            long time = random.nextInt(10) == 0 ? latest - random.nextInt(1_500) : latest;
            frame(new CameraFrame(CAMERA, time, "snap-" + step, objects(random, here)));
            fireUpTo(latest - 1_000);
            if (!violations.isEmpty() && random.nextInt(10) == 0) {
                dispatcher(random, latest - 1_000);
            }
        }
        fireUpTo(Long.MAX_VALUE - 1);
        assertThat(statuses).as("the stream exercises every way a violation goes")
                .contains(ViolationStatus.DETECTED, ViolationStatus.WARNED, ViolationStatus.DISPATCHED,
                        ViolationStatus.RESOLVED_BY_WARNING, ViolationStatus.CLOSED);
    }

    private List<DetectedObject> objects(SplittableRandom random, boolean[] here) {
        List<DetectedObject> objects = new ArrayList<>();
        for (int t = 0; t < here.length; t++) {
            if (random.nextInt(12) == 0) {
                here[t] = !here[t];
            }
            if (here[t] && random.nextInt(8) != 0) { // detectors flicker
                boolean parked = random.nextInt(5) != 0;
                double confidence = random.nextInt(15) == 0 ? 0.5 : 0.9;
                var object = new DetectedObject("t-" + t, LABELS[t], confidence, new Box(0.4, parked ? 0.6 : 0.1, 0.2, 0.2));
                objects.add(object);
                if (random.nextInt(30) == 0) {
                    objects.add(object); // the same track twice in one frame
                }
            }
        }
        return objects;
    }

    private void frame(CameraFrame frame) {
        var timers = indexed.onFrame(tracks, frame);
        assertThat(timers).isEqualTo(reference.onFrame(expected, frame));
        assertThat(tracks.asMap()).isEqualTo(expected);
        pendingTimers.addAll(timers);
    }

    private void fireUpTo(long watermark) {
        while (!pendingTimers.isEmpty() && pendingTimers.first() <= watermark) {
            long now = pendingTimers.pollFirst();
            CameraWatch.Outcome got = indexed.onTime(tracks, now);
            CameraWatch.Outcome want = reference.onTime(expected, now);
            assertThat(got.actions()).containsExactlyInAnyOrderElementsOf(want.actions());
            assertThat(got.dispatches()).containsExactlyInAnyOrderElementsOf(want.dispatches());
            assertThat(tracks.asMap()).isEqualTo(expected);
            TreeSet<Long> set = new TreeSet<>(pendingTimers);
            set.addAll(got.timers());
            assertThat(set).as("the full scan only re-sets timers already set").containsAll(want.timers());
            pendingTimers.addAll(got.timers());
            got.actions().forEach(a -> statuses.add(a.violation().status()));
            got.dispatches().forEach(d -> statuses.add(d.violation().status()));
            got.actions().stream().map(a -> a.violation().id()).forEach(violations::add);
        }
    }

    private void dispatcher(SplittableRandom random, long at) {
        // mostly the latest violations, so that some are still in their grace period
        String violation = violations.get(violations.size() - 1 - random.nextInt(Math.min(4, violations.size())));
        if (random.nextBoolean()) {
            List<Action> got = indexed.close(tracks, violation, at, "false alarm");
            assertThat(got).isEqualTo(reference.close(expected, violation, at, "false alarm"));
            got.forEach(a -> statuses.add(a.violation().status()));
        } else {
            CameraWatch.Outcome got = indexed.assignByHand(tracks, violation, at, "off-02", "demo-admin");
            assertThat(got).isEqualTo(reference.assignByHand(expected, violation, at, "off-02", "demo-admin"));
        }
        assertThat(tracks.asMap()).isEqualTo(expected);
    }
}
