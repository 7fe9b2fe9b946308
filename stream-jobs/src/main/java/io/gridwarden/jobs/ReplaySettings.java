package io.gridwarden.jobs;

import io.gridwarden.common.action.CommandIds;
import io.gridwarden.log.rocksdb.LogSpec;
import java.time.Duration;
import java.time.Instant;

/**
 * What a replay needs: the rules to judge by, the stored events, the window to report, and the live job's
 * clock allowance and command secret (ids are made under it, so a replay of the live rules gives the live ids).
 *
 * @param townLocation the town file whose rules judge the events (the live one, or a candidate)
 * @param eventLog     the stored event log; read, never written
 * @param from         the window's start: actions before it are left out (the events before it still build state)
 * @param until        the window's end (exclusive): events appended after it are not read
 * @param parallelism  the live job's ({@link JobSettings#parallelism()})
 */
public record ReplaySettings(String townLocation, LogSpec eventLog, Instant from, Instant until, Duration maxDeviceDelay,
        CommandIds commandIds, int parallelism) {

    public ReplaySettings {
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("the replay's window must start before it ends: from " + from + ", until " + until);
        }
    }
}
