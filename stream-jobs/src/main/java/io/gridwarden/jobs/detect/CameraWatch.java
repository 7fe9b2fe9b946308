package io.gridwarden.jobs.detect;

import io.gridwarden.common.action.Action;
import io.gridwarden.common.action.Violation;
import io.gridwarden.common.action.ViolationStatus;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.town.ZoneRule;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.DispatchRequest;
import io.gridwarden.jobs.model.TrackState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * All the zones of one camera: applies frames to the tracks in them and advances the tracks when
 * their timers are due. The tracks live in a map the caller owns (the operator's keyed state).
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

    /** A camera whose active hours are read in UTC; see {@link #CameraWatch(List, DwellTracker, ZoneId)}. */
    public CameraWatch(List<ZoneRule> rules, DwellTracker tracker) {
        this(rules, tracker, ZoneOffset.UTC);
    }

    /** {@code timezone} is the town's: active hours are local times. */
    public CameraWatch(List<ZoneRule> rules, DwellTracker tracker, ZoneId timezone) {
        this.rulesByZone = rules.stream().collect(Collectors.toMap(ZoneRule::zone, Function.identity()));
        this.schedules = rules.stream().collect(Collectors.toMap(ZoneRule::zone, r -> new Schedule(r.activeHours(), timezone)));
        this.tracker = tracker;
        this.policy = new EscalationPolicy(tracker);
    }

    /** Applies a frame; returns the timers (dwell ends of new arrivals) to set. */
    public Set<Long> onFrame(Map<String, TrackState> tracks, CameraFrame frame) {
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
                TrackState next = tracker.seen(prior, rule, object, frame.time(), frame.snapshot());
                tracks.put(key, next);
                seen.add(key);
                if (prior == null) {
                    timers.add(DwellTracker.dwellEnds(next, rule));
                }
            }
        }
        for (Iterator<Map.Entry<String, TrackState>> it = tracks.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, TrackState> entry = it.next();
            if (seen.contains(entry.getKey())) {
                continue;
            }
            TrackState missed = tracker.missed(entry.getValue(), frame.time());
            ZoneRule rule = rulesByZone.get(missed.zone());
            if (rule == null || (tracker.gone(missed, frame.time()) && settled(missed, rule))) {
                it.remove();
            } else {
                entry.setValue(missed);
            }
        }
        return timers;
    }

    /** Advances every track due at {@code now} (event time). */
    public Outcome onTime(Map<String, TrackState> tracks, long now) {
        List<Action> actions = new ArrayList<>();
        List<DispatchRequest> dispatches = new ArrayList<>();
        Set<Long> timers = new TreeSet<>();
        for (Iterator<Map.Entry<String, TrackState>> it = tracks.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, TrackState> entry = it.next();
            ZoneRule rule = rulesByZone.get(entry.getValue().zone());
            EscalationPolicy.Step step = rule == null ? null : policy.check(rule, entry.getValue(), now);
            if (step == null || step.state() == null) {
                it.remove();
            } else {
                entry.setValue(step.state());
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
    public Outcome assignByHand(Map<String, TrackState> tracks, String violationId, long at, String officer, String operator) {
        for (Map.Entry<String, TrackState> entry : tracks.entrySet()) {
            TrackState track = entry.getValue();
            ZoneRule rule = rulesByZone.get(track.zone());
            if (rule != null && track.violation() != null && track.violation().id().equals(violationId)) {
                EscalationPolicy.Step step = policy.assignByHand(rule, track, at, officer, operator);
                if (step != null) {
                    entry.setValue(step.state());
                    return new Outcome(step.actions(), List.of(step.dispatch()), Set.of());
                }
            }
        }
        return new Outcome(List.of(), List.of(), Set.of());
    }

    /**
     * A dispatcher closed {@code violationId}: its track is forgotten. A violation still in its grace
     * period is closed here (assignment never saw it); a dispatched one is closed by assignment.
     */
    public List<Action> close(Map<String, TrackState> tracks, String violationId, long at, String reason) {
        List<Action> actions = new ArrayList<>();
        for (Iterator<Map.Entry<String, TrackState>> it = tracks.entrySet().iterator(); it.hasNext(); ) {
            Violation v = it.next().getValue().violation();
            if (v != null && v.id().equals(violationId)) {
                it.remove();
                if (v.status() == ViolationStatus.WARNED) {
                    actions.add(Action.update(v.withStatus(ViolationStatus.CLOSED, Instant.ofEpochMilli(at), reason)));
                }
            }
        }
        return actions;
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
