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
 * @param followTownChanges whether the town versions applied live ({@code gw.town.change} in the log) switch the
 *                     rules as they did live: true to replay the live rules, false for a what-if, judged by
 *                     {@code townLocation} alone
 */
public record ReplaySettings(String townLocation, LogSpec eventLog, Instant from, Instant until, Duration maxDeviceDelay,
        CommandIds commandIds, int parallelism, boolean followTownChanges) {

    /** A what-if: the candidate town file judges throughout, whatever versions were applied live. */
    public ReplaySettings(String townLocation, LogSpec eventLog, Instant from, Instant until, Duration maxDeviceDelay,
            CommandIds commandIds, int parallelism) {
        this(townLocation, eventLog, from, until, maxDeviceDelay, commandIds, parallelism, false);
    }

    public ReplaySettings {
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("the replay's window must start before it ends: from " + from + ", until " + until);
        }
    }
}
