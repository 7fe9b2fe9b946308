package io.gridwarden.jobs.detect;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.town.ZoneRule;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.TrackState;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * All the zones of one camera: applies frames to the tracks in them and advances the tracks when
 * their timers are due. The tracks live in a {@link CameraTracks} the caller owns (the operator
 * caches it over its keyed state).
 *
 * <p>A frame lists every object the camera sees, so a track missing from a frame is known to be
 * missing. A track is forgotten once it has gone and its violation (if any) is settled: a warned
 * violation waits for its grace check, which decides {@code resolved_by_warning}.
 */
public final class CameraWatch {

    private final Map<String, ZoneRule> rulesByZone;
    private final Map<String, Schedule> schedules;
    private final DwellTracker tracker;
    private final EscalationPolicy policy;

    /** What a due check produced: actions for the action log, requests for assignment, and timers to set. */
    public record Outcome(List<Action> actions, List<DispatchRequest> dispatches, Set<Long> timers) {}

    /** A camera whose active hours are read in UTC; see {@link #CameraWatch(List, DwellTracker, ZoneId, CommandIds)}. */
    public CameraWatch(List<ZoneRule> rules, DwellTracker tracker, CommandIds commandIds) {
        this(rules, tracker, ZoneOffset.UTC, commandIds);
    }

    /** {@code timezone} is the town's: active hours are local times; {@code commandIds} names its voice warnings. */
    public CameraWatch(List<ZoneRule> rules, DwellTracker tracker, ZoneId timezone, CommandIds commandIds) {
        this(rules, tracker, timezone, commandIds, null);
    }

    /** {@code staleAfter}: the camera's offline threshold, beyond which a sighting is too old to act on (null: none). */
    public CameraWatch(List<ZoneRule> rules, DwellTracker tracker, ZoneId timezone, CommandIds commandIds, Duration staleAfter) {
        this.rulesByZone = rules.stream().collect(Collectors.toMap(ZoneRule::zone, Function.identity()));
        this.schedules = rules.stream().collect(Collectors.toMap(ZoneRule::zone, r -> new Schedule(r.activeHours(), timezone)));
        this.tracker = tracker;
        this.policy = new EscalationPolicy(tracker, commandIds, staleAfter);
    }

    /** Adds tracks remembered elsewhere (the operator's keyed state) to {@code tracks}, not as changes. */
    public void restore(CameraTracks tracks, Iterable<TrackState> remembered) {
        for (TrackState track : remembered) {
            store(tracks, track.key(), track);
        }
        tracks.takeChanges();
    }

    /** Applies a frame; returns the timers (dwell ends of new arrivals) to set. */
    public Set<Long> onFrame(CameraTracks tracks, CameraFrame frame) {
        Set<Long> timers = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        for (ZoneRule rule : rulesByZone.values()) {
            for (DetectedObject object : frame.objects()) {
                if (!DwellTracker.standsIn(rule, object)) {
                    continue;
                }
                String key = TrackState.key(rule.zone(), object.track());
                TrackState prior = tracks.get(key);
                if (prior == null && !schedules.get(rule.zone()).activeAt(frame.time())) {
                    continue; // outside the rule's hours no new presence is counted
                }
                TrackState next = tracker.seen(prior, rule, object, frame.time(), frame.snapshot(), frame.evidence());
                store(tracks, key, next);
                seen.add(key);
                if (prior == null) {
                    timers.add(DwellTracker.dwellEnds(next, rule));
                }
            }
        }
        // Only a track the previous frames showed can become missing; only a missing one (or one of a
        // zone no longer watched) can be forgotten, and from an instant known in advance: so a frame
        // costs what it shows and what it changes, not the camera's every track.
        for (String key : tracks.presentExcept(seen)) {
            store(tracks, key, tracker.missed(tracks.get(key), frame.time()));
        }
        for (String key : tracks.forgettableBy(frame.time())) {
            if (!seen.contains(key)) {
                tracks.remove(key);
            }
        }
        return timers;
    }

