package io.gridwarden.jobs.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands out one split per log partition: partition {@code p} goes to reader {@code p % parallelism},
 * so a partition (and with it a device's events) is always read by one reader, in order.
 *
 * <p>Splits are pushed when a reader registers; its checkpoint is the splits not yet handed out (a
 * split that was handed out lives in its reader's state, with its offset).
 */
final class LogSplitEnumerator implements SplitEnumerator<LogSplit, Collection<LogSplit>> {

    private final SplitEnumeratorContext<LogSplit> context;
    private final List<LogSplit> unassigned;

    LogSplitEnumerator(SplitEnumeratorContext<LogSplit> context, Collection<LogSplit> unassigned) {
        this.context = context;
        this.unassigned = new ArrayList<>(unassigned);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        assignTo(subtaskId);
    }

    @Override
    public void addSplitsBack(List<LogSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
        if (context.registeredReaders().containsKey(subtaskId)) {
            assignTo(subtaskId);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        assignTo(subtaskId);
    }

    private void assignTo(int subtaskId) {
        assign(context, unassigned, subtaskId);
    }

    /** Assigns reader {@code subtaskId} its partitions among {@code unassigned} (removed from it): {@code p % parallelism}. */
    static void assign(SplitEnumeratorContext<LogSplit> context, List<LogSplit> unassigned, int subtaskId) {
        int parallelism = context.currentParallelism();
        for (Iterator<LogSplit> it = unassigned.iterator(); it.hasNext(); ) {
            LogSplit split = it.next();
            if (split.partition() % parallelism == subtaskId) {
                context.assignSplit(split, subtaskId);
                it.remove();
            }
        }
    }

    @Override
    public Collection<LogSplit> snapshotState(long checkpointId) {
        return List.copyOf(unassigned);
    }

    @Override
    public void close() {}
}
