package io.gridwarden.jobs;

import io.gridwarden.common.action.CommandIds;
import io.gridwarden.log.rocksdb.LogSpec;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the embedded runner needs to run the enforcement job in this process.
 *
 * @param townLocation a town file path, or {@code classpath:towns/demo-town.yaml}
 * @param eventLog the log ingest appends device events to
 * @param actionLog the log alerting reads actions from (one partition)
 * @param checkpointDir where checkpoints are kept; the job resumes from the latest one found here
 * @param checkpointInterval how often state and offsets are checkpointed
 * @param parallelism the job's parallelism (at most the event log's partition count is useful)
 * @param maxDeviceDelay how far a device's clock may trail the log's before its events are late
 * @param commandIds the deployment's command secret, shared with ingest (which checks acks against it)
 */
public record JobSettings(String townLocation, LogSpec eventLog, LogSpec actionLog, Path checkpointDir,
        Duration checkpointInterval, int parallelism, Duration maxDeviceDelay, CommandIds commandIds) {}
