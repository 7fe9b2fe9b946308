package io.gridwarden.jobs.detect;

import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.town.ZoneRule;
import io.gridwarden.jobs.model.TrackState;
import java.time.Duration;

/**
 * Presence of one tracked object in one zone: when it arrived, when it was last seen, and whether it
 * has gone.
 *
 * <p>Edge detectors flicker (a car is missed in a frame or two), so an object is gone only after
 * frames have gone without it for the absence timeout. A camera that sends nothing at all proves
 * nothing: its objects stay present, and the timers still fire because the watermark follows the log.
 */
public final class DwellTracker {

    /** Frames must miss an object for this long before it counts as gone (flicker tolerance). */
    public static final Duration ABSENCE_TIMEOUT = Duration.ofSeconds(15);

    private final long absenceMillis;

    public DwellTracker(Duration absenceTimeout) {
        this.absenceMillis = absenceTimeout.toMillis();
    }

    /** Whether the object counts for the zone: a watched label, confident enough, standing (box bottom-centre) inside. */
    public static boolean standsIn(ZoneRule rule, DetectedObject object) {
        return rule.labels().contains(object.label())
                && object.confidence() >= rule.minConfidence()
                && rule.polygon().contains(object.box().footX(), object.box().footY());
    }

    /** The object stands in the zone in a frame at {@code at}. {@code prior} is null for a new arrival. */
    public TrackState seen(TrackState prior, ZoneRule rule, DetectedObject object, long at, String snapshot) {
        return seen(prior, rule, object, at, snapshot, null);
    }

    /** As above, the frame's stored picture being {@code evidence} (null: none). */
    public TrackState seen(TrackState prior, ZoneRule rule, DetectedObject object, long at, String snapshot, String evidence) {
        if (prior == null) {
            return new TrackState(rule.zone(), object.track(), object.label(), at, at, TrackState.NOT_MISSING, snapshot, null,
                    evidence, evidence);
        }
        if (at < prior.lastSeen()) {
            return prior; // an older frame arriving late says nothing new
        }
        return new TrackState(prior.zone(), prior.track(), prior.label(), prior.firstSeen(), at, TrackState.NOT_MISSING,
                snapshot == null ? prior.snapshot() : snapshot, prior.violation(),
                prior.firstEvidence() == null ? evidence : prior.firstEvidence(), evidence == null ? prior.evidence() : evidence);
    }

    /** A frame at {@code at} did not show the object in the zone. */
    public TrackState missed(TrackState state, long at) {
        if (at <= state.lastSeen() || state.missingSince() != TrackState.NOT_MISSING) {
            return state;
        }
        return new TrackState(state.zone(), state.track(), state.label(), state.firstSeen(), state.lastSeen(), at,
                state.snapshot(), state.violation(), state.firstEvidence(), state.evidence());
    }

    /**
     * Whether, at {@code at}, frames up to then have shown the zone without the object, and it has not
     * been seen for the absence timeout. Frames run ahead of the watermark, so this is asked about
     * instants before the latest frame too.
     */
    public boolean gone(TrackState state, long at) {
        return state.missingSince() != TrackState.NOT_MISSING && at >= state.missingSince()
                && at - state.lastSeen() >= absenceMillis;
    }

    /**
     * The earliest instant at which {@link #gone} holds for {@code state} (it holds at every later one
     * too), or {@link Long#MAX_VALUE} while the latest frame showed the object.
     */
    public long goneFrom(TrackState state) {
        if (state.missingSince() == TrackState.NOT_MISSING) {
            return Long.MAX_VALUE;
        }
        return Math.max(state.missingSince(), state.lastSeen() + absenceMillis);
    }

    /** When the object has stood in the zone long enough to be a violation. */
    public static long dwellEnds(TrackState state, ZoneRule rule) {
        return state.firstSeen() + rule.dwell().toMillis();
    }
}
