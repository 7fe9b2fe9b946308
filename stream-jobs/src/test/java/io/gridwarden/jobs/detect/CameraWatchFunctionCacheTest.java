package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.TOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.jobs.model.DispatchRequest;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.junit.jupiter.api.Test;

/**
 * The operator's cache of tracks over its RocksDB keyed state changes no decision: a cache that holds
 * a single track (so two cameras taking turns evict each other on every frame) and a restore from a
 * snapshot (an empty cache over restored state) give the same actions and dispatches, in the same
 * order, as a cache that holds everything, and leave no keyed state behind.
 */
class CameraWatchFunctionCacheTest {

    private static final long SNAPSHOT_AT = T0 + 3_000;

    @Test
    void shouldDecideTheSameWhenTheCacheIsTooSmallForTwoCameras() throws Exception {
        try (var roomy = harness(CameraWatchFunction.DEFAULT_CACHED_TRACKS); var tiny = harness(1)) {
            roomy.open();
            tiny.open();
            TwoCameras.drive(TwoCameras.into(roomy), T0, TwoCameras.LAST);
            TwoCameras.drive(TwoCameras.into(tiny), T0, TwoCameras.LAST);

            assertThat(statuses(roomy)).contains(ViolationStatus.RESOLVED_BY_WARNING, ViolationStatus.CLOSED);
            assertThat(tiny.extractOutputValues()).isEqualTo(roomy.extractOutputValues());
            assertThat(TwoCameras.dispatches(tiny)).isEqualTo(TwoCameras.dispatches(roomy)).isNotEmpty();
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
            TwoCameras.drive(TwoCameras.into(running), T0, SNAPSHOT_AT);
            snapshot = running.snapshot(1, SNAPSHOT_AT);
            int actionsBefore = running.extractOutputValues().size();
            int dispatchesBefore = TwoCameras.dispatches(running).size();
            TwoCameras.drive(TwoCameras.into(running), SNAPSHOT_AT + 500, TwoCameras.LAST);
            expected = TwoCameras.after(running.extractOutputValues(), actionsBefore);
            expectedDispatches = TwoCameras.after(TwoCameras.dispatches(running), dispatchesBefore);
        }
        try (var restored = harness(CameraWatchFunction.DEFAULT_CACHED_TRACKS)) {
            restored.initializeState(snapshot);
            restored.open();
            TwoCameras.drive(TwoCameras.into(restored), SNAPSHOT_AT + 500, TwoCameras.LAST);

            assertThat(expected).extracting(a -> a.violation().status())
                    .contains(ViolationStatus.WARNED, ViolationStatus.RESOLVED_BY_WARNING, ViolationStatus.CLOSED);
            assertThat(restored.extractOutputValues()).isEqualTo(expected);
            assertThat(TwoCameras.dispatches(restored)).isEqualTo(expectedDispatches).isNotEmpty();
            assertThat(camerasWithTracks(restored)).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
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

}
