package io.gridwarden.jobs.model;

import io.gridwarden.common.event.Box;
import io.gridwarden.common.event.DetectedObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * How a camera's input crosses the {@code keyBy(camera)} edge and sits in the camera operator's state: a frame
 * field by field, a notice with Flink's serializer of {@link CameraNotice}.
 *
 * <p>Every frame reaches detection through this serializer's {@link #deserialize}, and detection holds it until
 * the watermark passes (a few hundred milliseconds, some 70,000 frames at 100,000 events/s), so what it makes
 * is what every young collection copies. Flink's record serializer made a new string for the camera, the track
 * and the label of every frame, and boxed the box's numbers on the way to the constructor. This one reads the
 * strings that repeat from frame to frame — the camera, a track's id, a label — as one shared instance each
 * ({@link Strings}), and the numbers as numbers.
 *
 * <p><b>Format</b> (version 1): a tag byte, 1 for a frame, 2 for a notice. A frame: camera, time (8 bytes),
 * snapshot, the number of objects (varint) and for each its track, label, confidence and box (five doubles), then
 * evidence; each string a varint of its UTF-8 length plus one (0 for null) and the bytes. State checkpointed
 * before this serializer (Flink's record serializer) restores through Flink's migration: read with the old
 * serializer, written with this one ({@link Snapshot#resolveSchemaCompatibility}).
 */
public final class CameraInputSerializer extends TypeSerializer<CameraInput> {

    private static final long serialVersionUID = 1L;
    private static final byte FRAME = 1;
    private static final byte NOTICE = 2;

    private final TypeSerializer<CameraNotice> notices;
    private transient Strings strings;

    /** {@code notices}: how notices are written (Flink's serializer of the record). */
    public CameraInputSerializer(TypeSerializer<CameraNotice> notices) {
        this.notices = notices;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    /** A serializer of its own for each thread: the string table and the notices' serializer are not shared. */
    @Override
    public TypeSerializer<CameraInput> duplicate() {
        return new CameraInputSerializer(notices.duplicate());
    }

    @Override
    public CameraInput createInstance() {
        return null;
    }

    /** A copy that shares what cannot change (strings, objects, the notice's records) and not the list of objects. */
    @Override
    public CameraInput copy(CameraInput from) {
        if (from.frame() == null) {
            return CameraInput.of(notices.copy(from.notice()));
        }
        CameraFrame frame = from.frame();
        return CameraInput.of(new CameraFrame(frame.camera(), frame.time(), frame.snapshot(), List.copyOf(frame.objects()), frame.evidence()));
    }

    @Override
    public CameraInput copy(CameraInput from, CameraInput reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(CameraInput input, DataOutputView target) throws IOException {
        CameraFrame frame = input.frame();
        if (frame == null) {
            target.writeByte(NOTICE);
            notices.serialize(input.notice(), target);
            return;
        }
        target.writeByte(FRAME);
        writeString(frame.camera(), target);
        target.writeLong(frame.time());
        writeString(frame.snapshot(), target);
        List<DetectedObject> objects = frame.objects();
        writeVarInt(objects.size(), target);
        for (DetectedObject object : objects) {
            writeString(object.track(), target);
            writeString(object.label(), target);
            target.writeDouble(object.confidence());
            Box box = object.box();
            target.writeDouble(box.x());
            target.writeDouble(box.y());
            target.writeDouble(box.w());
            target.writeDouble(box.h());
        }
        writeString(frame.evidence(), target);
    }

    @Override
    public CameraInput deserialize(DataInputView source) throws IOException {
        byte tag = source.readByte();
        if (tag == NOTICE) {
            return CameraInput.of(notices.deserialize(source));
        }
        if (tag != FRAME) {
            throw new IOException("not a camera input: tag " + tag + " (this build writes " + FRAME + " for a frame, " + NOTICE
                    + " for a notice)");
        }
        Strings strings = strings();
        String camera = strings.read(source);
        long time = source.readLong();
        String snapshot = Strings.readOnce(source);
        int count = readVarInt(source);
        // grown as objects are read, not sized from the count alone: damaged bytes fail on reading, not on a huge array
        DetectedObject[] objects = new DetectedObject[Math.min(count, 64)];
        for (int i = 0; i < count; i++) {
            if (i == objects.length) {
                objects = Arrays.copyOf(objects, Math.min(count, 2 * objects.length));
            }
            String track = strings.read(source);
            String label = strings.read(source);
            double confidence = source.readDouble();
            objects[i] = new DetectedObject(track, label, confidence,
                    new Box(source.readDouble(), source.readDouble(), source.readDouble(), source.readDouble()));
        }
        String evidence = Strings.readOnce(source);
        return CameraInput.of(new CameraFrame(camera, time, snapshot, List.of(objects), evidence));
    }

    @Override
    public CameraInput deserialize(CameraInput reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CameraInputSerializer that && notices.equals(that.notices);
    }

    @Override
    public int hashCode() {
        return notices.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<CameraInput> snapshotConfiguration() {
        return new Snapshot(this);
    }

    /** Made on first use: a serializer arrives in a task by Java serialization, which leaves it out. */
    private Strings strings() {
        if (strings == null) {
            strings = new Strings();
        }
        return strings;
    }

    private static void writeString(String value, DataOutputView target) throws IOException {
        if (value == null) {
            writeVarInt(0, target);
            return;
        }
        int length = value.length();
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                writeVarInt(bytes.length + 1, target);
                target.write(bytes);
                return;
            }
        }
        writeVarInt(length + 1, target); // ASCII, the usual case: its bytes are its characters
        for (int i = 0; i < length; i++) {
            target.writeByte(value.charAt(i));
        }
    }

    private static void writeVarInt(int value, DataOutputView target) throws IOException {
        int rest = value;
        while ((rest & ~0x7F) != 0) {
            target.writeByte((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        target.writeByte(rest);
    }

    private static int readVarInt(DataInputView source) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            byte b = source.readByte();
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                if (value < 0) {
                    throw new IOException("a camera input's length is out of range: " + Integer.toUnsignedString(value));
                }
                return value;
            }
        }
        throw new IOException("a camera input's length runs past five bytes");
    }

    /**
     * The strings a frame repeats, one instance each: a table of {@value #SLOTS} slots in pairs, each pair holding
     * the last two short ASCII strings whose hash falls in it (the one read last first). A string read is a slot's
     * instance when the hash and the bytes match, else a new one that takes the pair's first slot, the first moving
     * to the second. Bounded by its slots ({@value #LONGEST} bytes each at most); a miss costs only a new string,
     * as without the table.
     *
     * <p>The hash is mixed before it picks a pair: ids that differ in their last characters ({@code cam-00417},
     * {@code cam-00418}) have hashes that differ in their low bits by multiples of 31, which left a table of the
     * raw hash's bits missing 18 % of a city's reads (10,000 cameras, 3,000 tracks), against 1 % with the mix and
     * pairs. A miss is a new string whose hash every map it meets computes again.
     */
    static final class Strings {

        static final int SLOTS = 1 << 16;
        static final int LONGEST = 64;

        private final String[] slots = new String[SLOTS];
        private final int[] hashes = new int[SLOTS];
        private final byte[] buffer = new byte[LONGEST];

        String read(DataInputView source) throws IOException {
            int length = readVarInt(source) - 1;
            if (length < 0) {
                return null;
            }
            if (length > LONGEST) {
                return readBytes(source, length);
            }
            source.readFully(buffer, 0, length);
            int hash = 0;
            for (int i = 0; i < length; i++) {
                byte b = buffer[i];
                if (b < 0) { // not ASCII: a byte is not a character, so the hash is not String's
                    return new String(buffer, 0, length, StandardCharsets.UTF_8);
                }
                hash = 31 * hash + b;
            }
            int first = pairOf(hash);
            String held = slots[first];
            if (held != null && hashes[first] == hash && sameAscii(held, length)) {
                return held;
            }
            String second = slots[first + 1];
            boolean hit = second != null && hashes[first + 1] == hash && sameAscii(second, length);
            String read = hit ? second : new String(buffer, 0, length, StandardCharsets.US_ASCII);
            // read last, so first: the other is the one the next miss replaces
            slots[first + 1] = held;
            hashes[first + 1] = hashes[first];
            slots[first] = read;
            hashes[first] = hash;
            return read;
        }

        /** The first slot of the pair a string of hash {@code hash} (String's) goes to. */
        static int pairOf(int hash) {
            int mixed = hash * 0x9E3779B9;
            return (mixed ^ (mixed >>> 16)) & (SLOTS - 2);
        }

        /** A string that does not repeat (a snapshot's URL, an evidence ref): read, not kept. */
        static String readOnce(DataInputView source) throws IOException {
            int length = readVarInt(source) - 1;
            return length < 0 ? null : readBytes(source, length);
        }

        private boolean sameAscii(String held, int length) {
            if (held.length() != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (held.charAt(i) != buffer[i]) {
                    return false;
                }
            }
            return true;
        }

        private static String readBytes(DataInputView source, int length) throws IOException {
            byte[] bytes = new byte[length];
            source.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * The notices' serializer, nested. Against a snapshot of another serializer of camera inputs (Flink's record
     * serializer, which wrote the state of builds before this one) the answer is migration: Flink reads that state
     * with the serializer the old snapshot restores and writes it with this one.
     */
    public static final class Snapshot extends CompositeTypeSerializerSnapshot<CameraInput, CameraInputSerializer> {

        private static final int VERSION = 1;

        /** For Flink, which reads a snapshot into a new instance. */
        public Snapshot() {}

        Snapshot(CameraInputSerializer serializer) {
            super(serializer);
        }

        @Override
        public TypeSerializerSchemaCompatibility<CameraInput> resolveSchemaCompatibility(TypeSerializerSnapshot<CameraInput> old) {
            return old instanceof Snapshot ? super.resolveSchemaCompatibility(old) : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return VERSION;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(CameraInputSerializer outer) {
            return new TypeSerializer<?>[] {outer.notices};
        }

        @Override
        @SuppressWarnings("unchecked")
        protected CameraInputSerializer createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            return new CameraInputSerializer((TypeSerializer<CameraNotice>) nested[0]);
        }
    }
}
