package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.CAMERA;
import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;
import static io.gridwarden.jobs.JobFixtures.QUIET_CAMERA;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.TOWN;
import static io.gridwarden.jobs.JobFixtures.frame;
import static io.gridwarden.jobs.JobFixtures.parkedCar;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.CameraNotice;
import io.gridwarden.jobs.model.OperatorAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.Test;

/**
 * The operator's cache of tracks over its RocksDB keyed state changes no decision: a cache that holds
 * a single track (so two cameras taking turns evict each other on every frame) and a restore from a
 * snapshot (an empty cache over restored state) give the same actions and dispatches, in the same
 * order, as a cache that holds everything, and leave no keyed state behind.
 */
class CameraWatchFunctionCacheTest {

    private static final long LAST = T0 + 12_000;
    private static final long SNAPSHOT_AT = T0 + 3_000;

    @Test
    void shouldDecideTheSameWhenTheCacheIsTooSmallForTwoCameras() throws Exception {
        try (var roomy = harness(CameraWatchFunction.DEFAULT_CACHED_TRACKS); var tiny = harness(1)) {
            roomy.open();
            tiny.open();
            drive(roomy, T0, LAST);
            drive(tiny, T0, LAST);

            assertThat(statuses(roomy)).contains(ViolationStatus.RESOLVED_BY_WARNING, ViolationStatus.CLOSED);
            assertThat(tiny.extractOutputValues()).isEqualTo(roomy.extractOutputValues());
            assertThat(dispatches(tiny)).isEqualTo(dispatches(roomy)).isNotEmpty();
            assertThat(camerasWithTracks(tiny)).isZero();
            assertThat(tiny.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void shouldDecideTheSameAfterARestoreWithAnEmptyCache() throws Exception {
        OperatorSubtaskState snapshot;
        List<Action> expected;
        List<DispatchRequest> expectedDispatches;
        try (var running = harness(CameraWatchFunction.DEFAULT_CACHED_TRACKS)) {
            running.open();
            drive(running, T0, SNAPSHOT_AT);
            snapshot = running.snapshot(1, SNAPSHOT_AT);
            int actionsBefore = running.extractOutputValues().size();
            int dispatchesBefore = dispatches(running).size();
            drive(running, SNAPSHOT_AT + 500, LAST);
            expected = after(running.extractOutputValues(), actionsBefore);
            expectedDispatches = after(dispatches(running), dispatchesBefore);
        }
        try (var restored = harness(CameraWatchFunction.DEFAULT_CACHED_TRACKS)) {
            restored.initializeState(snapshot);
            restored.open();
            drive(restored, SNAPSHOT_AT + 500, LAST);

            assertThat(expected).extracting(a -> a.violation().status())
                    .contains(ViolationStatus.WARNED, ViolationStatus.RESOLVED_BY_WARNING, ViolationStatus.CLOSED);
            assertThat(restored.extractOutputValues()).isEqualTo(expected);
            assertThat(dispatches(restored)).isEqualTo(expectedDispatches).isNotEmpty();
            assertThat(camerasWithTracks(restored)).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
        }
    }

    /**
     * Two cameras taking turns. On {@code CAMERA}, t-1 stays 6 s (warned, then dispatched) and t-2
     * stays 2.5 s (warned, then closed by a dispatcher); on {@code QUIET_CAMERA}, t-9 stays 2.5 s
     * (warned, then resolved by the warning). A watermark half a second behind every second.
     */
    private static void drive(CameraHarness.Harness harness, long from, long to) throws Exception {
        for (long t = from; t <= to; t += 500) {
            List<DetectedObject> here = new ArrayList<>();
            if (t <= T0 + 6_000) {
                here.add(parkedCar("t-1"));
            }
            if (t >= T0 + 1_000 && t <= T0 + 3_500) {
                here.add(parkedCar("t-2"));
            }
            harness.processElement1(frame(CAMERA, t, here.toArray(DetectedObject[]::new)), t);
            DetectedObject[] quiet = t <= T0 + 2_500 ? new DetectedObject[] {parkedCar("t-9")} : new DetectedObject[0];
            harness.processElement1(frame(QUIET_CAMERA, t, quiet), t);
            if (t == T0 + 4_500) {
                String violation = ActionIds.violation(CAMERA, "z-parking", "t-2", Instant.ofEpochMilli(T0 + 1_000));
                harness.processElement2(CameraNotice.of(OperatorAction.close(violation, CAMERA, t, "false alarm", "demo-admin")), t);
            }
            if (t % 1_000 == 0) {
                harness.processBothWatermarks(new Watermark(t - 500));
            }
        }
        if (to == LAST) {
            harness.processBothWatermarks(new Watermark(LAST + 10_000));
        }
    }

    private static CameraHarness.Harness harness(int cachedTracks) throws Exception {
        CameraHarness.Harness harness = new CameraHarness.Harness(new CameraWatchFunction(TOWN, Duration.ofSeconds(1), cachedTracks, COMMAND_IDS));
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        return harness;
    }

    /** {@code numKeyedStateEntries()} knows only the heap backend; RocksDB lists the keys that hold tracks. */
    private static long camerasWithTracks(CameraHarness.Harness harness) {
        try (var keys = harness.getOperator().getKeyedStateBackend().getKeys("tracks", VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    private static List<ViolationStatus> statuses(CameraHarness.Harness harness) {
        return harness.extractOutputValues().stream().map(a -> a.violation().status()).toList();
    }

    private static List<DispatchRequest> dispatches(CameraHarness.Harness harness) {
        var side = harness.getSideOutput(CameraWatchFunction.DISPATCHES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private static <T> List<T> after(List<T> all, int from) {
        return List.copyOf(all.subList(from, all.size()));
    }

}
