package io.gridwarden.jobs.detect;

import static io.gridwarden.jobs.JobFixtures.COMMAND_IDS;

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
 * The reference for {@link CameraWatch}: its algorithm before the tracks were indexed, which visits
 * every track of the camera on every frame and every timer. Kept as a test oracle only.
 */
final class FullScanCameraWatch {

    private final Map<String, ZoneRule> rulesByZone;
    private final Map<String, Schedule> schedules;
    private final DwellTracker tracker;
    private final EscalationPolicy policy;

    FullScanCameraWatch(List<ZoneRule> rules, DwellTracker tracker, ZoneId timezone) {
        this.rulesByZone = rules.stream().collect(Collectors.toMap(ZoneRule::zone, Function.identity()));
        this.schedules = rules.stream().collect(Collectors.toMap(ZoneRule::zone, r -> new Schedule(r.activeHours(), timezone)));
        this.tracker = tracker;
        this.policy = new EscalationPolicy(tracker, COMMAND_IDS);
    }

    Set<Long> onFrame(Map<String, TrackState> tracks, CameraFrame frame) {
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
                    continue;
                }
                TrackState next = tracker.seen(prior, rule, object, frame.time(), frame.snapshot(), frame.evidence());
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

    CameraWatch.Outcome onTime(Map<String, TrackState> tracks, long now) {
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
        return new CameraWatch.Outcome(actions, dispatches, timers);
    }

    CameraWatch.Outcome assignByHand(Map<String, TrackState> tracks, String violationId, long at, String officer, String operator) {
        for (Map.Entry<String, TrackState> entry : tracks.entrySet()) {
            TrackState track = entry.getValue();
            ZoneRule rule = rulesByZone.get(track.zone());
            if (rule != null && track.violation() != null && track.violation().id().equals(violationId)) {
                EscalationPolicy.Step step = policy.assignByHand(rule, track, at, officer, operator);
                if (step != null) {
                    entry.setValue(step.state());
                    return new CameraWatch.Outcome(step.actions(), List.of(step.dispatch()), Set.of());
                }
            }
        }
        return new CameraWatch.Outcome(List.of(), List.of(), Set.of());
    }

    List<Action> close(Map<String, TrackState> tracks, String violationId, long at, String reason) {
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

    private boolean settled(TrackState track, ZoneRule rule) {
        if (track.violation() == null) {
            return tracker.gone(track, DwellTracker.dwellEnds(track, rule));
        }
        return track.violation().status() != ViolationStatus.WARNED;
    }
}
