package io.gridwarden.suite.rules;

import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile;
import io.gridwarden.common.town.ZoneRule;
import io.gridwarden.jobs.detect.DwellTracker;
import io.gridwarden.jobs.model.CameraFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A reproducible stream of camera frames for the rule comparison: every camera of the town sends a
 * frame a second; objects of the labels its zones watch arrive inside a zone, stay a random time
 * (some shorter, some longer than the zone's dwell) and leave for good. No flicker, and no visit ends
 * exactly {@code dwell − absence} after it began, so "was it still there when the dwell ended?" has one
 * answer whatever engine asks. Time starts at local noon, when every rule of the demo town is active.
 */
public final class DwellStream {

    /** Noon in the demo town (UTC+8). */
    public static final long START = Instant.parse("2026-11-25T04:00:00Z").toEpochMilli();
    static final long FRAME_MILLIS = 1000;
    private static final double ARRIVALS_PER_FRAME = 0.05;

    private DwellStream() {}

    /** Frames of {@code seconds} of every watching camera, in time order. */
    public static List<CameraFrame> generate(Town town, int seconds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<CameraPlan> plans = new ArrayList<>();
        for (TownFile.Camera camera : town.cameras()) {
            List<ZoneRule> rules = town.zoneRules(camera.id());
            if (!rules.isEmpty()) {
                plans.add(new CameraPlan(camera.id(), rules, seconds, random.split()));
            }
        }
        List<CameraFrame> frames = new ArrayList<>(plans.size() * seconds);
        for (int s = 0; s < seconds; s++) {
            long time = START + s * FRAME_MILLIS;
            for (CameraPlan plan : plans) {
                frames.add(new CameraFrame(plan.camera, time, null, plan.objectsAt(s)));
            }
        }
        return frames;
    }

    /** One camera's visits: [arrival second, departure second) and the object. */
    private static final class CameraPlan {
        final String camera;
        final List<int[]> spans = new ArrayList<>();
        final List<DetectedObject> objects = new ArrayList<>();

        CameraPlan(String camera, List<ZoneRule> rules, int seconds, SplittableRandom random) {
            this.camera = camera;
            long longest = rules.stream().mapToLong(r -> r.dwell().toSeconds()).max().orElse(60);
            for (int s = 1; s < seconds; s++) {
                if (random.nextDouble() >= ARRIVALS_PER_FRAME) {
                    continue;
                }
                ZoneRule rule = rules.get(random.nextInt(rules.size()));
                int stay = avoidBoundary(1 + random.nextInt((int) Math.max(2, longest * 3 / 2)), rules);
                DetectedObject object = placeIn(rule, camera + "-t" + s, random);
                if (object != null && s + stay < seconds - 1) {
                    spans.add(new int[] {s, s + stay});
                    objects.add(object);
                }
            }
        }

        /** Frames from arrival to departure show it: last seen at {@code stay − 1} s after it came. */
        static int avoidBoundary(int stay, List<ZoneRule> rules) {
            long absence = DwellTracker.ABSENCE_TIMEOUT.toSeconds();
            for (ZoneRule rule : rules) {
                if (stay - 1 + absence == rule.dwell().toSeconds()) {
                    return stay + 1;
                }
            }
            return stay;
        }

        List<DetectedObject> objectsAt(int second) {
            List<DetectedObject> seen = new ArrayList<>(2);
            for (int i = 0; i < spans.size(); i++) {
                if (spans.get(i)[0] <= second && second < spans.get(i)[1]) {
                    seen.add(objects.get(i));
                }
            }
            return seen;
        }
    }

    /** Test access to the planner's boundary rule. */
    static final class CameraPlanAccess {
        private CameraPlanAccess() {}

        static int avoidBoundary(int stay, List<ZoneRule> rules) {
            return CameraPlan.avoidBoundary(stay, rules);
        }
    }

    /** An object of one of the rule's labels whose box stands inside the rule's zone, or null if none was found. */
    static DetectedObject placeIn(ZoneRule rule, String track, SplittableRandom random) {
        List<String> labels = new ArrayList<>(rule.labels());
        String label = labels.get(random.nextInt(labels.size()));
        for (int attempt = 0; attempt < 100; attempt++) {
            double footX = random.nextDouble(0.05, 0.95);
            double footY = random.nextDouble(0.25, 0.99);
            DetectedObject object = new DetectedObject(track, label, Math.max(0.95, rule.minConfidence()),
                    new Box(footX - 0.05, footY - 0.2, 0.1, 0.2));
            if (DwellTracker.standsIn(rule, object)) {
                return object;
            }
        }
        return null;
    }
}
