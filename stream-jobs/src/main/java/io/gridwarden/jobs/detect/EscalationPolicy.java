package io.gridwarden.jobs.detect;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.ActionIds;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.town.TownFile.Warning;
import io.gridwarden.common.town.ZoneRule;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.TrackState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happens to a present object over time: dwell reached → {@code detected}; then a voice warning
 * and a grace period if the rule has one; at the end of grace, still there → dispatch, gone →
 * {@code resolved_by_warning}. Rules without a warning dispatch at once.
 *
 * <p>A warning the camera could not play ({@link #warningFailed}) is no warning: by the category's
 * {@code warning.onFailure} the violation is dispatched at once ({@code dispatch}, the default) or
 * waits out the grace period ({@code wait}); either way an object that then leaves is {@code closed}
 * ("left after a failed voice warning"), never {@code resolved_by_warning}.
 *
 * <p><b>Stale sightings.</b> With a staleness bound (the camera's offline threshold), a check never
 * acts on a sighting older than the bound: a camera that has sent no frame for that long proves
 * nothing about what stands in front of it. A dwell that ends on a stale sighting raises nothing (the
 * track is forgotten; seen again, the object starts a new dwell); a grace period that ends on one
 * closes the violation as not re-checked, without sending an officer.
 *
 * <p>Every time used is a due time (dwell end, grace end), never "now", so that a replay decides the
 * same thing at the same instants and produces the same action ids.
 */
public final class EscalationPolicy {

    /** Used when a category does not say how long an officer has to accept. */
    public static final Duration DEFAULT_ACCEPT_WITHIN = Duration.ofMinutes(3);
    /** Prefix of the timeline note of an urgent violation, so operators and the store can tell. */
    public static final String URGENT_NOTE = "urgent: ";
    /** Prefix of the timeline note of a violation whose voice warning failed; a warned violation so noted was not warned. */
    public static final String WARNING_FAILED_NOTE = Command.WARNING_FAILED_NOTE;

    private final DwellTracker tracker;
    private final CommandIds commandIds;
    private final long staleAfterMillis;

    /** {@code commandIds}: how voice warnings get their ids (under the deployment's command secret). No staleness bound. */
    public EscalationPolicy(DwellTracker tracker, CommandIds commandIds) {
        this(tracker, commandIds, null);
    }

    /** {@code staleAfter}: how old a sighting may be for a check to act on it; null for no bound. */
    public EscalationPolicy(DwellTracker tracker, CommandIds commandIds, Duration staleAfter) {
        this.tracker = tracker;
        this.commandIds = commandIds;
        this.staleAfterMillis = staleAfter == null ? Long.MAX_VALUE : staleAfter.toMillis();
    }

    /** The id of the voice warning {@code camera} was sent for {@code warned} (the same id {@link #check} gave it). */
    public String warningCommand(String camera, Violation warned) {
        return commandIds.make(warned.id(), Command.VOICE_WARNING, camera, warned.warnedAt());
    }

    /**
     * The outcome of a check.
     *
     * @param state the track's new state, or null to forget it
     * @param dispatch a request for an officer, or null
     * @param nextCheck when to check again, or -1 for no timer
     */
    public record Step(TrackState state, List<Action> actions, DispatchRequest dispatch, long nextCheck) {}

    /**
     * When {@link #check} next does something with the track: its dwell end, the end of its warning's
     * grace, or {@link Long#MAX_VALUE} once it has been handed on. Before then a check changes nothing.
     */
    public long dueAt(ZoneRule rule, TrackState track) {
        Violation violation = track.violation();
        if (violation == null) {
            return DwellTracker.dwellEnds(track, rule);
        }
        return violation.status() == ViolationStatus.WARNED ? graceEnds(rule, violation) : Long.MAX_VALUE;
    }

    /** Advances one track at event time {@code now}. Nothing happens before the track's next due time. */
    public Step check(ZoneRule rule, TrackState track, long now) {
        Violation violation = track.violation();
        if (violation == null) {
            long due = DwellTracker.dwellEnds(track, rule);
            if (now < due) {
                return new Step(track, List.of(), null, due);
            }
            return tracker.gone(track, due) || stale(track, due) ? new Step(null, List.of(), null, -1) : detect(rule, track, due);
        }
        if (violation.status() == ViolationStatus.WARNED) {
            long due = graceEnds(rule, violation);
            if (now < due) {
                return new Step(track, List.of(), null, due);
            }
            if (tracker.gone(track, due)) {
                Violation left = failed(violation)
                        ? violation.withStatus(ViolationStatus.CLOSED, Instant.ofEpochMilli(due), "left after a failed voice warning")
                        : violation.withStatus(ViolationStatus.RESOLVED_BY_WARNING, Instant.ofEpochMilli(due), "left within the grace period");
                return new Step(null, List.of(Action.update(left)), null, -1);
            }
            if (stale(track, due)) {
                return new Step(null, List.of(Action.update(unverified(violation, track, due))), null, -1);
            }
            // the picture of the latest frame before the re-check shows it still there
            return dispatch(rule, track, violation.withEvidence(track.evidence()), due, "still there after the warning", List.of(), null);
        }
        // Dispatched: assignment owns it now; remember the object so it is not reported twice.
        return new Step(track, List.of(), null, -1);
    }

    /**
     * The camera could not play the warning of the track's violation ({@code note}: why, may be null), at
     * {@code at}. Null when the track holds no warned violation or already knows; acks of the grace end
     * or later are left to the grace check, so the outcome does not depend on which is processed first.
     */
    public Step warningFailed(ZoneRule rule, TrackState track, long at, String note) {
        Violation violation = track.violation();
        if (violation == null || violation.status() != ViolationStatus.WARNED || failed(violation)) {
            return null;
        }
        long graceEnds = graceEnds(rule, violation);
        if (at >= graceEnds) {
            return null;
        }
        long when = Math.max(at, violation.warnedAt().toEpochMilli());
        String why = WARNING_FAILED_NOTE + (note == null || note.isBlank() ? "" : ": " + note);
        if (rule.warning().dispatchOnFailure() && !tracker.gone(track, when) && !stale(track, when)) {
            return dispatch(rule, track, violation, when, why + "; dispatched without waiting for the grace period", List.of(), null);
        }
        Violation noted = violation.withNote(Instant.ofEpochMilli(when), why + "; waiting out the grace period");
        return new Step(track.withViolation(noted), List.of(Action.update(noted)), null, graceEnds);
    }

    /** Whether the violation's voice warning is known to have failed. */
    static boolean failed(Violation warned) {
        return warned.note() != null && warned.note().startsWith(WARNING_FAILED_NOTE);
    }

    /** The latest frame that showed the object is older than the bound and no frame has shown it missing since. */
    private boolean stale(TrackState track, long at) {
        return track.missingSince() == TrackState.NOT_MISSING && at - track.lastSeen() > staleAfterMillis;
    }

    private static Violation unverified(Violation warned, TrackState track, long at) {
        return warned.withStatus(ViolationStatus.CLOSED, Instant.ofEpochMilli(at), "not re-checked: no frame from "
                + warned.camera() + " since " + Instant.ofEpochMilli(track.lastSeen()) + ", so no officer is sent on a stale sighting");
    }

    private static long graceEnds(ZoneRule rule, Violation warned) {
        return warned.warnedAt().toEpochMilli() + rule.warning().grace().toMillis();
    }

    private Step detect(ZoneRule rule, TrackState track, long at) {
        Instant when = Instant.ofEpochMilli(at);
        Violation detected = new Violation(ActionIds.violation(rule.camera(), rule.zone(), track.track(), Instant.ofEpochMilli(track.firstSeen())),
                rule.category(), ViolationStatus.DETECTED, rule.camera(), null, rule.zone(), rule.jurisdiction(), rule.grid(),
                track.track(), track.label(), rule.lat(), rule.lon(), when, null, null, null, track.snapshot(), when,
                (rule.urgent() ? URGENT_NOTE : "") + "in the zone for " + rule.dwell().toSeconds() + " s")
                .withEvidence(track.firstEvidence()).withEvidence(track.evidence()); // its arrival, and the frame at dwell end
        Action detectedUpdate = Action.update(detected);
        if (rule.urgent() || !rule.warnsFirst()) {
            // Urgent offences (open burning) are never warned first, whatever the category says.
            String why = rule.urgent() ? URGENT_NOTE + "dispatched at once" : "no warning for " + rule.category();
            return dispatch(rule, track, detected, at, why, List.of(detectedUpdate), null);
        }
        Warning warning = rule.warning();
        Violation warned = detected.withStatus(ViolationStatus.WARNED, when, "voice warning played");
        Command voice = new Command(commandIds.make(detected.id(), Command.VOICE_WARNING, rule.camera(), when), Command.VOICE_WARNING,
                detected.id(), warning.text(), warning.clip(), warning.repeat(), when, when.plus(warning.grace()),
                null, null, null, null, null, null, null);
        long graceEnds = at + warning.grace().toMillis();
        return new Step(track.withViolation(warned),
                List.of(detectedUpdate, Action.update(warned), Action.command(warned, rule.camera(), voice)), null, graceEnds);
    }

    /**
     * A dispatcher assigned a violation still in its grace period to {@code officer}: it is dispatched
     * now, to that officer, without waiting for the re-check. Null when the track holds no such violation.
     */
    public Step assignByHand(ZoneRule rule, TrackState track, long at, String officer, String operator) {
        Violation violation = track.violation();
        if (violation == null || violation.status() != ViolationStatus.WARNED) {
            return null;
        }
        return dispatch(rule, track, violation, at, "assigned by " + operator + " during the grace period", List.of(), officer);
    }

    private Step dispatch(ZoneRule rule, TrackState track, Violation violation, long at, String why, List<Action> before,
            String officer) {
        Violation dispatched = violation.withStatus(ViolationStatus.DISPATCHED, Instant.ofEpochMilli(at), why);
        Duration acceptWithin = rule.acceptWithin() == null ? DEFAULT_ACCEPT_WITHIN : rule.acceptWithin();
        var request = new DispatchRequest(dispatched, rule.responsibleUnit(), acceptWithin.toMillis(), at, rule.urgent(), officer);
        return new Step(track.withViolation(dispatched), before, request, -1);
    }
}