    /** Advances every track due at {@code now} (event time); the others are untouched and their timers already set. */
    public Outcome onTime(CameraTracks tracks, long now) {
        List<Action> actions = new ArrayList<>();
        List<DispatchRequest> dispatches = new ArrayList<>();
        Set<Long> timers = new TreeSet<>();
        for (String key : tracks.dueBy(now)) {
            TrackState track = tracks.get(key);
            ZoneRule rule = rulesByZone.get(track.zone());
            EscalationPolicy.Step step = rule == null ? null : policy.check(rule, track, now);
            if (step == null || step.state() == null) {
                tracks.remove(key);
            } else {
                store(tracks, key, step.state());
            }
            if (step != null) {
                actions.addAll(step.actions());
                if (step.dispatch() != null) {
                    dispatches.add(step.dispatch());
                }
                if (step.nextCheck() > now) {
                    timers.add(step.nextCheck());
                }
            }
        }
        return new Outcome(actions, dispatches, timers);
    }

    /**
     * A dispatcher assigned {@code violationId} to {@code officer} by hand. A violation still in its
     * grace period is dispatched to that officer now; a dispatched one is reassigned by assignment.
     */
    public Outcome assignByHand(CameraTracks tracks, String violationId, long at, String officer, String operator) {
        for (Map.Entry<String, TrackState> entry : tracks.entries()) {
            TrackState track = entry.getValue();
            ZoneRule rule = rulesByZone.get(track.zone());
            if (rule != null && track.violation() != null && track.violation().id().equals(violationId)) {
                EscalationPolicy.Step step = policy.assignByHand(rule, track, at, officer, operator);
                if (step != null) {
                    store(tracks, entry.getKey(), step.state());
                    return new Outcome(step.actions(), List.of(step.dispatch()), Set.of());
                }
            }
        }
        return new Outcome(List.of(), List.of(), Set.of());
    }

    /**
     * The camera could not play voice warning {@code command} ({@code note}: why): the warned violation it
     * was for is dispatched at once or noted, by its category's {@code warning.onFailure}. An ack of no
     * warned violation of this camera (an old one, one already settled) changes nothing.
     */
    public Outcome warningFailed(CameraTracks tracks, String command, long at, String note) {
        for (Map.Entry<String, TrackState> entry : tracks.entries()) {
            TrackState track = entry.getValue();
            ZoneRule rule = rulesByZone.get(track.zone());
            Violation v = track.violation();
            if (rule != null && v != null && v.status() == ViolationStatus.WARNED && policy.warningCommand(rule.camera(), v).equals(command)) {
                EscalationPolicy.Step step = policy.warningFailed(rule, track, at, note);
                if (step == null) {
                    break;
                }
                store(tracks, entry.getKey(), step.state());
                return new Outcome(step.actions(), step.dispatch() == null ? List.of() : List.of(step.dispatch()), Set.of());
            }
        }
        return new Outcome(List.of(), List.of(), Set.of());
    }

    /**
     * A dispatcher closed {@code violationId}: its track is forgotten. A violation still in its grace
     * period is closed here (assignment never saw it); a dispatched one is closed by assignment.
     */
    public List<Action> close(CameraTracks tracks, String violationId, long at, String reason) {
        List<Action> actions = new ArrayList<>();
        for (Map.Entry<String, TrackState> entry : tracks.entries()) {
            Violation v = entry.getValue().violation();
            if (v != null && v.id().equals(violationId)) {
                tracks.remove(entry.getKey());
                if (v.status() == ViolationStatus.WARNED) {
                    actions.add(Action.update(v.withStatus(ViolationStatus.CLOSED, Instant.ofEpochMilli(at), reason)));
                }
            }
        }
        return actions;
    }

    /** Stores the track with the instants that {@link #onFrame} and {@link #onTime} look it up by. */
    private void store(CameraTracks tracks, String key, TrackState track) {
        ZoneRule rule = rulesByZone.get(track.zone());
        if (rule == null) {
            // A zone no longer watched (the town changed): the next frame or timer forgets the track.
            tracks.put(key, track, Long.MIN_VALUE, Long.MIN_VALUE);
            return;
        }
        long forgettableAt = settled(track, rule) ? tracker.goneFrom(track) : TimeIndex.NEVER;
        tracks.put(key, track, forgettableAt, policy.dueAt(rule, track));
    }

    /**
     * Nothing is waiting on the track: a violation that detection has handed on, or none and none due.
     * Frames run ahead of the watermark, so a track that has gone by this frame may still have been
     * present when its dwell timer falls due; it is kept until that timer decides.
     */
    private boolean settled(TrackState track, ZoneRule rule) {
        if (track.violation() == null) {
            return tracker.gone(track, DwellTracker.dwellEnds(track, rule));
        }
        return track.violation().status() != ViolationStatus.WARNED;
    }
}
