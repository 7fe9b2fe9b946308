package io.gridwarden.alerting.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * The key layout of the violation store. Violations by id ({@code v/}), a detection-time index for
 * history paging ({@code d/<millis, big-endian><id>}), open counts by status ({@code c/}), pending
 * commands ({@code p/}), officers' latest positions ({@code o/}), each officer's current assignment commands
 * ({@code a/<officer>/<violation>}) and the last applied action offset.
 */
final class StoreKeys {

    static final byte[] OFFSET = bytes("m/offset");
    static final byte[] INDEX_PREFIX = bytes("d/");
    static final byte[] PENDING_PREFIX = bytes("p/");
    static final byte[] OFFICER_PREFIX = bytes("o/");
    static final byte[] COUNT_PREFIX = bytes("c/");
    static final String ASSIGNMENT_PREFIX = "a/";

    private StoreKeys() {}

    static byte[] violation(String id) {
        return bytes("v/" + id);
    }

    static byte[] index(Instant detectedAt, String id) {
        byte[] idBytes = bytes(id);
        // Sign bit flipped so that times before 1970 still sort before later ones as unsigned bytes.
        return ByteBuffer.allocate(INDEX_PREFIX.length + 8 + idBytes.length).put(INDEX_PREFIX)
                .putLong(detectedAt.toEpochMilli() ^ Long.MIN_VALUE).put(idBytes).array();
    }

    /** The smallest index key at or after {@code at}. */
    static byte[] indexFrom(Instant at) {
        return ByteBuffer.allocate(INDEX_PREFIX.length + 8).put(INDEX_PREFIX).putLong(at.toEpochMilli() ^ Long.MIN_VALUE).array();
    }

    static String idOfIndex(byte[] key) {
        return new String(key, INDEX_PREFIX.length + 8, key.length - INDEX_PREFIX.length - 8, StandardCharsets.UTF_8);
    }

    static Instant timeOfIndex(byte[] key) {
        return Instant.ofEpochMilli(ByteBuffer.wrap(key, INDEX_PREFIX.length, 8).getLong() ^ Long.MIN_VALUE);
    }

    static byte[] pending(String commandId) {
        return bytes("p/" + commandId);
    }

    static byte[] officer(String officerId) {
        return bytes("o/" + officerId);
    }

    /** The assignment command that gave {@code violationId} to {@code officerId}. */
    static byte[] assignment(String officerId, String violationId) {
        return bytes(ASSIGNMENT_PREFIX + officerId + "/" + violationId);
    }

    static byte[] assignmentsOf(String officerId) {
        return bytes(ASSIGNMENT_PREFIX + officerId + "/");
    }

    static byte[] count(String status) {
        return bytes("c/" + status);
    }

    static String suffix(byte[] key, byte[] prefix) {
        return new String(key, prefix.length, key.length - prefix.length, StandardCharsets.UTF_8);
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    static String cursorOf(byte[] indexKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(indexKey);
    }

    /** @throws IllegalArgumentException when the cursor is not one this store handed out */
    static byte[] indexOfCursor(String cursor) {
        byte[] key;
        try {
            key = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (!startsWith(key, INDEX_PREFIX) || key.length <= INDEX_PREFIX.length + 8) {
            throw new IllegalArgumentException("cursor is not one this API returned as nextCursor; start again without it");
        }
        return key;
    }

    static byte[] longValue(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }

    static long longOf(byte[] value) {
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
