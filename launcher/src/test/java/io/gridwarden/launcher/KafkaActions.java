package io.gridwarden.launcher;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.log.kafka.KafkaLogSpec;
import io.gridwarden.log.kafka.KafkaRecordLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The job's side of the actions topic, for the tests: actions appended as the job writes them (key = action id). */
final class KafkaActions implements AutoCloseable {

    static final String CAMERA = "cam-0001";
    private final KafkaRecordLog log;

    KafkaActions(String bootstrap, String topic) {
        this.log = KafkaRecordLog.open(KafkaLogSpec.of(bootstrap, topic, 1, "test-job").withTransactionalId("test-job." + topic));
    }

    /** A parking violation of the demo's cam-0001 on track {@code track}, warned. */
    static Violation warned(String track) {
        Instant seen = Instant.parse("2026-12-04T08:00:00Z");
        return new Violation(ActionIds.violation(CAMERA, "z-parking", track, seen), "illegal_parking", ViolationStatus.WARNED, CAMERA, null,
                "z-parking", "hecun", "hecun-g02", track, "car", 28.7405, 118.586, seen, seen.plusSeconds(60), null, null, null,
                seen.plusSeconds(60), "test");
    }

    /** The violation's update and its voice warning to the camera (no deadline: handed over once, never sent again). */
    static List<Action> warning(Violation violation) {
        Command command = new Command("cmd-" + violation.track(), Command.VOICE_WARNING, violation.id(), "请立即驶离。", "illegal_parking", 1,
                Instant.now(), null, null, null, null, null, null, null, null);
        return List.of(Action.update(violation), Action.command(violation, CAMERA, command));
    }

    void append(List<Action> actions) throws Exception {
        log.append(actions.stream().map(a -> new LogEntry(a.id(), a.id(), ActionCodec.encode(a))).toList())
                .get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        log.close();
    }
}
