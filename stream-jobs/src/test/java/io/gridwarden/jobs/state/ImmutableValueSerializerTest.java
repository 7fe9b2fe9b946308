package io.gridwarden.jobs.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.jobs.model.CameraFrame;
import io.gridwarden.jobs.model.CameraInput;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ImmutableValueSerializerTest {

    private static final CameraInput INPUT = CameraInput.of(new CameraFrame("cam-0001", 1_796_400_000_000L, "http://cam-0001.local/snap/1.jpg",
            List.of(new DetectedObject("t-1", "car", 0.93, new Box(0.1, 0.2, 0.3, 0.4))), null));

    private static TypeSerializer<CameraInput> plain() {
        return TypeInformation.of(CameraInput.class).createSerializer(new SerializerConfigImpl());
    }

    @Test
    @DisplayName("A copy is the value itself, which is what makes a checkpoint's synchronous copy of held inputs cheap")
    void shouldCopyByReference() {
        var serializer = new ImmutableValueSerializer<>(plain());

        assertThat(serializer.copy(INPUT)).isSameAs(INPUT);
        assertThat(serializer.copy(INPUT, null)).isSameAs(INPUT);
        assertThat(serializer.isImmutableType()).isTrue();
        assertThat(plain().copy(INPUT)).as("what the plain serializer does instead").isNotSameAs(INPUT).isEqualTo(INPUT);
    }

    @Test
    @DisplayName("Its bytes are the wrapped serializer's: state written by either reads back with the other")
    void shouldWriteTheWrappedSerializersBytes() throws IOException {
        var wrapped = new ImmutableValueSerializer<>(plain());

        byte[] byWrapped = write(wrapped, INPUT);
        byte[] byPlain = write(plain(), INPUT);

        assertThat(byWrapped).isEqualTo(byPlain);
        assertThat(wrapped.deserialize(new DataInputDeserializer(byPlain))).isEqualTo(INPUT);
        assertThat(plain().deserialize(new DataInputDeserializer(byWrapped))).isEqualTo(INPUT);
    }

    @Test
    @DisplayName("Restoring state checkpointed with the wrapped serializer alone (before this one) is compatible as is")
    void shouldAcceptTheWrappedSerializersSnapshot() {
        TypeSerializerSnapshot<CameraInput> before = plain().snapshotConfiguration();

        TypeSerializerSchemaCompatibility<CameraInput> compatibility =
                new ImmutableValueSerializer<>(plain()).snapshotConfiguration().resolveSchemaCompatibility(before);

        assertThat(compatibility.isCompatibleAsIs()).as(compatibility.toString()).isTrue();
    }

    @Test
    @DisplayName("Its snapshot, written and read back, restores a serializer that reads the same bytes and copies by reference")
    void shouldRestoreFromItsOwnSnapshot() throws IOException {
        var serializer = new ImmutableValueSerializer<>(plain());
        DataOutputSerializer out = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, serializer.snapshotConfiguration());

        TypeSerializerSnapshot<CameraInput> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
        TypeSerializer<CameraInput> restored = read.restoreSerializer();

        assertThat(read.resolveSchemaCompatibility(serializer.snapshotConfiguration()).isCompatibleAsIs()).isTrue();
        assertThat(restored).isInstanceOf(ImmutableValueSerializer.class).isEqualTo(serializer);
        assertThat(restored.deserialize(new DataInputDeserializer(write(serializer, INPUT)))).isEqualTo(INPUT);
        assertThat(restored.copy(INPUT)).isSameAs(INPUT);
    }

    private static byte[] write(TypeSerializer<CameraInput> serializer, CameraInput value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
    }
}
