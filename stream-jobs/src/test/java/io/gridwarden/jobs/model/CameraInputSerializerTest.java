package io.gridwarden.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The camera inputs' serializer: Flink's own battery of serializer checks ({@link SerializerTestBase}: copies,
 * sequences, duplicates, snapshots, Java serialization), plus what it is for — the strings frames repeat read as
 * one instance — and the way from the state of builds before it.
 */
class CameraInputSerializerTest extends SerializerTestBase<CameraInput> {

    private static final long T = 1_796_400_000_000L;

    /** As the camera operator checkpoints a held input. */
    public record Held(String camera, long time, CameraInput input) {}

    private static CameraFrame frame(String camera, long time, String snapshot, String evidence, DetectedObject... objects) {
        return new CameraFrame(camera, time, snapshot, List.of(objects), evidence);
    }

    private static DetectedObject car(String track, double x) {
        return new DetectedObject(track, "car", 0.91, new Box(x, 0.6, 0.2, 0.25));
    }

    @Override
    protected TypeSerializer<CameraInput> createSerializer() {
        return TypeInformation.of(CameraInput.class).createSerializer(new SerializerConfigImpl());
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<CameraInput> getTypeClass() {
        return CameraInput.class;
    }

    @Override
    protected boolean allowNullInstances(TypeSerializer<CameraInput> serializer) {
        return true;
    }

    @Override
    protected CameraInput[] getTestData() {
        String longTrack = "t-" + "9".repeat(200);
        return new CameraInput[] {
            CameraInput.of(frame("cam-0001", T, "http://cam-0001.local/snap/1.jpg", null, car("t-1", 0.4))),
            CameraInput.of(frame("cam-0001", T + 250, null, "sha256:" + "ab".repeat(32), car("t-1", 0.41), car("t-2", 0.1))),
            CameraInput.of(frame("cam-0002", T + 250, null, null)),
            CameraInput.of(frame("kamera-straße-7", -1, "https://example.org/ü", null,
                    new DetectedObject("spur-é", "vélo", 0.5, new Box(0, 0, 1, 1)), new DetectedObject(longTrack, "car", 1e-9, new Box(-0.0, 1e300, 0.5, 0.5)),
                    new DetectedObject(null, null, Double.NaN, new Box(0.1, 0.2, 0.3, 0.4)))),
            CameraInput.of(CameraNotice.of(OperatorAction.close("v-1", "cam-0001", T + 9, "cleared", "op-1"))),
            CameraInput.of(CameraNotice.of(new WarningFailure("cam-0001", T + 10, "cmd-1", "speaker offline"))),
        };
    }

    @Test
    @DisplayName("Flink's type extraction gives this serializer for the keyed stream and for held inputs inside other records")
    void shouldBeWhatFlinkExtracts() {
        assertThat(TypeInformation.of(CameraInput.class)).isInstanceOf(CameraInputType.class);
        assertThat(createSerializer()).isInstanceOf(CameraInputSerializer.class);
        assertThat(((PojoTypeInfo<Held>) TypeInformation.of(Held.class)).getTypeAt("input")).isInstanceOf(CameraInputType.class);
    }

    @Test
    @DisplayName("The camera, the tracks and the labels of frame after frame are one instance each; a snapshot's URL is read anew")
    void shouldReadRepeatedStringsAsOneInstance() throws IOException {
        TypeSerializer<CameraInput> serializer = createSerializer();
        CameraFrame first = roundTrip(serializer, frame(new String("cam-0042"), T, "http://cam-0042.local/1.jpg", null, car(new String("t-7"), 0.4))).frame();
        CameraFrame second = roundTrip(serializer, frame(new String("cam-0042"), T + 250, "http://cam-0042.local/1.jpg", null, car(new String("t-7"), 0.5))).frame();

        assertThat(second.camera()).isSameAs(first.camera()).isEqualTo("cam-0042");
        assertThat(second.objects().get(0).track()).isSameAs(first.objects().get(0).track()).isEqualTo("t-7");
        assertThat(second.objects().get(0).label()).isSameAs(first.objects().get(0).label());
        assertThat(second.snapshot()).isEqualTo(first.snapshot()).isNotSameAs(first.snapshot());
        assertThat(second.objects().get(0).box()).isEqualTo(new Box(0.5, 0.6, 0.2, 0.25));
    }

    @Test
    @DisplayName("Two cameras whose strings fall in the same place of the table, read in turn, are still one instance each")
    void shouldKeepTwoStringsOfOnePlaceShared() throws IOException {
        String camera = "cam-00417";
        int place = CameraInputSerializer.Strings.pairOf(camera.hashCode());
        String other = IntStream.range(0, 10_000_000).mapToObj(i -> "cam-" + i)
                .filter(c -> !c.equals(camera) && CameraInputSerializer.Strings.pairOf(c.hashCode()) == place)
                .findFirst().orElseThrow();
        TypeSerializer<CameraInput> serializer = createSerializer();
        String firstCamera = roundTrip(serializer, frame(new String(camera), T, null, null)).frame().camera();
        String firstOther = roundTrip(serializer, frame(new String(other), T, null, null)).frame().camera();
        for (int i = 1; i <= 3; i++) {
            assertThat(roundTrip(serializer, frame(new String(camera), T + i, null, null)).frame().camera()).isSameAs(firstCamera);
            assertThat(roundTrip(serializer, frame(new String(other), T + i, null, null)).frame().camera()).isSameAs(firstOther);
        }
    }

    @Test
    @DisplayName("A string that collides with another in the table or is not ASCII is still read exactly")
    void shouldReadCollidingAndNonAsciiStringsExactly() throws IOException {
        TypeSerializer<CameraInput> serializer = createSerializer();
        List<String> tracks = new ArrayList<>();
        for (int i = 0; i < 3 * CameraInputSerializer.Strings.SLOTS; i++) {
            tracks.add("t-" + i);
        }
        tracks.add("Aa"); // "Aa" and "BB" have the same hash
        tracks.add("BB");
        tracks.add("Ωmega");
        for (String track : tracks) {
            assertThat(roundTrip(serializer, frame("cam-1", T, null, null, car(track, 0.1))).frame().objects().get(0).track()).isEqualTo(track);
        }
        assertThat(roundTrip(serializer, frame("cam-1", T, null, null, car("Aa", 0.1))).frame().objects().get(0).track()).isEqualTo("Aa");
    }

    @Test
    @DisplayName("Bytes that are not a camera input are refused with a message, not read as one")
    void shouldRefuseAnUnknownTag() {
        assertThatThrownBy(() -> createSerializer().deserialize(new DataInputDeserializer(new byte[] {7, 0, 0})))
                .isInstanceOf(IOException.class).hasMessageContaining("not a camera input: tag 7");
        assertThatThrownBy(() -> createSerializer().deserialize(new DataInputDeserializer(new byte[] {1, -1, -1, -1, -1, -1})))
                .isInstanceOf(IOException.class).hasMessageContaining("length");
        byte[] claimsManyObjects = {1, 2, 'c', 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, 7}; // camera "c", no snapshot, 2^31-1 objects
        assertThatThrownBy(() -> createSerializer().deserialize(new DataInputDeserializer(claimsManyObjects)))
                .isInstanceOf(java.io.EOFException.class);
    }

    @Test
    @DisplayName("State written by builds before it (Flink's record serializer) migrates: read by the old serializer, written by this one")
    void shouldMigrateFromTheRecordSerializer() throws IOException {
        TypeSerializer<CameraInput> before = recordSerializer();
        TypeSerializerSnapshot<CameraInput> beforeSnapshot = readBack(before.snapshotConfiguration());

        TypeSerializerSchemaCompatibility<CameraInput> compatibility = createSerializer().snapshotConfiguration().resolveSchemaCompatibility(beforeSnapshot);

        assertThat(compatibility.isCompatibleAfterMigration()).as(compatibility.toString()).isTrue();
        TypeSerializer<CameraInput> reader = beforeSnapshot.restoreSerializer();
        for (CameraInput input : getTestData()) {
            DataOutputSerializer old = new DataOutputSerializer(256);
            before.serialize(input, old);
            CameraInput read = reader.deserialize(new DataInputDeserializer(old.getCopyOfBuffer()));
            assertThat(roundTrip(createSerializer(), read)).isEqualTo(input);
        }
    }

    /** The serializer builds before this one had for {@link CameraInput}: Flink's POJO serializer of the record. */
    private static TypeSerializer<CameraInput> recordSerializer() {
        return Types.POJO(CameraInput.class, Map.of("frame", TypeInformation.of(CameraFrame.class), "notice", TypeInformation.of(CameraNotice.class)))
                .createSerializer(new SerializerConfigImpl());
    }

    private static <T> TypeSerializerSnapshot<T> readBack(TypeSerializerSnapshot<T> snapshot) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()), CameraInputSerializerTest.class.getClassLoader());
    }

    private static CameraInput roundTrip(TypeSerializer<CameraInput> serializer, CameraFrame frame) throws IOException {
        return roundTrip(serializer, CameraInput.of(frame));
    }

    private static CameraInput roundTrip(TypeSerializer<CameraInput> serializer, CameraInput input) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(input, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
