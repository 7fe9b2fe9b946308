package io.gridwarden.suite.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The probe camera's cars, reported as a real camera reports them: a car is in the first frame taken after
 * it arrives, stamped with that instant, and in the camera's frames from then on until its warning comes
 * back. Its dwell so ends one dwell after that first frame, whatever delay or order the job takes the frames in.
 *
 * <p>Not back-dated. An earlier probe reported each car as first seen almost a dwell ago; the camera's own
 * frames of that minute did not show it, so whenever detection ran more than a frame interval behind the log
 * (it applies frames in the order of their times) the car was gone by the very next frame, its dwell started
 * again at the following one, and the probe measured a whole dwell (59–60 s) instead of the backlog.
 *
 * <p>A frame shows at most {@link #MAX_OBJECTS} cars, the new ones first and then those shown longest ago. With
 * a car a second and a 60 s dwell some sixty wait at once (more while the job is behind), near ingest's 64
 * objects a frame; a car left out of one frame is only "missing" to the detector, which counts it gone after
 * the absence timeout (15 s) without a sighting. Frames come often enough ({@link #nextFrameAt}) that each car is
 * shown at least every {@link #SHOWN_WITHIN}.
 */
final class ProbeCars {

    /** Cars a frame shows at most. */
    static final int MAX_OBJECTS = 32;
    /** The camera's frame rate when few cars wait: at least a frame a second. */
    static final Duration FRAME_INTERVAL = Duration.ofSeconds(1);
    /** Every waiting car is in a frame at least this often, well inside the detector's 15 s absence timeout. */
    static final Duration SHOWN_WITHIN = Duration.ofSeconds(5);
    private static final long NEVER = Long.MIN_VALUE;

    private final long dwellMillis;
    /** Waiting cars by track: when a frame last showed each ({@link #NEVER} for a new one). */
    private final Map<String, Long> shownAt = new HashMap<>();

    ProbeCars(Duration dwell) {
        this.dwellMillis = dwell.toMillis();
    }

    /** A car arrives at {@code at}; the frame for that instant shows it first. Returns when its dwell ends. */
    long arrive(String track, long at) {
        if (shownAt.putIfAbsent(track, NEVER) != null) {
            throw new IllegalArgumentException("probe car " + track + " is already waiting");
        }
        return at + dwellMillis;
    }

    /** The cars whose warning came back leave the frames. */
    void leave(Predicate<String> warned) {
        shownAt.keySet().removeIf(warned);
    }

    boolean isEmpty() {
        return shownAt.isEmpty();
    }

    /**
     * The cars the frame at {@code at} shows: the new ones, then those shown longest ago, {@link #MAX_OBJECTS} at
     * most; they count as shown at {@code at}. A new car is never left out (nor more than {@code MAX_OBJECTS} new
     * at once: the probe starts its cars at least 0.7 s apart).
     */
    List<String> frame(long at) {
        List<Map.Entry<String, Long>> byAge = new ArrayList<>(shownAt.entrySet());
        byAge.sort(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
        List<String> shown = new ArrayList<>(Math.min(MAX_OBJECTS, byAge.size()));
        for (Map.Entry<String, Long> car : byAge) {
            if (shown.size() == MAX_OBJECTS) {
                if (car.getValue() == NEVER) {
                    throw new IllegalStateException("more than " + MAX_OBJECTS + " probe cars arrived for one frame");
                }
                break;
            }
            shown.add(car.getKey());
        }
        shown.forEach(track -> shownAt.put(track, at));
        return shown;
    }

    /**
     * When the frame after one at {@code lastFrame} is due: a second later, or sooner when so many cars wait
     * that showing each within {@link #SHOWN_WITHIN} takes more frames (one more than they fill, for the cars that
     * arrive meanwhile).
     */
    long nextFrameAt(long lastFrame) {
        long framesTheyFill = (shownAt.size() + MAX_OBJECTS - 1) / MAX_OBJECTS;
        return lastFrame + Math.min(FRAME_INTERVAL.toMillis(), SHOWN_WITHIN.toMillis() / (framesTheyFill + 1));
    }
}
