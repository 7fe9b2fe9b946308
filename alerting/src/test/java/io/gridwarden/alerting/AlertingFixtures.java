package io.gridwarden.alerting;

import io.gridwarden.alerting.delivery.RetryPolicy;
import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Violations, commands and configuration the alerting tests share; names follow the demo town (CONTRACT.md §6). */
public final class AlertingFixtures {

    public static final String HECUN_CAMERA = "cam-0001";
    public static final String TANSHI_CAMERA = "cam-0134";
    public static final String ADMIN_TOKEN = "demo-admin";
    public static final String HECUN_DISPATCHER_TOKEN = "demo-dispatcher-hecun";
    public static final String TANSHI_VIEWER_TOKEN = "demo-viewer-tanshi";
    /** The demo town's Prometheus: role metrics, reads /metrics and nothing else. */
    public static final String SCRAPER_TOKEN = "demo-prometheus";
    /** The command secret the fixtures' command ids are made under. */
    public static final CommandIds COMMAND_IDS = CommandIds.random();
    /** Short waits so retry tests take milliseconds, not seconds. */
    public static final RetryPolicy FAST_RETRY = new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(100), 0.2, 5);

    private AlertingFixtures() {}

    public static AlertingConfig config(Path dataDir, String gateway) {
        return AlertingConfig.defaults(dataDir).withHost("127.0.0.1").withHttpPort(0)
                .withCommandGateway(gateway).withRetry(FAST_RETRY);
    }

    /** A parking violation seen by {@code camera} in {@code jurisdiction}, at {@code status}. */
    public static Violation violation(String track, String camera, String jurisdiction, ViolationStatus status) {
        return violation(track, camera, jurisdiction, status, Instant.parse("2026-11-22T08:00:00Z"));
    }

    /** As above, first seen at {@code seen}; its status was reached a minute later. */
    public static Violation violation(String track, String camera, String jurisdiction, ViolationStatus status, Instant seen) {
        String id = ActionIds.violation(camera, "z-parking", track, seen);
        return new Violation(id, "illegal_parking", ViolationStatus.DETECTED, camera, null, "z-parking", jurisdiction,
                jurisdiction + "-g01", track, "car", 28.7405, 118.5860, seen, null, null, null,
                "http://" + camera + ".local/snap/1.jpg", seen, null)
                .withStatus(status, seen.plusSeconds(60), "fixture " + status.wireName());
    }

    public static Violation hecunViolation(String track, ViolationStatus status) {
        return violation(track, HECUN_CAMERA, "hecun", status);
    }

    public static Violation tanshiViolation(String track, ViolationStatus status) {
        return violation(track, TANSHI_CAMERA, "tanshi", status);
    }

    /** A voice warning for the violation's camera that expires at {@code expires}. */
    public static Action voiceWarning(Violation violation, Instant expires) {
        Instant issued = Instant.now();
        Command command = new Command(COMMAND_IDS.make(violation.id(), Command.VOICE_WARNING, violation.camera(), issued),
                Command.VOICE_WARNING, violation.id(), "您好，此处禁止停车，请立即驶离。", "illegal_parking", 2,
                issued, expires, null, null, null, null, null, null, null);
        return Action.command(violation, violation.camera(), command);
    }

    public static Action voiceWarning(Violation violation) {
        return voiceWarning(violation, Instant.now().plus(Duration.ofMinutes(10)));
    }
}
