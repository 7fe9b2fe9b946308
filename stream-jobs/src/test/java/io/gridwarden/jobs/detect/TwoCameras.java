package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.CAMERA;
import static io.gridwarden.jobs.JobFixtures.QUIET_CAMERA;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.frame;
import static io.gridwarden.jobs.JobFixtures.parkedCar;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.CameraNotice;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.OperatorAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Two cameras taking turns, for tests that compare runs of the camera operator. On {@code CAMERA}, t-1
 * stays 6 s (warned, then dispatched) and t-2 stays 2.5 s (warned, then closed by a dispatcher); on
 * {@code QUIET_CAMERA}, t-9 stays 2.5 s (warned, then resolved by the warning). A frame of each every
 * half second, a watermark half a second behind every second, so the operator always holds inputs.
 */
final class TwoCameras {

    static final long LAST = T0 + 12_000;

    private TwoCameras() {}

    /** Where the inputs go: one harness, or the subtask that owns each camera. */
    interface Operator {
        void frame(CameraFrame frame) throws Exception;

        void notice(CameraNotice notice, long time) throws Exception;

        void watermark(long time) throws Exception;
    }

    static Operator into(CameraHarness.Harness harness) {
        return new Operator() {
            @Override
            public void frame(CameraFrame frame) throws Exception {
                harness.processElement1(frame, frame.time());
            }

            @Override
            public void notice(CameraNotice notice, long time) throws Exception {
                harness.processElement2(notice, time);
            }

            @Override
            public void watermark(long time) throws Exception {
                harness.processBothWatermarks(new Watermark(time));
            }
        };
    }

    /** The frames, the dispatcher's close and the watermarks of {@code from} to {@code to}; at {@link #LAST}, a watermark far on. */
    static void drive(Operator operator, long from, long to) throws Exception {
        for (long t = from; t <= to; t += 500) {
            List<DetectedObject> here = new ArrayList<>();
            if (t <= T0 + 6_000) {
                here.add(parkedCar("t-1"));
            }
            if (t >= T0 + 1_000 && t <= T0 + 3_500) {
                here.add(parkedCar("t-2"));
            }
            operator.frame(frame(CAMERA, t, here.toArray(DetectedObject[]::new)));
            DetectedObject[] quiet = t <= T0 + 2_500 ? new DetectedObject[] {parkedCar("t-9")} : new DetectedObject[0];
            operator.frame(frame(QUIET_CAMERA, t, quiet));
            if (t == T0 + 4_500) {
                String violation = ActionIds.violation(CAMERA, "z-parking", "t-2", Instant.ofEpochMilli(T0 + 1_000));
                operator.notice(CameraNotice.of(OperatorAction.close(violation, CAMERA, t, "false alarm", "demo-admin")), t);
            }
            if (t % 1_000 == 0) {
                operator.watermark(t - 500);
            }
        }
        if (to == LAST) {
            operator.watermark(LAST + 10_000);
        }
    }

    static List<DispatchRequest> dispatches(CameraHarness.Harness harness) {
        var side = harness.getSideOutput(CameraWatchFunction.DISPATCHES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    /** The actions about {@code camera}'s violations, in the order the operator wrote them. */
    static List<Action> actionsOf(CameraHarness.Harness harness, String camera) {
        return harness.extractOutputValues().stream().filter(a -> a.violation().camera().equals(camera)).toList();
    }

    static <T> List<T> after(List<T> all, int from) {
        return List.copyOf(all.subList(from, all.size()));
    }
}
