package io.gridwarden.alerting.town;

import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventCodec;
import io.gridwarden.common.event.EventType;
import io.gridwarden.common.event.TownChange;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.RecordLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code gw.town.change} events of one version, one in every partition of the event log: each of the
 * jobs' decoders reads its own partitions only, and each switches at the change's place in them.
 */
public final class TownVersionEvents {

    /** The source of the events: {@code ops:<admin>}, like manual actions'. */
    static final String SOURCE_PREFIX = "ops:";

    private TownVersionEvents() {}

    public static List<LogEntry> of(RecordLog eventLog, TownChange change, Instant at) {
        List<LogEntry> entries = new ArrayList<>();
        keysForEveryPartition(eventLog).forEach((partition, key) -> {
            DeviceEvent event = new DeviceEvent("town-v" + change.version() + "-p" + partition, SOURCE_PREFIX + change.author(),
                    EventType.TOWN_CHANGE, at, at, change);
            entries.add(new LogEntry(key, event.dedupKey(), EventCodec.encode(event), at.toEpochMilli()));
        });
        return entries;
    }

    /** A partition key that lands in each partition (the log says where a key goes). */
    static Map<Integer, String> keysForEveryPartition(RecordLog log) {
        Map<Integer, String> keys = new LinkedHashMap<>();
        for (int i = 0; keys.size() < log.partitions() && i < 1_000_000; i++) {
            String key = "town-change-" + i;
            keys.putIfAbsent(log.partitionOf(key), key);
        }
        return keys;
    }
}
