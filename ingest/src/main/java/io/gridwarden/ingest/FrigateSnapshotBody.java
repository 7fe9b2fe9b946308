package io.gridwarden.ingest;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * The body of a snapshot response, kept up to {@code maxBytes}: beyond that nothing more is kept and the
 * body fails as {@link TooLarge}, so an NVR cannot make ingest hold more than one picture's worth.
 */
final class FrigateSnapshotBody implements BodyStream<Buffer> {

    /** A snapshot larger than the evidence store takes. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long maxBytes) {
            super("the snapshot is larger than " + maxBytes + " bytes", null, false, false);
        }
    }

    private final long maxBytes;
    private final Promise<Buffer> result = Promise.promise();
    private Buffer body = Buffer.buffer();

    private FrigateSnapshotBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    static BodyCodec<Buffer> codec(long maxBytes) {
        return () -> new FrigateSnapshotBody(maxBytes);
    }

    @Override
    public Future<Buffer> result() {
        return result.future();
    }

    @Override
    public void handle(Throwable failure) {
        body = null;
        result.tryFail(failure);
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (body == null) {
            return Future.failedFuture(new TooLarge(maxBytes));
        }
        if (body.length() + (long) data.length() > maxBytes) {
            handle(new TooLarge(maxBytes));
            return Future.failedFuture(new TooLarge(maxBytes));
        }
        body.appendBuffer(data);
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
        if (body != null) {
            result.tryComplete(body);
        }
        return Future.succeededFuture();
    }

    @Override
    public FrigateSnapshotBody exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public FrigateSnapshotBody setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return false;
    }

    @Override
    public FrigateSnapshotBody drainHandler(Handler<Void> handler) {
        return this;
    }
}
