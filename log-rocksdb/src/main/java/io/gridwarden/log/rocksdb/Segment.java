package io.gridwarden.log.rocksdb;

import io.gridwarden.common.log.LogRecord;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.rocksdb.ColumnFamilyHandle;

/**
 * A run of records of one partition with consecutive offsets, appended by one group commit and stored
 * as one RocksDB entry: key (partition, offset of the first record), value
 * <pre>append time (8 bytes, big-endian) | record count (4, big-endian) | codec (1) | body length (4, big-endian) | body</pre>
 * where the body, per record a payload length (varint32), its event time and the payload, is LZ4-compressed
 * (codec {@link #LZ4}) or, when that would not make it smaller, stored as it is ({@link #RAW}); the length is
 * the uncompressed one. A record's event time is stored as its difference from the previous record's (the first's
 * from 0), zigzag-encoded as a varint64: a device's events of one run are milliseconds to seconds apart, so
 * most take two or three bytes, and a run of records without one ({@code NO_EVENT_TIME}, actions) one byte each.
 * <ul>
 *   <li>One entry per run instead of one per record spares the writer a memtable insert per event and
 *   the flush a key per event, which was a tenth of ingest's CPU at 100,000 events/s.</li>
 *   <li>The writer compresses, not RocksDB at flush: then the write-ahead log, which the writer writes
 *   and fsyncs before it acknowledges, takes the compressed bytes too. Copying raw events into the WAL
 *   was a fifth of the writer's CPU (kernel time in {@code write} and {@code fdatasync}) and its files
 *   grew by 35 MB a second at 100,000 events/s; the load generator's events compress tenfold.</li>
 *   <li>A run is closed at {@link #MAX_BYTES}, so a reader that starts in the middle of one decodes
 *   little it does not need.</li>
 * </ul>
 *
 * <p>The writer keeps one {@code Segment} per partition and reuses it; a reader decodes stored values
 * with the static methods.
 */
final class Segment {

    /** Payload bytes after which a run is closed and the next record starts a new one. */
    static final int MAX_BYTES = 64 << 10;
    static final int HEADER = 17;
    static final byte RAW = 0;
    static final byte LZ4 = 1;
    /** The JNI codec where the platform has it, else lz4-java's pure-Java one; both write the same blocks. */
    private static final LZ4Factory CODEC = LZ4Factory.fastestInstance();
    private static final LZ4SafeDecompressor DECOMPRESSOR = CODEC.safeDecompressor();

    private final int partition;
    private final LZ4Compressor compressor = CODEC.fastCompressor();
    private byte[] buf = new byte[1 << 12];
    private byte[] packed = new byte[0];
    private int length;
    private int count;
    private long firstOffset;
    private long lastEventTime;

