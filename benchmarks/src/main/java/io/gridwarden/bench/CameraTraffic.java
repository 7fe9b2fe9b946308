package io.gridwarden.bench;

import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.jobs.model.CameraFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded streams of camera frames for the operator benchmark, one frame at a time in event-time order.
 *
 * <p>{@link #busy()} is the load generator's street ({@code loadgen.FrameBatches}): 300 frames a
 * second from one camera, 0–2 passing cars at random places, track ids recurring every 997 frames, so
 * hundreds of tracks are alive within the absence timeout. {@link #street()} is an ordinary camera:
 * four frames a second, up to three cars that park for a while (some past the dwell) and leave.
 */
final class CameraTraffic {

    /** Noon in the demo town: every rule is active. */
    static final long START = Instant.parse("2026-11-25T04:00:00Z").toEpochMilli();
    /** The demo town's cam-0003: a street-vending zone (lower half) and a parking zone (left, middle). */
    static final String CAMERA = "cam-0003";

    private static final int RECURRING_IDS = 997;

    private final SplittableRandom random = new SplittableRandom(42);
    private final int framesPerSecond;
    private final boolean passing;
    private long sequence;

    private CameraTraffic(int framesPerSecond, boolean passing) {
        this.framesPerSecond = framesPerSecond;
        this.passing = passing;
    }

    static CameraTraffic busy() {
        return new CameraTraffic(300, true);
    }

    static CameraTraffic street() {
        return new CameraTraffic(4, false);
    }

    int framesPerSecond() {
        return framesPerSecond;
    }

    CameraFrame next() {
        long n = sequence++;
        long time = START + n * 1_000 / framesPerSecond;
        return new CameraFrame(CAMERA, time, null, passing ? passingCars(n) : parkedCars(time));
    }

    private List<DetectedObject> passingCars(long n) {
        int cars = random.nextInt(3);
        List<DetectedObject> objects = new ArrayList<>(cars);
        for (int c = 0; c < cars; c++) {
            Box box = new Box(random.nextDouble(0.0, 0.8), random.nextDouble(0.0, 0.7), 0.15, 0.2);
            objects.add(new DetectedObject("p-" + (n % RECURRING_IDS) + "-" + c, "car", 0.9, box));
        }
        return objects;
    }

    /** Slot k holds a car for {@code 2 × (k + 1)} minutes less ten seconds (the last past the 5-minute dwell), then the next one. */
    private static List<DetectedObject> parkedCars(long time) {
        long seconds = (time - START) / 1_000;
        List<DetectedObject> objects = new ArrayList<>(3);
        for (int k = 0; k < 3; k++) {
            long stay = 120L * (k + 1);
            if (seconds % stay < stay - 10) { // ten seconds of an empty space between two cars
                objects.add(new DetectedObject("s-" + k + "-" + seconds / stay, "car", 0.9, new Box(0.05 + 0.12 * k, 0.2, 0.1, 0.2)));
            }
        }
        return objects;
    }
}
