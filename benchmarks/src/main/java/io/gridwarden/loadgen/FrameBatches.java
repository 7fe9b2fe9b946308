package io.gridwarden.loadgen;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Request bodies for load: a batch of detection frames from one camera, as a camera that buffers
 * its frames sends them. Built from a template rather than through the codec, so the generator
 * spends its CPU on sending, not on JSON, on the same two cores as the system under test.
 */
public final class FrameBatches {

    private final String runId;
    private final SplittableRandom random = new SplittableRandom();
    private long sequence;

    public FrameBatches(String runId) {
        this.runId = runId;
    }

    /** A batch of {@code size} frames from {@code camera}, each seeing 0–2 passing cars, ids unique to this run. */
    public byte[] next(String camera, int size) {
        String time = Instant.now().toString();
        StringBuilder json = new StringBuilder(size * 260).append('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            appendFrame(json, camera, time);
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same frames one by one (each a CloudEvent object), as a log stores them. */
    public List<byte[]> events(String camera, int size) {
        String time = Instant.now().toString();
        List<byte[]> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            StringBuilder json = new StringBuilder(260);
            appendFrame(json, camera, time);
            events.add(json.toString().getBytes(StandardCharsets.UTF_8));
        }
        return events;
    }

    private void appendFrame(StringBuilder json, String camera, String time) {
        json.append("{\"specversion\":\"1.0\",\"id\":\"").append(camera).append('-').append(runId).append('-').append(++sequence)
                .append("\",\"source\":\"").append(camera).append("\",\"type\":\"gw.detection\",\"time\":\"").append(time)
                .append("\",\"data\":{\"objects\":[");
        int cars = random.nextInt(3);
        for (int c = 0; c < cars; c++) {
            if (c > 0) {
                json.append(',');
            }
            double x = random.nextDouble(0.0, 0.8);
            double y = random.nextDouble(0.0, 0.7);
            json.append("{\"track\":\"p-").append(sequence % 997).append('-').append(c)
                    .append("\",\"label\":\"car\",\"confidence\":0.9,\"box\":[")
                    .append(String.format(Locale.ROOT, "%.3f,%.3f,0.150,0.200", x, y)).append("]}");
        }
        json.append("]}}");
    }
}