    Segment(int partition) {
        this.partition = partition;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Whether a payload of {@code bytes} may still join this run. */
    boolean fits(int bytes) {
        return count == 0 || length + bytes <= MAX_BYTES;
    }

    /** Adds the record at {@code offset}: the first of an empty run, or the one after the last. */
    void add(long offset, byte[] payload, long eventTimeMillis) {
        if (count == 0) {
            firstOffset = offset;
            lastEventTime = 0;
        } else if (offset != firstOffset + count) {
            throw new IllegalStateException("partition " + partition + ": record " + offset + " does not follow "
                    + (firstOffset + count - 1));
        }
        ensure(5 + 10 + payload.length);
        putVarLong(payload.length);
        long delta = eventTimeMillis - lastEventTime; // wraps for NO_EVENT_TIME; the reader's sum wraps back
        putVarLong((delta << 1) ^ (delta >> 63));
        lastEventTime = eventTimeMillis;
        System.arraycopy(payload, 0, buf, length, payload.length);
        length += payload.length;
        count++;
    }

    /** Stages the run into {@code batch} as one entry of {@code family} and empties it for the next. */
    void stageInto(BatchBuilder batch, ColumnFamilyHandle family, long appendTimeMillis) {
        int bound = compressor.maxCompressedLength(length);
        if (packed.length < bound) {
            packed = new byte[bound];
        }
        int compressed = compressor.compress(buf, 0, length, packed, 0, bound);
        boolean smaller = compressed < length;
        byte[] header = ByteBuffer.allocate(HEADER).putLong(appendTimeMillis).putInt(count)
                .put(smaller ? LZ4 : RAW).putInt(length).array();
        batch.put(family, RocksRecordLog.key(partition, firstOffset), header, smaller ? packed : buf,
                smaller ? compressed : length);
        clear();
    }

    /** Empties the run (after it was staged, or when its group failed). */
    void clear() {
        count = 0;
        length = 0;
        if (buf.length > 4 * MAX_BYTES) {
            buf = new byte[1 << 12]; // one huge record grew it; do not keep that
            packed = new byte[0];
        }
    }

    private void putVarLong(long n) {
        while ((n & ~0x7FL) != 0) {
            buf[length++] = (byte) ((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        buf[length++] = (byte) n;
    }

    private void ensure(int more) {
        if (length + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
        }
    }

    /** The time the log made a stored run durable. */
    static long appendTime(byte[] value) {
        return ByteBuffer.wrap(value).getLong(0);
    }

    /** How many records a stored run holds. */
    static int count(byte[] value) {
        return ByteBuffer.wrap(value).getInt(8);
    }

    /**
     * Adds the records of a stored run that starts at {@code firstOffset} to {@code out}, from
     * {@code fromOffset} on, until {@code out} holds {@code max}.
     */
    static void decode(int partition, long firstOffset, byte[] value, long fromOffset, int max, List<LogRecord> out) {
        Decoded.of(partition, firstOffset, value).emit(fromOffset, max, out);
    }

    /**
     * A stored run decompressed and indexed once, so that a reader that takes it in several reads (a run holds up
     * to {@value #MAX_BYTES} bytes of events, some 700 of the load generator's, and the job reads 256 a poll)
     * neither reads nor decompresses it again for each. Immutable: readers of one partition may share it.
     */
    static final class Decoded {

        private final int partition;
        private final long firstOffset;
        private final long appendTime;
        private final byte[] body;
        private final int[] starts;
        private final int[] ends;
        private final long[] eventTimes;

        private Decoded(int partition, long firstOffset, long appendTime, byte[] body, int[] starts, int[] ends, long[] eventTimes) {
            this.partition = partition;
            this.firstOffset = firstOffset;
            this.appendTime = appendTime;
            this.body = body;
            this.starts = starts;
            this.ends = ends;
            this.eventTimes = eventTimes;
        }

        /** The run stored as {@code value} under (partition, firstOffset), decompressed and indexed. */
        static Decoded of(int partition, long firstOffset, byte[] value) {
            int records = count(value);
            byte[] body = body(partition, firstOffset, value);
            if (records < 0 || records > body.length) { // a record takes two bytes at least: a damaged header
                throw new IllegalStateException("partition " + partition + ", segment at " + firstOffset + ": "
                        + records + " records in a body of " + body.length + " bytes");
            }
            int[] starts = new int[records]; // record i's payload: body[starts[i]] up to body[ends[i]]
            int[] ends = new int[records];
            long[] eventTimes = new long[records];
            int[] pos = {0};
            long eventTime = 0;
            for (int i = 0; i < records; i++) {
                int n = (int) varLong(body, pos);
                long zigzag = varLong(body, pos);
                eventTime += (zigzag >>> 1) ^ -(zigzag & 1);
                eventTimes[i] = eventTime;
                starts[i] = pos[0];
                pos[0] += n;
                ends[i] = pos[0];
            }
            return new Decoded(partition, firstOffset, appendTime(value), body, starts, ends, eventTimes);
        }

        long firstOffset() {
            return firstOffset;
        }

        /** The offset after the run's last record. */
        long endOffset() {
            return firstOffset + starts.length;
        }

        boolean holds(long offset) {
            return offset >= firstOffset && offset < endOffset();
        }

        /** Adds the run's records from {@code fromOffset} on to {@code out}, until {@code out} holds {@code max}. */
        void emit(long fromOffset, int max, List<LogRecord> out) {
            long skip = fromOffset - firstOffset;
            for (int i = skip <= 0 ? 0 : (int) Math.min(skip, starts.length); i < starts.length && out.size() < max; i++) {
                out.add(new LogRecord(partition, firstOffset + i, appendTime, Arrays.copyOfRange(body, starts[i], ends[i]), eventTimes[i]));
            }
        }
    }

    /** The varint64 at {@code body[pos[0]]}; moves {@code pos[0]} past it. */
    private static long varLong(byte[] body, int[] pos) {
        long n = 0;
        int shift = 0;
        byte b;
        do {
            b = body[pos[0]++];
            n |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        return n;
    }

    /** The run's records as the writer laid them out, uncompressed. */
    private static byte[] body(int partition, long firstOffset, byte[] value) {
        ByteBuffer header = ByteBuffer.wrap(value);
        byte codec = header.get(12);
        int length = header.getInt(13);
        if (codec == RAW) {
            return Arrays.copyOfRange(value, HEADER, HEADER + length);
        }
        if (codec != LZ4) {
            throw new IllegalStateException("partition " + partition + ", segment at " + firstOffset
                    + ": unknown codec " + codec);
        }
        byte[] body = new byte[length];
        int decompressed = DECOMPRESSOR.decompress(value, HEADER, value.length - HEADER, body, 0, length);
        if (decompressed != length) {
            throw new IllegalStateException("partition " + partition + ", segment at " + firstOffset
                    + ": " + decompressed + " bytes decompressed, the header says " + length);
        }
        return body;
    }
}
