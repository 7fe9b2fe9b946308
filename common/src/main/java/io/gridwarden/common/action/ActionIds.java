package io.gridwarden.common.action;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Deterministic ids: the same input always yields the same id, in any process, after any replay.
 * That is what lets the action log and the devices drop repeats. Command ids are {@link CommandIds}'.
 */
public final class ActionIds {

    private ActionIds() {}

    /** A violation is one presence of one tracked object in one zone, from the moment it was first seen. */
    public static String violation(String device, String zone, String track, Instant firstSeen) {
        return "vio-" + digest(device + '|' + zone + '|' + track + '|' + firstSeen.toEpochMilli());
    }

    /**
     * What identifies a command: its violation, its type, its recipient and when it was issued (event
     * time), so an officer given the same violation again later gets a new command. Public facts, so
     * the id proper also carries a mac under the deployment's secret: see {@link CommandIds}.
     */
    static String commandDigest(String violation, String type, String target, Instant issued) {
        return digest(violation + '|' + type + '|' + target + '|' + issued.toEpochMilli());
    }

    /** A status change is identified by its violation, status, officer and when it happened (event time). */
    public static String update(String violation, ViolationStatus status, String officer, Instant at) {
        return violation + '/' + status.wireName() + (officer == null ? "" : '/' + officer) + (at == null ? "" : "@" + at.toEpochMilli());
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
