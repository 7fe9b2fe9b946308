package io.gridwarden.log.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A de-duplication key's UTF-8 bytes as a set member, its hash computed once, on the appending thread.
 * The log's single writer puts each key of a group into two or three sets; hashing the bytes there
 * each time (a {@code ByteBuffer}'s hash is not kept) took about a tenth of that thread.
 */
final class DedupKey {

    private final byte[] bytes;
    private final int hash;

    DedupKey(String key) {
        this.bytes = key.getBytes(StandardCharsets.UTF_8);
        this.hash = Arrays.hashCode(bytes);
    }

    /** The key as stored; not to be changed. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DedupKey that && hash == that.hash && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
