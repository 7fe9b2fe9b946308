package io.gridwarden.jobs.detect;

import io.gridwarden.jobs.model.CameraInput;
import io.gridwarden.jobs.state.ImmutableValueSerializer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

/**
 * The cameras' inputs held by event time until the watermark passes them, so that the camera
 * operator applies them in the order of their times whatever order they arrived in and however far
 * the source read ahead of the watermark (the operator sets an event-time timer per held instant and
 * {@link #take}s that instant's inputs when it fires).
 *
 * <p><b>On the heap, checkpointed.</b> Held inputs live a few hundred milliseconds (the source's
 * read-ahead), so they are kept in memory, all cameras of the subtask together, and written to
 * operator state at each checkpoint ({@link #snapshot}); after a restore or a rescale each subtask
 * keeps the ones of the cameras it now owns. Keyed state would cost a write, a read and a delete in
 * RocksDB per frame, which took the operator from about 550,000 busy frames a second to 17,600.
 *
 * <p><b>One element a subtask.</b> Flink writes an operator list state element by element and records
 * each element's offset: it flushes the checkpoint stream for each (a write to the file) and carries
 * every offset in the checkpoint's metadata. A subtask's held inputs are therefore one element, the
 * whole list (at 100,000 events/s some 25,000 inputs a checkpoint were as many writes and offsets).
 *
 * <p><b>Bounded.</b> Beyond {@code capacity} (a frame weighs one plus its objects) a camera's inputs
 * spill to keyed state, and keep spilling until it has none left there, so a stalled watermark costs
 * disk rather than heap. The heap inputs of a camera are then always older than its spilled ones,
 * which keeps each instant's inputs in arrival order (one upstream channel replays in log order).
 */
final class HeldInputs {

    /** One held input as checkpointed: its camera, its instant and the input. */
    public record Held(String camera, long time, CameraInput input) {}

    /** Held inputs a subtask keeps on the heap by default (a frame weighs one plus its objects). */
    static final int DEFAULT_CAPACITY = 200_000;

    /** The state builds before the one-element form wrote, one element an input: read on restore, then emptied. */
    private static final String ON_HEAP_EACH = "held-inputs";
    private static final String ON_HEAP = "held-inputs-by-subtask";
    private static final TypeInformation<Held> HELD = TypeInformation.of(Held.class);
    private static final ListStateDescriptor<String> SPILLING = new ListStateDescriptor<>("held-spilling-cameras", Types.STRING);

    private final int capacity;
    private final Map<String, Map<Long, List<CameraInput>>> onHeap = new HashMap<>();
    private final Set<String> spilling = new HashSet<>();
    private long weight;
    private ListState<List<Held>> heapState;
    private ListState<String> spillingState;
    private MapState<Long, List<CameraInput>> spilled;

    HeldInputs(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("held inputs need room for at least one input, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** The keyed state spilled inputs go to: the operator's, scoped to the current camera. */
    static MapStateDescriptor<Long, List<CameraInput>> spilledState() {
        return new MapStateDescriptor<>("held-spilled", Types.LONG,
                Types.LIST(TypeInformation.of(CameraInput.class)));
    }

    /**
     * Restores the inputs a checkpoint held for the cameras this subtask owns ({@code runtime}: its place and
     * serializer configuration). A checkpoint copies the held inputs by reference ({@link ImmutableValueSerializer}):
     * a copy of each, on the task's thread, held the warnings due meanwhile.
     */
    void restore(FunctionInitializationContext context, RuntimeContext runtime) throws Exception {
        TaskInfo task = runtime.getTaskInfo();
        TypeSerializer<Held> heldSerializer = runtime.createSerializer(HELD);
        heapState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>(ON_HEAP, new ImmutableValueSerializer<>(new ListSerializer<>(heldSerializer))));
        for (List<Held> subtaskHeld : heapState.get()) {
            restore(task, subtaskHeld);
        }
        if (context.getOperatorStateStore().getRegisteredStateNames().contains(ON_HEAP_EACH)) {
            ListState<Held> each = context.getOperatorStateStore().getUnionListState(
                    new ListStateDescriptor<>(ON_HEAP_EACH, new ImmutableValueSerializer<>(heldSerializer)));
            restore(task, each.get());
            each.clear();
        }
        spillingState = context.getOperatorStateStore().getUnionListState(SPILLING);
        for (String camera : spillingState.get()) {
            if (owns(task, camera)) {
                spilling.add(camera);
            }
        }
    }

    private void restore(TaskInfo task, Iterable<Held> checkpointed) {
        for (Held held : checkpointed) {
            if (owns(task, held.camera())) {
                onHeap(held.camera(), held.time()).add(held.input());
                weight += weight(held.input());
            }
        }
    }

    void use(MapState<Long, List<CameraInput>> spilledState) {
        this.spilled = spilledState;
    }

    /** Writes what the heap holds to operator state; called at each checkpoint. */
    void snapshot() throws Exception {
        List<Held> all = new ArrayList<>();
        onHeap.forEach((camera, byTime) -> byTime.forEach((time, inputs) -> inputs.forEach(input -> all.add(new Held(camera, time, input)))));
        heapState.update(all.isEmpty() ? List.of() : List.of(all));
        spillingState.update(new ArrayList<>(spilling));
    }

    /** Holds {@code input} of {@code camera} (the current key) for {@code time}. */
    void hold(String camera, long time, CameraInput input) throws Exception {
        int w = weight(input);
        if (spilling.contains(camera) || weight + w > capacity) {
            List<CameraInput> atTime = spilled.get(time);
            List<CameraInput> next = atTime == null ? new ArrayList<>(1) : new ArrayList<>(atTime);
            next.add(input);
            spilled.put(time, next);
            spilling.add(camera);
            return;
        }
        onHeap(camera, time).add(input);
        weight += w;
    }

    /** The inputs of {@code camera} (the current key) held for {@code time}, in arrival order, no longer held. */
    List<CameraInput> take(String camera, long time) throws Exception {
        List<CameraInput> taken = List.of();
        Map<Long, List<CameraInput>> byTime = onHeap.get(camera);
        if (byTime != null) {
            List<CameraInput> atTime = byTime.remove(time);
            if (atTime != null) {
                atTime.forEach(input -> weight -= weight(input));
                taken = atTime;
            }
            if (byTime.isEmpty()) {
                onHeap.remove(camera);
            }
        }
        if (spilling.contains(camera)) {
            List<CameraInput> atTime = spilled.get(time);
            if (atTime != null) {
                spilled.remove(time);
                List<CameraInput> both = new ArrayList<>(taken);
                both.addAll(atTime);
                taken = both;
            }
            if (spilled.isEmpty()) {
                spilling.remove(camera);
            }
        }
        return taken;
    }

    /** The weight of what the heap holds now. */
    long weight() {
        return weight;
    }

    /** How many cameras have inputs spilled to keyed state now. */
    int spillingCameras() {
        return spilling.size();
    }

    private List<CameraInput> onHeap(String camera, long time) {
        return onHeap.computeIfAbsent(camera, c -> new HashMap<>()).computeIfAbsent(time, t -> new ArrayList<>(1));
    }

    private static int weight(CameraInput input) {
        return input.frame() == null ? 1 : 1 + input.frame().objects().size();
    }

    private static boolean owns(TaskInfo task, String camera) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(camera, task.getMaxNumberOfParallelSubtasks(),
                task.getNumberOfParallelSubtasks()) == task.getIndexOfThisSubtask();
    }
}
