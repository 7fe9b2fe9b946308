package io.gridwarden.jobs.town;

import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFileException;
import io.gridwarden.jobs.model.TownVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which town applies at an instant of event time: the town the job started with until the first
 * version's {@code effectiveAt}, then each version from its own. The versions are the rule operators'
 * broadcast state ({@link #VERSIONS}), so a restore knows them; the parsed towns are cached here.
 *
 * <p>Looking a town up by the input's time, not by when the version arrived, is what makes a replay of
 * the same log take the same decisions: a frame is judged by the rules in force at its own time.
 */
public final class TownTimeline {

    /** The broadcast state of every rule operator: version number → version. */
    public static final MapStateDescriptor<Long, TownVersion> VERSIONS =
            new MapStateDescriptor<>("town-versions", Types.LONG, TypeInformation.of(TownVersion.class));

    private static final Logger LOG = LoggerFactory.getLogger(TownTimeline.class);

    private final String relativeTo;
    private final Town initial;
    private final TreeMap<Long, TownVersion> versions = new TreeMap<>();
    private final Map<Long, Town> parsed = new HashMap<>();
    private boolean recalled;

    /** {@code townLocation}: the town the job started with; a version's relative map outline is read relative to it. */
    public TownTimeline(String townLocation) {
        this(townLocation, Town.loadShared(townLocation));
    }

    TownTimeline(String relativeTo, Town initial) {
        this.relativeTo = relativeTo;
        this.initial = initial;
    }

    /** Adds a version (again: no change). */
    public void learn(TownVersion version) {
        versions.putIfAbsent(version.version(), version);
    }

    /** Adds every version of the operator's broadcast state once (the first input after an open: a restore). */
    public void recall(ReadOnlyBroadcastState<Long, TownVersion> state) throws Exception {
        if (!recalled) {
            state.immutableEntries().forEach(e -> learn(e.getValue()));
            recalled = true;
        }
    }

    /** The town in force at {@code time}, the operator's broadcast versions recalled first (see {@link #recall}). */
    public Town inForceAt(ReadOnlyBroadcastState<Long, TownVersion> state, long time) throws Exception {
        recall(state);
        return at(time);
    }

    public boolean knows(long version) {
        return versions.containsKey(version);
    }

    /** The town in force at {@code time}: the highest version effective by then, else the starting town. */
    public Town at(long time) {
        for (TownVersion v : versions.descendingMap().values()) {
            Town town = v.effectiveAt() <= time ? town(v) : null;
            if (town != null) {
                return town;
            }
        }
        return initial;
    }

    /** The version number in force at {@code time} (0: the starting town). */
    public long versionAt(long time) {
        return versions.descendingMap().values().stream().filter(v -> v.effectiveAt() <= time)
                .mapToLong(TownVersion::version).findFirst().orElse(0);
    }

    /** The starting town. */
    public Town initial() {
        return initial;
    }

    /**
     * Versions nothing will look up again once the watermark is at {@code watermark}: every version
     * older than the newest one already effective (inputs behind the watermark are late anyway).
     */
    public List<Long> prunable(long watermark) {
        long inForce = versionAt(watermark);
        List<Long> old = new ArrayList<>(versions.headMap(inForce).keySet());
        return inForce == 0 ? List.of() : old;
    }

    /** Forgets {@code version} (see {@link #prunable}). */
    public void forget(long version) {
        versions.remove(version);
        parsed.remove(version);
    }

    /** A version that does not parse here (alerting checked it, so a different build) is skipped, not a restart loop. */
    private Town town(TownVersion v) {
        return parsed.computeIfAbsent(v.version(), n -> {
            try {
                return Town.parseShared(v.text(), relativeTo);
            } catch (TownFileException e) {
                LOG.error("town version {} cannot be used by the jobs; they keep the one before: {}", n, e.getMessage());
                return null;
            }
        });
    }
}
