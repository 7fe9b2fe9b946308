package io.gridwarden.log.rocksdb;

import java.util.Arrays;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.WriteBatch;

/**
 * Builds a RocksDB write batch of puts in Java, in RocksDB's own serialised form, and hands it over in
 * one JNI call: a group commit of a few hundred appends holds tens of thousands of puts, and a JNI call
 * per put cost more than the rest of staging. The form (db/write_batch.cc): a 12-byte header (sequence,
 * fixed64, filled in by RocksDB; count, fixed32 little-endian), then per put the tag
 * {@code kTypeColumnFamilyValue} (0x05), the column family id (varint32), and key and value, each as
 * a varint32 length and its bytes. A test checks it byte for byte against {@link WriteBatch#data()}.
 */
final class BatchBuilder {

    private static final int HEADER = 12;
    private static final byte COLUMN_FAMILY_VALUE = 0x05;
    private static final byte VALUE = 0x01;

    private ColumnFamilyHandle[] families = new ColumnFamilyHandle[0];
    private int[] ids = new int[0];
    private byte[] buf = new byte[1 << 16];
    private int length = HEADER;
    private int count;

    /** Puts {@code key} → {@code prefix} followed by {@code value} (either may be empty) into the family. */
    void put(ColumnFamilyHandle family, byte[] key, byte[] prefix, byte[] value) {
        put(family, key, prefix, value, value.length);
    }

    /** Puts {@code key} → {@code prefix} followed by the first {@code valueLength} bytes of {@code value}. */
    void put(ColumnFamilyHandle family, byte[] key, byte[] prefix, byte[] value, int valueLength) {
        int id = idOf(family);
        ensure(1 + 5 + 5 + key.length + 5 + prefix.length + valueLength);
        if (id == 0) {
            buf[length++] = VALUE;
        } else {
            buf[length++] = COLUMN_FAMILY_VALUE;
            varint(id);
        }
        varint(key.length);
        System.arraycopy(key, 0, buf, length, key.length);
        length += key.length;
        varint(prefix.length + valueLength);
        System.arraycopy(prefix, 0, buf, length, prefix.length);
        length += prefix.length;
        System.arraycopy(value, 0, buf, length, valueLength);
        length += valueLength;
        count++;
    }

    /**
     * The family's id, asked of RocksDB (a JNI call) once per family: a group commit puts tens of thousands of keys.
     * One slot per family the log has, a number fixed when it opens.
     */
    private int idOf(ColumnFamilyHandle family) {
        for (int i = 0; i < families.length; i++) {
            if (families[i] == family) {
                return ids[i];
            }
        }
        int id = family.getID();
        families = Arrays.copyOf(families, families.length + 1);
        ids = Arrays.copyOf(ids, ids.length + 1);
        families[families.length - 1] = family;
        ids[ids.length - 1] = id;
        return id;
    }

    int count() {
        return count;
    }

    /** The batch built so far, as a RocksDB write batch the caller closes. */
    WriteBatch build() {
        byte[] rep = Arrays.copyOf(buf, length);
        rep[8] = (byte) count;
        rep[9] = (byte) (count >>> 8);
        rep[10] = (byte) (count >>> 16);
        rep[11] = (byte) (count >>> 24);
        return new WriteBatch(rep);
    }

    void clear() {
        Arrays.fill(buf, 0, HEADER, (byte) 0);
        length = HEADER;
        count = 0;
        if (buf.length > (1 << 24)) {
            buf = new byte[1 << 16]; // do not hold on to the memory of one huge group
        }
    }

    private void varint(int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            buf[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[length++] = (byte) v;
    }

    private void ensure(int more) {
        if (length + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
        }
    }
}
