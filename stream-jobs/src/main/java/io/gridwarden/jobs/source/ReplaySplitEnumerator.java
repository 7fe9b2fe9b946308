package io.gridwarden.jobs.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/** Hands each reader its partitions ({@code p % parallelism}), then tells it there will be no more: the replay is bounded. */
final class ReplaySplitEnumerator implements SplitEnumerator<LogSplit, Collection<LogSplit>> {

    private final SplitEnumeratorContext<LogSplit> context;
    private final List<LogSplit> unassigned;

    ReplaySplitEnumerator(SplitEnumeratorContext<LogSplit> context, List<LogSplit> unassigned) {
        this.context = context;
        this.unassigned = new ArrayList<>(unassigned);
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<LogSplit> splits, int subtaskId) {
        unassigned.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        LogSplitEnumerator.assign(context, unassigned, subtaskId);
        context.signalNoMoreSplits(subtaskId);
    }

    @Override
    public Collection<LogSplit> snapshotState(long checkpointId) {
        return List.copyOf(unassigned);
    }

    @Override
    public void close() {}
}
