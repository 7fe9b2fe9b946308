package io.gridwarden.jobs.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Splits in checkpoints: a split is (partition, next offset); the enumerator's state is a list of them. */
final class LogSplitSerializer {

    private static final int VERSION = 1;

    private LogSplitSerializer() {}

    static SimpleVersionedSerializer<LogSplit> split() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return VERSION;
            }

            @Override
            public byte[] serialize(LogSplit split) throws IOException {
                return write(List.of(split));
            }

            @Override
            public LogSplit deserialize(int version, byte[] bytes) throws IOException {
                return read(version, bytes).get(0);
            }
        };
    }

    static SimpleVersionedSerializer<Collection<LogSplit>> splits() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return VERSION;
            }

            @Override
            public byte[] serialize(Collection<LogSplit> splits) throws IOException {
                return write(splits);
            }

            @Override
            public Collection<LogSplit> deserialize(int version, byte[] bytes) throws IOException {
                return read(version, bytes);
            }
        };
    }

    private static byte[] write(Collection<LogSplit> splits) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(splits.size());
            for (LogSplit split : splits) {
                out.writeInt(split.partition());
                out.writeLong(split.nextOffset());
            }
        }
        return bytes.toByteArray();
    }

    private static List<LogSplit> read(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown log split format version " + version + "; this build reads version " + VERSION);
        }
        try (var in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int count = in.readInt();
            List<LogSplit> splits = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                splits.add(new LogSplit(in.readInt(), in.readLong()));
            }
            return splits;
        }
    }
}
