package io.gridwarden.jobs.dedup;

import io.gridwarden.common.log.LogRecord;
import io.gridwarden.jobs.metrics.ExportedName;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Drops a device's repeated events, keyed by device ({@code source}): the exact (source, id)
 * de-duplication of a scale-out deployment, where several ingest instances append to Kafka and none
 * of them sees every event. The embedded log de-duplicates at ingest and needs no such step.
 *
 * <p>Keyed by device rather than by (source, id) so a device's events stay in order on their way to
 * detection. Each id is remembered for {@code window} (25 h by default, as at ingest) through
 * Flink's state TTL, which RocksDB's compaction filter cleans up at no write cost; the ids are part
 * of the checkpoint, so a replay after a failure drops exactly what the first run dropped.
 */
public final class DuplicateFilter extends KeyedProcessFunction<String, LogRecord, LogRecord> {

    public static final Duration DEFAULT_WINDOW = Duration.ofHours(25);

    private final Duration window;
    private transient MapState<String, Long> seen;
    private transient Counter duplicates;

    public DuplicateFilter(Duration window) {
        this.window = window;
    }

    @Override
    public void open(OpenContext context) {
        var descriptor = new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.LONG);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(window)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupInRocksdbCompactFilter(1000)
                .build());
        seen = getRuntimeContext().getMapState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().addGroup(ExportedName.GROUP).counter("duplicateEvents");
    }

    @Override
    public void processElement(LogRecord record, Context ctx, Collector<LogRecord> out) throws Exception {
        String id = EventIds.idOf(record.payload());
        if (EventIds.UNREADABLE.equals(ctx.getCurrentKey()) || EventIds.UNREADABLE.equals(id)) {
            out.collect(record); // not an event we can name: the decoder reports it
            return;
        }
        if (seen.contains(id)) {
            duplicates.inc();
            return;
        }
        seen.put(id, record.appendTimeMillis());
        out.collect(record);
    }
}
