package io.gridwarden.ingest;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * A request body's bytes for the parsers, without copying them when the body already is one whole array: the body
 * handler preallocates a request's buffer to its {@code Content-Length}, an unpooled heap array that nothing writes to
 * once the request has ended. Any other buffer (a chunked body that grew, a slice) is copied as before.
 *
 * <p>The array returned may be the buffer's own: readers only, never written to. {@code BufferInternal.unwrap} is
 * Vert.x's API for integrations, not its public one: {@code BodyBytesTest} checks after each upgrade that a
 * preallocated body is still read in place.
 */
final class BodyBytes {

    private static final byte[] NONE = new byte[0];

    private BodyBytes() {}

    /** The bytes of {@code body} (null: none). */
    static byte[] of(Buffer body) {
        if (body == null) {
            return NONE;
        }
        if (body instanceof BufferInternal internal) {
            ByteBuf buf = internal.unwrap();
            if (buf.hasArray() && buf.arrayOffset() == 0 && buf.readerIndex() == 0 && buf.readableBytes() == buf.array().length) {
                return buf.array();
            }
        }
        return body.getBytes();
    }
}
