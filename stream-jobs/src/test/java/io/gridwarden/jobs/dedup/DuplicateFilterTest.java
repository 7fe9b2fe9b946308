package io.gridwarden.jobs.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The job's own (source, id) de-duplication, for logs that several ingest instances append to. */
class DuplicateFilterTest {

    private static final Duration WINDOW = Duration.ofHours(25);

    private static KeyedOneInputStreamOperatorTestHarness<String, LogRecord, LogRecord> harness() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new DuplicateFilter(WINDOW)),
                (LogRecord r) -> EventIds.sourceOf(r.payload()), Types.STRING);
        harness.open();
        return harness;
    }

    private static LogRecord event(long offset, String source, String id) {
        String json = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"" + source
                + "\",\"type\":\"gw.heartbeat\",\"time\":\"2026-11-22T08:00:00Z\",\"data\":{}}";
        return new LogRecord(0, offset, 1_000 + offset, json.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Long> offsets(KeyedOneInputStreamOperatorTestHarness<String, LogRecord, LogRecord> harness) {
        return harness.extractOutputValues().stream().map(LogRecord::offset).toList();
    }

    @Test
    void shouldDropARepeatedIdOfTheSameDeviceOnly() throws Exception {
        try (var harness = harness()) {
            harness.processElement(event(0, "cam-0001", "e-1"), 0);
            harness.processElement(event(1, "cam-0001", "e-1"), 0); // re-sent to another ingest instance
            harness.processElement(event(2, "cam-0002", "e-1"), 0); // another device may use the same id
            harness.processElement(event(3, "cam-0001", "e-2"), 0);

            assertThat(offsets(harness)).containsExactly(0L, 2L, 3L);
        }
    }

    @Test
    void shouldForgetAnIdOnceTheWindowHasPassed() throws Exception {
        try (var harness = harness()) {
            harness.setStateTtlProcessingTime(0);
            harness.processElement(event(0, "cam-0001", "e-1"), 0);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

            harness.setStateTtlProcessingTime(WINDOW.toMillis() + 1);
            harness.processElement(event(1, "cam-0001", "e-1"), 0);

            assertThat(offsets(harness)).containsExactly(0L, 1L);
        }
    }

    @Test
    void shouldPassRecordsItCannotNameForTheDecoderToReport() throws Exception {
        try (var harness = harness()) {
            LogRecord garbage = new LogRecord(0, 0, 1_000, "not json".getBytes(StandardCharsets.UTF_8));
            harness.processElement(garbage, 0);
            harness.processElement(garbage, 0);

            assertThat(offsets(harness)).containsExactly(0L, 0L);
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void shouldReadSourceAndIdWithoutTheFullDecode() {
        byte[] payload = "{\"data\":{\"id\":\"inner\",\"source\":\"x\"},\"id\":\"e-9\",\"source\":\"wl-01\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(EventIds.sourceOf(payload)).isEqualTo("wl-01");
        assertThat(EventIds.idOf(payload)).isEqualTo("e-9");
        assertThat(EventIds.idOf("{\"id\":7}".getBytes(StandardCharsets.UTF_8))).isEqualTo(EventIds.UNREADABLE);
    }
}
