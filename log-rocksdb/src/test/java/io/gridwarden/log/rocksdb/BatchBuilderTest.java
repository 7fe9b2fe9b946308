package io.gridwarden.log.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

class BatchBuilderTest {

    @TempDir
    Path dir;

    @Test
    void shouldSerialiseExactlyAsRocksDbDoesAndWriteWhatItHolds() throws Exception {
        RocksDB.loadLibrary();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             RocksDB db = RocksDB.open(options, dir.toString(), List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
                     new ColumnFamilyDescriptor("one".getBytes(StandardCharsets.UTF_8)),
                     new ColumnFamilyDescriptor("two".getBytes(StandardCharsets.UTF_8))), handles)) {
            byte[] longValue = new byte[300]; // lengths above 127 take a two-byte varint
            longValue[299] = 7;
            BatchBuilder builder = new BatchBuilder();
            try (WriteBatch expected = new WriteBatch()) {
                for (int i = 0; i < 200; i++) {
                    byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
                    ColumnFamilyHandle family = handles.get(i % 3);
                    builder.put(family, key, new byte[] {1, 2}, i % 2 == 0 ? longValue : new byte[0]);
                    expected.put(family, key, concat(new byte[] {1, 2}, i % 2 == 0 ? longValue : new byte[0]));
                }
                try (WriteBatch built = builder.build(); WriteOptions sync = new WriteOptions().setSync(true)) {
                    assertThat(built.data()).isEqualTo(expected.data());
                    assertThat(built.count()).isEqualTo(200);
                    db.write(sync, built);
                }
            }
            assertThat(db.get(handles.get(1), "key-199".getBytes(StandardCharsets.UTF_8))).isEqualTo(new byte[] {1, 2});
            assertThat(db.get(handles.get(2), "key-2".getBytes(StandardCharsets.UTF_8))).isEqualTo(concat(new byte[] {1, 2}, longValue));
            builder.clear();
            assertThat(builder.count()).isZero();
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
