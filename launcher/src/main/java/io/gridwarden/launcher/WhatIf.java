package io.gridwarden.launcher;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import io.gridwarden.common.replay.ActionTime;
import io.gridwarden.common.replay.WhatIfReport;
import io.gridwarden.jobs.ReplayJob;
import io.gridwarden.jobs.ReplaySettings;
import io.gridwarden.log.rocksdb.LogRegistry;
import io.gridwarden.log.rocksdb.LogSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A what-if over a data directory: the live action log's decisions of the window beside a replay of the
 * stored events through a candidate town file. Both logs are only read ({@link LogRegistry#acquireForReading}):
 * in the process that runs gridwarden through its own handles, from another process through a read-only view,
 * so a running {@code gridwarden run} is not disturbed. Nothing is written, nothing is sent to a device.
 *
 * @param parallelism the replay job's: in a running gridwarden the live job's, else the default of {@code gridwarden run}
 */
record WhatIf(LogSpec eventLog, LogSpec actionLog, Duration maxDeviceDelay, CommandIds commandIds, int parallelism) {

    private static final int READ_BATCH = 4096;

    static WhatIf of(Path dataDir, int partitions, Duration maxDeviceDelay, CommandIds commandIds) {
        return new WhatIf(EmbeddedGridwarden.eventLogSpec(dataDir, partitions), EmbeddedGridwarden.actionLogSpec(dataDir), maxDeviceDelay,
                commandIds, EmbeddedSettings.defaultParallelism(partitions));
    }

    /** The report for [from, until); {@code townLocation} is the candidate, {@code townName} how the report names it. */
    WhatIfReport run(String townLocation, String townName, Instant from, Instant until) throws Exception {
        List<Action> live = liveActions(from, until);
        List<Action> candidate = ReplayJob.run(new ReplaySettings(townLocation, eventLog, from, until, maxDeviceDelay, commandIds, parallelism));
        return WhatIfReport.of(from, until, townName, live, candidate);
    }

    /** The actions of the window in the live action log (one partition), read a batch at a time. */
    private List<Action> liveActions(Instant from, Instant until) {
        RecordLog log = LogRegistry.acquireForReading(actionLog);
        try {
            List<Action> kept = new ArrayList<>();
            long next = 0;
            long end = log.endOffset(0);
            while (next < end) {
                List<LogRecord> batch = log.read(0, next, READ_BATCH);
                if (batch.isEmpty()) {
                    break;
                }
                for (LogRecord record : batch) {
                    Action action = ActionCodec.decode(record.payload());
                    if (ActionTime.within(action, from, until)) {
                        kept.add(action);
                    }
                    next = record.offset() + 1;
                }
            }
            return kept;
        } finally {
            LogRegistry.releaseForReading(actionLog);
        }
    }
}
