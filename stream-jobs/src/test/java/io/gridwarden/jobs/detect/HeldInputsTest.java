package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.CAMERA;
import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;
import static io.gridwarden.jobs.JobFixtures.QUIET_CAMERA;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.TOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.CameraNotice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.memory.DataInputViewStreamWrapper;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.OperatorStateHandle;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;

/**
 * The camera operator's held inputs (frames and notices waiting for the watermark): on the heap up to
 * a bound and spilled to keyed state beyond it, carried through a checkpoint to the subtasks that own
 * their cameras after a rescale; none of it changes a decision.
 */
class HeldInputsTest {

    private static final int MAX_PARALLELISM = 128;
    private static final long SNAPSHOT_AT = T0 + 3_000;
    private static final TypeSerializer<HeldInputs.Held> HELD =
            TypeInformation.of(HeldInputs.Held.class).createSerializer(new SerializerConfigImpl());

    @Test
    void shouldDecideTheSameWhenHeldInputsSpillToKeyedState() throws Exception {
        try (var roomy = harness(HeldInputs.DEFAULT_CAPACITY, 1, 0); var cramped = harness(2, 1, 0)) {
            roomy.open();
            cramped.open();
            TwoCameras.drive(TwoCameras.into(roomy), T0, SNAPSHOT_AT);
            TwoCameras.drive(TwoCameras.into(cramped), T0, SNAPSHOT_AT);
            assertThat(camerasWithSpilledInputs(roomy)).isZero();
            assertThat(camerasWithSpilledInputs(cramped)).isEqualTo(2);

            TwoCameras.drive(TwoCameras.into(roomy), SNAPSHOT_AT + 500, TwoCameras.LAST);
            TwoCameras.drive(TwoCameras.into(cramped), SNAPSHOT_AT + 500, TwoCameras.LAST);

            assertThat(roomy.extractOutputValues()).extracting(a -> a.violation().status())
                    .contains(ViolationStatus.RESOLVED_BY_WARNING, ViolationStatus.CLOSED);
            assertThat(cramped.extractOutputValues()).isEqualTo(roomy.extractOutputValues());
            assertThat(TwoCameras.dispatches(cramped)).isEqualTo(TwoCameras.dispatches(roomy)).isNotEmpty();
            assertThat(camerasWithSpilledInputs(cramped)).isZero();
            assertThat(cramped.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void shouldHandEachSubtaskTheHeldInputsOfItsOwnCamerasAfterARescale() throws Exception {
        assertThat(owner(CAMERA, 2)).as("the two cameras go to different subtasks").isNotEqualTo(owner(QUIET_CAMERA, 2));
        OperatorSubtaskState snapshot;
        List<Action> expected;
        try (var running = harness(HeldInputs.DEFAULT_CAPACITY, 1, 0); var cramped = harness(2, 1, 0)) {
            running.open();
            cramped.open();
            TwoCameras.drive(TwoCameras.into(running), T0, SNAPSHOT_AT);
            TwoCameras.drive(TwoCameras.into(cramped), T0, SNAPSHOT_AT);
            // a snapshot with inputs both on the heap and spilled, all ahead of the watermark
            snapshot = cramped.snapshot(1, SNAPSHOT_AT);
            int before = running.extractOutputValues().size();
            TwoCameras.drive(TwoCameras.into(running), SNAPSHOT_AT + 500, TwoCameras.LAST);
            expected = TwoCameras.after(running.extractOutputValues(), before);
        }
        try (var first = harness(HeldInputs.DEFAULT_CAPACITY, 2, 0); var second = harness(HeldInputs.DEFAULT_CAPACITY, 2, 1)) {
            first.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot, MAX_PARALLELISM, 1, 2, 0));
            second.initializeState(AbstractStreamOperatorTestHarness.repartitionOperatorState(snapshot, MAX_PARALLELISM, 1, 2, 1));
            first.open();
            second.open();
            CameraHarness.Harness[] subtasks = {first, second};
            TwoCameras.drive(new TwoCameras.Operator() {
                @Override
                public void frame(CameraFrame frame) throws Exception {
                    subtasks[owner(frame.camera(), 2)].processElement1(frame, frame.time());
                }

                @Override
                public void notice(CameraNotice notice, long time) throws Exception {
                    subtasks[owner(notice.camera(), 2)].processElement2(notice, time);
                }

                @Override
                public void watermark(long time) throws Exception {
                    for (CameraHarness.Harness subtask : subtasks) {
                        TwoCameras.into(subtask).watermark(time);
                    }
                }
            }, SNAPSHOT_AT + 500, TwoCameras.LAST);

            for (String camera : List.of(CAMERA, QUIET_CAMERA)) {
                CameraHarness.Harness ownerOf = subtasks[owner(camera, 2)];
                List<Action> expectedOfCamera = expected.stream().filter(a -> a.violation().camera().equals(camera)).toList();
                assertThat(expectedOfCamera).as(camera).isNotEmpty();
                assertThat(TwoCameras.actionsOf(ownerOf, camera)).as(camera).isEqualTo(expectedOfCamera);
            }
            assertThat(first.numEventTimeTimers() + second.numEventTimeTimers()).isZero();
        }
    }

    /**
     * A checkpoint of the build before {@code CameraInputSerializer} (c8d20a7: held inputs written by Flink's record
     * serializer, on the heap and spilled to RocksDB; taken by this class's cramped harness at {@code SNAPSHOT_AT})
     * restores through Flink's state migration, and the operator goes on to decide what it would have decided.
     */
    @Test
    void shouldRestoreTheHeldInputsOfACheckpointWrittenByTheBuildBeforeTheCameraInputSerializer() throws Exception {
        List<Action> expected = decidedAfterTheSnapshotUninterrupted();
        OperatorSubtaskState old = OperatorSnapshotUtil.readStateHandle(
                Path.of(getClass().getResource("/state/camera-operator-c8d20a7.snapshot").toURI()).toString());
        try (var restored = harness(HeldInputs.DEFAULT_CAPACITY, 1, 0)) {
            restored.initializeState(old);
            restored.open();
            assertThat(camerasWithSpilledInputs(restored)).as("the old checkpoint's spilled inputs").isEqualTo(2);

            TwoCameras.drive(TwoCameras.into(restored), SNAPSHOT_AT + 500, TwoCameras.LAST);

            assertThat(expected).extracting(a -> a.violation().status()).contains(ViolationStatus.RESOLVED_BY_WARNING, ViolationStatus.CLOSED);
            assertThat(restored.extractOutputValues()).isEqualTo(expected);
            assertThat(camerasWithSpilledInputs(restored)).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void shouldCheckpointASubtasksHeldInputsAsOneElement() throws Exception {
        try (var running = harness(HeldInputs.DEFAULT_CAPACITY, 1, 0)) {
            running.open();
            TwoCameras.drive(TwoCameras.into(running), T0, SNAPSHOT_AT);
            OperatorSubtaskState snapshot = running.snapshot(1, SNAPSHOT_AT);

            List<List<HeldInputs.Held>> elements = operatorState(snapshot, "held-inputs-by-subtask", new ListSerializer<>(HELD));
            assertThat(elements).hasSize(1);
            assertThat(elements.get(0)).as("frames ahead of the watermark").hasSizeGreaterThan(1)
                    .extracting(HeldInputs.Held::camera).containsOnly(CAMERA, QUIET_CAMERA);
            assertThat(operatorStateNames(snapshot)).doesNotContain("held-inputs");
        }
    }

    /**
     * A checkpoint of the build before the one-element form (7f9c086: one element an input; taken by this class's
     * roomy harness at {@code SNAPSHOT_AT}, all its held inputs on the heap): a restore takes them all, the next
     * checkpoint writes them as one element and leaves the old state empty, and the operator decides what an
     * uninterrupted run decides.
     */
    @Test
    void shouldCarryTheHeldInputsOfACheckpointWrittenOneElementAnInputIntoOne() throws Exception {
        List<Action> expected = decidedAfterTheSnapshotUninterrupted();
        OperatorSubtaskState old = OperatorSnapshotUtil.readStateHandle(
                Path.of(getClass().getResource("/state/camera-operator-7f9c086.snapshot").toURI()).toString());
        List<HeldInputs.Held> held = operatorState(old, "held-inputs", HELD);
        assertThat(held).as("the old checkpoint's inputs on the heap").hasSizeGreaterThan(1);
        try (var restored = harness(HeldInputs.DEFAULT_CAPACITY, 1, 0)) {
            restored.initializeState(old);
            restored.open();
            OperatorSubtaskState again = restored.snapshot(2, SNAPSHOT_AT);

            assertThat(operatorState(again, "held-inputs", HELD)).isEmpty();
            assertThat(operatorState(again, "held-inputs-by-subtask", new ListSerializer<>(HELD))).containsExactly(held);

            TwoCameras.drive(TwoCameras.into(restored), SNAPSHOT_AT + 500, TwoCameras.LAST);
            assertThat(restored.extractOutputValues()).isEqualTo(expected);
            assertThat(restored.numEventTimeTimers()).isZero();
        }
    }

    /** What a run without a restore decides after {@code SNAPSHOT_AT}. */
    private static List<Action> decidedAfterTheSnapshotUninterrupted() throws Exception {
        try (var running = harness(HeldInputs.DEFAULT_CAPACITY, 1, 0)) {
            running.open();
            TwoCameras.drive(TwoCameras.into(running), T0, SNAPSHOT_AT);
            int before = running.extractOutputValues().size();
            TwoCameras.drive(TwoCameras.into(running), SNAPSHOT_AT + 500, TwoCameras.LAST);
            return TwoCameras.after(running.extractOutputValues(), before);
        }
    }

    private static List<String> operatorStateNames(OperatorSubtaskState snapshot) {
        return snapshot.getManagedOperatorState().stream().flatMap(handle -> handle.getStateNameToPartitionOffsets().keySet().stream()).toList();
    }

    /** The elements a checkpoint wrote for the operator state {@code name}, read back with {@code serializer}. */
    private static <T> List<T> operatorState(OperatorSubtaskState snapshot, String name, TypeSerializer<T> serializer) throws Exception {
        List<T> elements = new ArrayList<>();
        for (OperatorStateHandle handle : snapshot.getManagedOperatorState()) {
            OperatorStateHandle.StateMetaInfo info = handle.getStateNameToPartitionOffsets().get(name);
            if (info == null) {
                continue;
            }
            try (FSDataInputStream in = handle.openInputStream()) {
                for (long offset : info.getOffsets()) {
                    in.seek(offset);
                    elements.add(serializer.deserialize(new DataInputViewStreamWrapper(in)));
                }
            }
        }
        return elements;
    }

    private static int owner(String camera, int parallelism) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(camera, MAX_PARALLELISM, parallelism);
    }

    private static CameraHarness.Harness harness(int heldCapacity, int parallelism, int subtask) throws Exception {
        var function = new CameraWatchFunction(TOWN, Duration.ofSeconds(1), CameraWatchFunction.DEFAULT_CACHED_TRACKS, heldCapacity, COMMAND_IDS);
        var harness = new CameraHarness.Harness(function, MAX_PARALLELISM, parallelism, subtask);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        return harness;
    }

    private static long camerasWithSpilledInputs(CameraHarness.Harness harness) {
        try (var keys = harness.getOperator().getKeyedStateBackend().getKeys("held-spilled", VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }
}
