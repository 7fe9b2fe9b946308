package io.gridwarden.suite.e2e;

import io.gridwarden.common.action.Command;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the probe saw come back, by probe car (track): when each was due, when its {@code violation.warned}
 * arrived on the operations stream, and when its voice warning reached the device gateway. Filled from the
 * probe, the alert stream and the command inbox, each on its own thread.
 */
public final class Sightings {

    private final Map<String, Long> dueByTrack = new ConcurrentHashMap<>();
    private final Map<String, String> trackByViolation = new ConcurrentHashMap<>();
    private final Map<String, Long> warnedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> commandAt = new ConcurrentHashMap<>();

    /** For a {@code CommandInbox}: a voice warning arrived for {@code device}. */
    public void onCommand(String device, Command command) {
        if (Command.VOICE_WARNING.equals(command.type())) {
            commandAt.putIfAbsent(command.violation(), System.currentTimeMillis());
        }
    }

    void onAlert(AlertStream.Alert alert) {
        String track = alert.violation().path("track").asText();
        trackByViolation.put(alert.violation().path("id").asText(), track);
        if (alert.event().equals("violation.warned")) {
            warnedAt.putIfAbsent(track, alert.arrivedMillis());
        }
    }

    void due(String track, long atMillis) {
        dueByTrack.put(track, atMillis);
    }

    boolean warned(String track) {
        return warnedAt.containsKey(track);
    }

    LatencyFigures figures(int rate, List<String> tracks) {
        return figures(rate, tracks, dueByTrack, trackByViolation, warnedAt, commandAt);
    }

    static LatencyFigures figures(int rate, List<String> tracks, Map<String, Long> due, Map<String, String> trackByViolation,
            Map<String, Long> warnedAt, Map<String, Long> commandAt) {
        Map<String, Long> commandByTrack = new ConcurrentHashMap<>();
        commandAt.forEach((violation, at) -> {
            String track = trackByViolation.get(violation);
            if (track != null) {
                commandByTrack.put(track, at);
            }
        });
        List<Long> toLog = new ArrayList<>();
        List<Long> toDevice = new ArrayList<>();
        List<LatencyFigures.Probe> probes = new ArrayList<>();
        int missed = 0;
        for (String track : tracks) {
            long dueAt = due.get(track);
            Long warned = warnedAt.get(track);
            Long command = commandByTrack.get(track);
            if (warned == null && command == null) {
                missed++;
            }
            if (warned != null) {
                toLog.add(warned - dueAt);
            }
            if (command != null) {
                toDevice.add(command - dueAt);
            }
            probes.add(new LatencyFigures.Probe(track, Instant.ofEpochMilli(dueAt).toString(), warned == null ? null : warned - dueAt,
                    command == null ? null : command - dueAt));
        }
        // missed ones first, then the slowest to the device (or to the stream when the device never heard)
        probes.sort(Comparator.comparingLong(Sightings::slowness).reversed());
        return new LatencyFigures(rate, tracks.size(), missed, LatencyFigures.Percentiles.of(toLog), LatencyFigures.Percentiles.of(toDevice),
                List.copyOf(probes.subList(0, Math.min(LatencyFigures.SLOWEST, probes.size()))), null);
    }

    private static long slowness(LatencyFigures.Probe probe) {
        if (probe.toDevice() != null) {
            return probe.toDevice();
        }
        return probe.toActionLog() != null ? probe.toActionLog() : Long.MAX_VALUE;
    }
}
