package io.gridwarden.bench;

import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.detect.CameraTracks;
import io.gridwarden.jobs.detect.CameraWatch;
import io.gridwarden.jobs.detect.DwellTracker;
import io.gridwarden.jobs.model.CameraFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The detection hot path: one camera frame through {@link CameraWatch#onFrame} (zone membership,
 * label and confidence checks, dwell tracking) for the demo town's cam-0003, which watches two zones.
 * The score is frames (events) per second on one thread; Flink's state access is not included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DetectionBenchmark {

    /** Objects per frame: a quiet street, a busy one. */
    @Param({"1", "8"})
    public int objects;

    private CameraWatch watch;
    private final CameraTracks tracks = new CameraTracks();
    private List<DetectedObject> seen;
    private long time = Instant.parse("2026-11-25T04:00:00Z").toEpochMilli(); // noon in the town: every rule active

    @Setup
    public void setUp() {
        Town town = Town.demo();
        watch = new CameraWatch(town.zoneRules("cam-0003"), new DwellTracker(DwellTracker.ABSENCE_TIMEOUT), town.timezone(), CommandIds.random());
        seen = new ArrayList<>();
        for (int i = 0; i < objects; i++) {
            String label = i % 2 == 0 ? "vendor_cart" : "car";
            double x = 0.05 + 0.1 * (i % 8);
            seen.add(new DetectedObject("t-" + i, label, 0.9, new Box(x, i % 2 == 0 ? 0.6 : 0.2, 0.05, 0.2)));
        }
    }

    @Benchmark
    public Object frame() {
        time += 250; // four frames a second
        return watch.onFrame(tracks, new CameraFrame("cam-0003", time, null, seen));
    }
}
