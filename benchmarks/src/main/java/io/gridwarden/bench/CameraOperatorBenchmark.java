package io.gridwarden.bench;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.detect.CameraWatchFunction;
import io.gridwarden.jobs.detect.DwellTracker;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.CameraInput;
import io.gridwarden.jobs.model.TownVersion;
import io.gridwarden.jobs.town.TownTimeline;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The camera operator as the job runs it: {@link CameraWatchFunction} with its keyed state in RocksDB
 * (Flink's operator test harness), frames on the first input and, every second of event time, a
 * watermark two seconds behind (the job's {@code maxDeviceDelay}) that fires the due timers.
 * The score is frames per second on one thread, state access, timers and (de)serialisation included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CameraOperatorBenchmark {

    private static final long MAX_DEVICE_DELAY_MILLIS = 2_000;

    /** {@code busy}: 300 frames/s, hundreds of live tracks; {@code street}: 4 frames/s, up to three parked cars. */
    @Param({"busy", "street"})
    public String traffic;

    /** Where Flink keeps the operator's timers: in RocksDB (Flink's default) or on the heap. */
    @Param({"rocksdb", "heap"})
    public String timers;

    private KeyedTwoInputStreamOperatorTestHarness<String, CameraInput, TownVersion, Action> harness;
    private CameraTraffic frames;
    private long frameCount;

    @Setup(Level.Trial)
    public void open() throws Exception {
        frames = "busy".equals(traffic) ? CameraTraffic.busy() : CameraTraffic.street();
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new CameraWatchFunction(Town.DEMO, DwellTracker.ABSENCE_TIMEOUT, CommandIds.random()),
                        List.of(TownTimeline.VERSIONS)),
                CameraInput::camera, version -> "", Types.STRING);
        EmbeddedRocksDBStateBackend backend = new EmbeddedRocksDBStateBackend();
        if ("heap".equals(timers)) {
            backend.setPriorityQueueStateType(EmbeddedRocksDBStateBackend.PriorityQueueStateType.HEAP);
        }
        harness.setStateBackend(backend);
        harness.open();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        harness.close();
    }

    @Benchmark
    public void frame() throws Exception {
        CameraFrame frame = frames.next();
        harness.processElement1(CameraInput.of(frame), frame.time());
        if (++frameCount % frames.framesPerSecond() == 0) {
            harness.processBothWatermarks(new Watermark(frame.time() - MAX_DEVICE_DELAY_MILLIS));
            harness.getOutput().clear(); // the harness keeps every output: drop it, or the heap fills up
            var dispatches = harness.getSideOutput(CameraWatchFunction.DISPATCHES);
            if (dispatches != null) {
                dispatches.clear();
            }
        }
    }
}
