package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;

import io.gridwarden.common.action.Action;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.CameraNotice;
import io.gridwarden.jobs.model.DispatchRequest;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/** The camera operator in a test harness: frames keyed by camera, notices by their camera, a 1 s absence timeout. */
final class CameraHarness {

    private CameraHarness() {}

    static KeyedTwoInputStreamOperatorTestHarness<String, CameraFrame, CameraNotice, Action> open(String town) throws Exception {
        var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new CameraWatchFunction(town, Duration.ofSeconds(1), COMMAND_IDS)), CameraFrame::camera,
                CameraNotice::camera, Types.STRING);
        harness.open();
        return harness;
    }

    /** The requests for an officer the operator has made so far. */
    static List<DispatchRequest> dispatches(KeyedTwoInputStreamOperatorTestHarness<String, CameraFrame, CameraNotice, Action> harness) {
        var side = harness.getSideOutput(CameraWatchFunction.DISPATCHES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }
}
