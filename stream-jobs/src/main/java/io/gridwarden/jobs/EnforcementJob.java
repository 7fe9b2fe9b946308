package io.gridwarden.jobs;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.jobs.assign.AssignmentFunction;
import io.gridwarden.jobs.detect.CameraWatchFunction;
import io.gridwarden.jobs.detect.DwellTracker;
import io.gridwarden.jobs.detect.EventDecoder;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.OfficerUpdate;
import io.gridwarden.jobs.source.LogClockWatermarks;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The enforcement job: event log → decode → per-camera dwell detection and escalation → nearest
 * officer → action log.
 *
 * <p>This class only wires; the production runner and the tests both call {@link #build}, so the
 * tests run the real topology. The uids are part of the savepoint format: never change them.
 */
public final class EnforcementJob {

    private EnforcementJob() {}

    /** Builds the topology with the default flicker tolerance ({@link DwellTracker#ABSENCE_TIMEOUT}). */
    public static void build(StreamExecutionEnvironment env, Source<LogRecord, ?, ?> events, Sink<Action> actions,
            String townLocation, Duration maxDeviceDelay) {
        build(env, events, actions, townLocation, maxDeviceDelay, DwellTracker.ABSENCE_TIMEOUT);
    }

    /** Builds the topology; {@code absenceTimeout} is how long frames must miss an object before it has gone. */
    static void build(StreamExecutionEnvironment env, Source<LogRecord, ?, ?> events, Sink<Action> actions,
            String townLocation, Duration maxDeviceDelay, Duration absenceTimeout) {
        SingleOutputStreamOperator<CameraFrame> frames = env
                .fromSource(events, new LogClockWatermarks(maxDeviceDelay), "event-log").uid("event-log-source")
                .process(new EventDecoder(townLocation)).name("decode-events").uid("decode-events");
        DataStream<OfficerUpdate> officers = frames.getSideOutput(EventDecoder.OFFICERS);

        SingleOutputStreamOperator<Action> detected = frames
                .keyBy(CameraFrame::camera)
                .process(new CameraWatchFunction(townLocation, absenceTimeout)).name("detect-and-escalate").uid("detect-and-escalate");
        DataStream<DispatchRequest> dispatches = detected.getSideOutput(CameraWatchFunction.DISPATCHES);

        SingleOutputStreamOperator<Action> assigned = dispatches.keyBy(r -> AssignmentFunction.ALL)
                .connect(officers.keyBy(o -> AssignmentFunction.ALL))
                .process(new AssignmentFunction(townLocation)).name("assign-officer").uid("assign-officer");

        detected.union(assigned)
                .sinkTo(actions).name("action-log").uid("action-log-sink");
    }
}
