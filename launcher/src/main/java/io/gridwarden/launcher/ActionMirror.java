package io.gridwarden.launcher;

import io.gridwarden.common.action.ActionCodec;
import io.gridwarden.common.health.ReadinessDependency;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Every partition of the actions topic, copied in order into this instance's own action log (embedded, one
 * partition), which alerting follows exactly as in the embedded default: its views, history, stats and alert stream
 * then work on every instance. No consumer group: every instance reads everything.
 *
 * <p>Each copied record carries its action id as the local log's de-duplication key, so an action the job wrote
 * twice (its sink is at-least-once), or a page copied again after a crash, is stored once. The topic positions are
 * kept in a file written after each copied page; a crash between the two only copies that page again.
 */
final class ActionMirror implements ReadinessDependency, AutoCloseable {

    static final String POSITIONS_FILE = "actions-topic.positions";
    private static final String LOCAL_KEY = "actions";
    private static final long APPEND_TIMEOUT_SECONDS = 30;

    private final String topic;
    private final RecordLog local;
    private final Path positionsFile;
    /** The positions as last saved; only the follower's thread touches them once started. */
    private long[] positions;
    private volatile TopicFollower follower;

    private ActionMirror(String topic, RecordLog local, Path positionsFile) {
        this.topic = topic;
        this.local = local;
        this.positionsFile = positionsFile;
    }

    /** Copies {@code topic} into {@code local} from where the last run stopped (its positions under {@code dataDir}). */
    static ActionMirror start(RecordLog topicLog, String topic, RecordLog local, Path dataDir) {
        ActionMirror mirror = new ActionMirror(topic, local, dataDir.resolve(POSITIONS_FILE));
        mirror.positions = mirror.loadPositions(topicLog.partitions());
        mirror.follower = TopicFollower.start("actions topic " + topic, topicLog, mirror.positions.clone(), mirror::copy);
        return mirror;
    }

    private void copy(int partition, List<LogRecord> page) throws Exception {
        List<LogEntry> entries = new ArrayList<>(page.size());
        for (LogRecord record : page) {
            entries.add(new LogEntry(LOCAL_KEY, actionId(record.payload()), record.payload()));
        }
        local.append(entries).get(APPEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        savePositions(partition, page.get(page.size() - 1).offset() + 1);
    }

    /** The action's id, its de-duplication key; null for a record that is no action (alerting skips it, as it does in its log). */
    private static String actionId(byte[] payload) {
        try {
            return ActionCodec.decode(payload).id();
        } catch (RuntimeException undecodable) {
            return null;
        }
    }

    private long[] loadPositions(int partitions) {
        long[] positions = new long[partitions];
        if (!Files.exists(positionsFile)) {
            return positions;
        }
        try {
            for (String line : Files.readAllLines(positionsFile, StandardCharsets.UTF_8)) {
                String[] parts = line.trim().split(" ");
                int p = Integer.parseInt(parts[0]);
                if (parts.length == 2 && p >= 0 && p < partitions) {
                    positions[p] = Long.parseLong(parts[1]);
                }
            }
            return positions;
        } catch (IOException | RuntimeException e) {
            throw new StartRefusedException(positionsFile + " is not a positions file of the actions topic (" + e.getMessage()
                    + "): delete it to copy the topic again from its start (actions already copied are then skipped as repeats"
                    + " within 25 h)", e);
        }
    }

    private void savePositions(int movedPartition, long next) throws IOException {
        positions[movedPartition] = next;
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < positions.length; p++) {
            text.append(p).append(' ').append(positions[p]).append('\n');
        }
        Path tmp = positionsFile.resolveSibling(POSITIONS_FILE + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, positionsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String name() {
        return "actionsTopic";
    }

    @Override
    public Optional<String> problem() {
        TopicFollower follower = this.follower;
        if (follower == null) {
            return Optional.of("starting to copy the actions topic " + topic);
        }
        String failure = follower.failure();
        if (failure != null) {
            return Optional.of("cannot read the actions topic " + topic + " (" + failure + "): check the brokers");
        }
        return follower.caughtUp() ? Optional.empty()
                : Optional.of("copying the actions topic " + topic + " to this instance's view; ready once read to its end");
    }

    @Override
    public void close() {
        if (follower != null) {
            follower.close();
        }
    }
}
