package io.gridwarden.suite.rules;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.town.Town;
import io.gridwarden.jobs.detect.CameraTracks;
import io.gridwarden.jobs.detect.CameraWatch;
import io.gridwarden.jobs.detect.DwellTracker;
import io.gridwarden.jobs.model.CameraFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * gridwarden's detection ({@link CameraWatch}) over a frame stream in one thread, as the Flink
 * operator drives it but with the watermark equal to the frames' time: per camera, the tracks map and
 * the due timers; timers due by a frame fire before it. Collects the violations detected.
 */
public final class OurDetection implements DwellRunner {

    private final Town town;

    public OurDetection(Town town) {
        this.town = town;
    }

    @Override
    public String name() {
        return "gridwarden CameraWatch";
    }

    @Override
    public List<String> violations(List<CameraFrame> frames) {
        DwellTracker tracker = new DwellTracker(DwellTracker.ABSENCE_TIMEOUT);
        Map<String, Camera> cameras = new HashMap<>();
        List<String> violations = new ArrayList<>();
        for (CameraFrame frame : frames) {
            Camera camera = cameras.computeIfAbsent(frame.camera(), c -> new Camera(new CameraWatch(town.zoneRules(c), tracker, town.timezone(), CommandIds.random())));
            camera.fireUntil(frame.time(), violations);
            camera.timers.addAll(camera.watch.onFrame(camera.tracks, frame));
        }
        for (Camera camera : cameras.values()) {
            camera.fireUntil(Long.MAX_VALUE, violations);
        }
        return violations;
    }

    /** One camera's keyed state: its tracks and its pending event-time timers. */
    private static final class Camera {
        final CameraWatch watch;
        final CameraTracks tracks = new CameraTracks();
        final TreeSet<Long> timers = new TreeSet<>();

        Camera(CameraWatch watch) {
            this.watch = watch;
        }

        void fireUntil(long time, List<String> detected) {
            while (!timers.isEmpty() && timers.first() <= time) {
                CameraWatch.Outcome outcome = watch.onTime(tracks, timers.pollFirst());
                timers.addAll(outcome.timers());
                for (Action action : outcome.actions()) {
                    if (action.kind() == Action.Kind.VIOLATION_UPDATE && action.violation().status() == ViolationStatus.DETECTED) {
                        detected.add(action.violation().camera() + "|" + action.violation().zone() + "|" + action.violation().track());
                    }
                }
            }
        }
    }
}
