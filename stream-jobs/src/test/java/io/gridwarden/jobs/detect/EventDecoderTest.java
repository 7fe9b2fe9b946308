package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.CAMERA;
import static io.gridwarden.jobs.JobFixtures.T0;
import static io.gridwarden.jobs.JobFixtures.TOWN;
import static io.gridwarden.jobs.JobFixtures.parkedCar;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.CommandAck;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.EventData;
import io.gridwarden.common.event.EventType;
import io.gridwarden.common.event.ManualAssign;
import io.gridwarden.common.event.ManualClose;
import io.gridwarden.common.event.Reading;
import io.gridwarden.common.event.StoredForm;
import io.gridwarden.common.event.OfficerStatus.Availability;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.jobs.LogFixtures;
import io.gridwarden.jobs.model.BadRecord;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.DeviceAck;
import io.gridwarden.jobs.model.LateEvent;
import io.gridwarden.jobs.model.OfficerUpdate;
import io.gridwarden.jobs.model.OperatorAction;
import io.gridwarden.jobs.model.SensorReading;
import io.gridwarden.jobs.source.Ticks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

    private OneInputStreamOperatorTestHarness<LogRecord, CameraFrame> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forProcessFunction(new EventDecoder(TOWN));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldTurnDetectionsIntoFramesAndDropTicks() throws Exception {
        harness.processElement(record(0, EventCodec.encode(LogFixtures.detection(CAMERA, T0, parkedCar("t-1")))), T0);
        harness.processElement(Ticks.tick(0, T0 + 100), T0 + 100);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(frame -> {
            assertThat(frame.camera()).isEqualTo(CAMERA);
            assertThat(frame.time()).isEqualTo(T0);
            assertThat(frame.objects()).containsExactly(parkedCar("t-1"));
        });
    }

    @Test
    void shouldReadAnEventStoredCompactAsTheSameEventStoredAsJson() throws Exception {
        DeviceEvent frame = LogFixtures.detection(CAMERA, T0, parkedCar("t-1"), parkedCar("t-2"));
        harness.processElement(record(0, StoredForm.JSON.encode(frame)), T0);
        harness.processElement(record(0, StoredForm.COMPACT.encode(frame)), T0);
        byte[] damaged = StoredForm.COMPACT.encode(frame);
        harness.processElement(record(3, java.util.Arrays.copyOf(damaged, damaged.length - 1)), T0);

        assertThat(harness.extractOutputValues()).hasSize(2).allSatisfy(f -> assertThat(f).isEqualTo(harness.extractOutputValues().get(0)));
        assertThat(harness.extractOutputValues().get(0).objects()).containsExactly(parkedCar("t-1"), parkedCar("t-2"));
        assertThat(harness.getSideOutput(EventDecoder.BAD_RECORDS)).extracting(StreamRecord::getValue)
                .singleElement().satisfies(bad -> assertThat(bad.partition()).isEqualTo(3));
    }

    @Test
    void shouldSendOfficerReportsWithTheirUnitToTheSideOutput() throws Exception {
        harness.processElement(record(1, EventCodec.encode(LogFixtures.officerStatus("off-21", T0, 28.76, 118.6))), T0);

        assertThat(split(EventDecoder.OFFICERS)).containsExactly(new OfficerUpdate("off-21", "tanshi", T0, 28.76, 118.6, Availability.AVAILABLE));
    }

    @Test
    void shouldRouteUnreadableRecordsToTheBadRecordsOutputWithoutFailing() throws Exception {
        harness.processElement(record(2, "{\"not\": \"an event\"}".getBytes(StandardCharsets.UTF_8)), T0);
        harness.processElement(record(2, EventCodec.encode(LogFixtures.officerStatus("cam-0001", T0, 1, 1))), T0);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.getSideOutput(EventDecoder.BAD_RECORDS)).extracting(StreamRecord::getValue)
                .extracting(BadRecord::partition).containsExactly(2, 2);
    }

    @Test
    void shouldReportEventsBehindTheWatermarkAsLateAndStillProcessThem() throws Exception {
        harness.processWatermark(T0 + 10_000);
        harness.processElement(record(0, EventCodec.encode(LogFixtures.detection(CAMERA, T0, parkedCar("t-1")))), T0);
        harness.processElement(record(0, EventCodec.encode(LogFixtures.detection(CAMERA, T0 + 20_000, parkedCar("t-1")))), T0 + 20_000);

        assertThat(harness.getSideOutput(EventDecoder.LATE_EVENTS)).extracting(StreamRecord::getValue)
                .containsExactly(new LateEvent(CAMERA, CAMERA + "-" + T0, T0, T0 + 10_000));
        assertThat(harness.extractOutputValues()).hasSize(2);
    }

    @Test
    void shouldRouteReadingsAcksAndDispatchersActionsToTheirOutputs() throws Exception {
        harness.processElement(record(0, EventCodec.encode(event("wl-01", EventType.READING, new Reading("water_level_m", 3.7)))), T0);
        harness.processElement(record(0, EventCodec.encode(event("cam-9999", EventType.READING, new Reading("water_level_m", 3.7)))), T0);
        harness.processElement(record(0, EventCodec.encode(event("off-01", EventType.COMMAND_ACK, new CommandAck("cmd-1", "accepted", null)))), T0);
        harness.processElement(record(0, EventCodec.encode(event(CAMERA, EventType.OPS_CLOSE, new ManualClose("vio-1", CAMERA, "duplicate", "demo-admin")))), T0);
        harness.processElement(record(0, EventCodec.encode(event(CAMERA, EventType.OPS_ASSIGN, new ManualAssign("vio-1", CAMERA, "off-02", "demo-admin")))), T0);

        assertThat(harness.getSideOutput(EventDecoder.READINGS)).extracting(StreamRecord::getValue)
                .containsExactly(new SensorReading("wl-01", T0, "water_level_m", 3.7));
        assertThat(harness.getSideOutput(EventDecoder.BAD_RECORDS)).hasSize(1);
        assertThat(split(EventDecoder.ACKS)).containsExactly(new DeviceAck("off-01", T0, "cmd-1", "accepted", null));
        assertThat(split(EventDecoder.OPERATIONS)).containsExactly(
                OperatorAction.close("vio-1", CAMERA, T0, "duplicate", "demo-admin"),
                OperatorAction.assign("vio-1", CAMERA, T0, "off-02", "demo-admin"));
    }

    /** What the job hands on of the decoder's rarer kinds ({@code OTHERS}, through {@code SplitOthers}) to {@code tag}. */
    private <T> List<T> split(OutputTag<T> tag) throws Exception {
        var split = ProcessFunctionTestHarnesses.forProcessFunction(new EventDecoder.SplitOthers());
        for (StreamRecord<EventDecoder.Other> other : harness.getSideOutput(EventDecoder.OTHERS)) {
            split.processElement(other.getValue(), other.getTimestamp());
        }
        var out = split.getSideOutput(tag);
        assertThat(split.extractOutputValues()).as("the split's main output").isEmpty();
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    private static DeviceEvent event(String source, EventType type, EventData data) {
        return new DeviceEvent(source + "-" + type.wireName(), source, type, Instant.ofEpochMilli(T0), null, data);
    }

    private static LogRecord record(int partition, byte[] payload) {
        return new LogRecord(partition, 0, T0, payload);
    }
}
