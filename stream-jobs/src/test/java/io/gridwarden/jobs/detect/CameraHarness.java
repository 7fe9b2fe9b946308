package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;

import io.gridwarden.common.action.Action;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.CameraInput;
import io.gridwarden.jobs.model.CameraNotice;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.TownVersion;
import io.gridwarden.jobs.town.TownTimeline;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;

/**
 * The camera operator in a test harness: frames ({@link Harness#processElement1}) and notices
 * ({@link Harness#processElement2}) on its keyed input, town versions on its broadcast input
 * ({@link Harness#processTownVersion}), a 1 s absence timeout.
 */
final class CameraHarness {

    private CameraHarness() {}

    /** The operator with the camera's two kinds of input as the tests send them. */
    static final class Harness extends KeyedTwoInputStreamOperatorTestHarness<String, CameraInput, TownVersion, Action> {
        Harness(CameraWatchFunction function) throws Exception {
            super(new CoBroadcastWithKeyedOperator<>(function, List.of(TownTimeline.VERSIONS)), CameraInput::camera, v -> "", Types.STRING);
        }

        /** Subtask {@code subtask} of {@code parallelism}: it takes only the cameras of its key groups. */
        Harness(CameraWatchFunction function, int maxParallelism, int parallelism, int subtask) throws Exception {
            super(new CoBroadcastWithKeyedOperator<>(function, List.of(TownTimeline.VERSIONS)), CameraInput::camera, v -> "", Types.STRING,
                    maxParallelism, parallelism, subtask);
        }

        void processElement1(CameraFrame frame, long timestamp) throws Exception {
            processElement1(CameraInput.of(frame), timestamp);
        }

        void processElement2(CameraNotice notice, long timestamp) throws Exception {
            processElement1(CameraInput.of(notice), timestamp);
        }

        void processTownVersion(TownVersion version) throws Exception {
            processElement2(version, version.effectiveAt());
        }
    }

    static Harness open(String town) throws Exception {
        var harness = new Harness(new CameraWatchFunction(town, Duration.ofSeconds(1), COMMAND_IDS));
        harness.open();
        return harness;
    }

    /** The requests for an officer the operator has made so far. */
    static List<DispatchRequest> dispatches(Harness harness) {
        var side = harness.getSideOutput(CameraWatchFunction.DISPATCHES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }
}
