package io.gridwarden.loadgen;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Request bodies for load: a batch of detection frames from one camera, as a camera that buffers
 * its frames sends them. Built from a template rather than through the codec, so the generator
 * spends its CPU on sending, not on JSON, on the same two cores as the system under test: for the same
 * reason boxes are written with integer arithmetic, not {@code String.format}, and one builder serves
 * every batch. Not thread-safe: each sender has its own.
 */
public final class FrameBatches {

    private final String runId;
    private final SplittableRandom random = new SplittableRandom();
    private final StringBuilder json = new StringBuilder();
    private long sequence;

    public FrameBatches(String runId) {
        this.runId = runId;
    }

    /** A batch of {@code size} frames from {@code camera}, each seeing 0–2 passing cars, ids unique to this run. */
    public byte[] next(String camera, int size) {
        return next(camera, size, null);
    }

    /**
     * As {@link #next(String, int)}, each frame also showing a car parked (track {@code parkedTrack}) in the lower
     * half of the picture, where a {@link CityTown} camera's parking zone is; null: none.
     */
    public byte[] next(String camera, int size, String parkedTrack) {
        String time = Instant.now().toString();
        json.setLength(0);
        json.append('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            appendFrame(camera, time, parkedTrack);
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same frames one by one (each a CloudEvent object), as a log stores them. */
    public List<byte[]> events(String camera, int size) {
        String time = Instant.now().toString();
        List<byte[]> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            json.setLength(0);
            appendFrame(camera, time, null);
            events.add(json.toString().getBytes(StandardCharsets.UTF_8));
        }
        return events;
    }

    private void appendFrame(String camera, String time, String parkedTrack) {
        json.append("{\"specversion\":\"1.0\",\"id\":\"").append(camera).append('-').append(runId).append('-');
        appendFixedWidth(++sequence);
        json.append("\",\"source\":\"").append(camera).append("\",\"type\":\"gw.detection\",\"time\":\"").append(time)
                .append("\",\"data\":{\"objects\":[");
        int cars = random.nextInt(3);
        for (int c = 0; c < cars; c++) {
            if (c > 0) {
                json.append(',');
            }
            double x = random.nextDouble(0.0, 0.8);
            double y = random.nextDouble(0.0, 0.7);
            json.append("{\"track\":\"p-").append(sequence % 997).append('-').append(c)
                    .append("\",\"label\":\"car\",\"confidence\":0.9,\"box\":[");
            appendThousandths(json, x).append(',');
            appendThousandths(json, y).append(",0.150,0.200]}");
        }
        if (parkedTrack != null) {
            json.append(cars > 0 ? "," : "").append("{\"track\":\"").append(parkedTrack)
                    .append("\",\"label\":\"car\",\"confidence\":0.9,\"box\":[0.400,0.650,0.150,0.200]}");
        }
        json.append("]}}");
    }

    /** Appends {@code value} (not negative) with exactly three decimals, rounded half up as {@code %.3f} does. */
    static StringBuilder appendThousandths(StringBuilder out, double value) {
        long thousandths = Math.round(value * 1000);
        long fraction = thousandths % 1000;
        out.append(thousandths / 1000).append('.');
        if (fraction < 100) {
            out.append(fraction < 10 ? "00" : "0");
        }
        return out.append(fraction);
    }

    /**
     * The sequence in twelve digits: ids that rise as text as well as in number, as devices' timestamped ids
     * do (an unpadded counter's "…-10" sorts before "…-9", which defeats the log's rising-key shortcut).
     */
    private void appendFixedWidth(long value) {
        for (long limit = 100_000_000_000L; limit > 1 && value < limit; limit /= 10) {
            json.append('0');
        }
        json.append(value);
    }
}
