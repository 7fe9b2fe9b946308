package io.gridwarden.bench;

import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.CameraInput;
import io.gridwarden.jobs.model.CameraNotice;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A camera frame across the {@code keyBy(camera)} edge: written by the decoder's task, read by detection's, which
 * holds what it reads until the watermark passes. The load generator's street (0–2 passing cars, track ids
 * recurring every 997 frames) spread over the demo town's 134 cameras or a city's 10,000 ({@code cameras}: with
 * the tracks, some 13,000 strings that repeat, the many the string table must tell apart).
 *
 * <ul>
 *   <li>{@code record}: Flink's record (POJO) serializer of {@link CameraInput}, what builds before
 *   {@code CameraInputSerializer} used: a new string for every camera, track and label, the box's numbers boxed.</li>
 *   <li>{@code camera}: {@code CameraInputSerializer}, the strings that repeat read as one instance each.</li>
 * </ul>
 * Scores are microseconds per frame written and read ({@code us/op}); run with {@code -prof gc} for the bytes
 * allocated per frame ({@code gc.alloc.rate.norm}), most of which detection then holds for a few hundred
 * milliseconds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CameraInputSerializerBenchmark {

    private static final int DISTINCT_FRAMES = 1 << 15;

    @Param({"record", "camera"})
    public String serializer;

    @Param({"134", "10000"})
    public int cameras;

    private final byte[][] written = new byte[DISTINCT_FRAMES][];
    private final DataInputDeserializer in = new DataInputDeserializer();
    private final DataOutputSerializer out = new DataOutputSerializer(512);
    private final CameraInput[] frames = new CameraInput[DISTINCT_FRAMES];
    private TypeSerializer<CameraInput> chosen;
    private int next;

    @Setup
    public void setUp() throws IOException {
        chosen = switch (serializer) {
            case "record" -> Types.POJO(CameraInput.class, Map.of("frame", TypeInformation.of(CameraFrame.class),
                    "notice", TypeInformation.of(CameraNotice.class))).createSerializer(new SerializerConfigImpl());
            case "camera" -> TypeInformation.of(CameraInput.class).createSerializer(new SerializerConfigImpl());
            default -> throw new IllegalArgumentException("serializer: record or camera, not " + serializer);
        };
        CameraTraffic street = CameraTraffic.busy();
        for (int i = 0; i < DISTINCT_FRAMES; i++) {
            CameraFrame frame = street.next();
            String camera = String.format(Locale.ROOT, "cam-%05d", 1 + i % cameras);
            frames[i] = CameraInput.of(new CameraFrame(camera, frame.time(), frame.snapshot(), frame.objects()));
            out.clear();
            chosen.serialize(frames[i], out);
            written[i] = out.getCopyOfBuffer();
        }
    }

    /** Reading a frame as detection's task does. */
    @Benchmark
    public CameraInput read() throws IOException {
        next = (next + 1) % DISTINCT_FRAMES;
        in.setBuffer(written[next]);
        return chosen.deserialize(in);
    }

    /** Writing it as the decoder's task does. */
    @Benchmark
    public int write() throws IOException {
        next = (next + 1) % DISTINCT_FRAMES;
        out.clear();
        chosen.serialize(frames[next], out);
        return out.length();
    }
}
