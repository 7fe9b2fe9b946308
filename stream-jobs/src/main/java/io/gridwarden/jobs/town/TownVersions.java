package io.gridwarden.jobs.town;

import io.gridwarden.jobs.model.TownVersion;
import org.apache.flink.api.common.state.BroadcastState;

/** What every rule operator does with a town version that reaches its broadcast input. */
public final class TownVersions {

    private TownVersions() {}

    /**
     * Keeps {@code version} in the operator's broadcast state and {@code timeline}, and drops the versions
     * the watermark has left behind; false when it was known already (every decoder sends it).
     */
    public static boolean keep(TownVersion version, BroadcastState<Long, TownVersion> state, TownTimeline timeline, long watermark)
            throws Exception {
        if (state.contains(version.version())) {
            return false;
        }
        state.put(version.version(), version);
        timeline.learn(version);
        for (Long old : timeline.prunable(watermark)) {
            state.remove(old);
            timeline.forget(old);
        }
        return true;
    }
}
