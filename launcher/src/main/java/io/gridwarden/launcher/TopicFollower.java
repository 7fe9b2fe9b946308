package io.gridwarden.launcher;

import io.gridwarden.common.log.LogRecord;
import io.gridwarden.common.log.RecordLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of a log (a Kafka topic: no consumer group, committed records only) from given positions,
 * page by page on a thread of its own, and hands each page to a blocking {@link Handler}; a position moves only
 * once its page was handled, so {@link #position} is always "everything below it is applied". Retries after a
 * failure; waits for new records when every partition is read to its end.
 */
final class TopicFollower implements AutoCloseable {

    /** Applies one page of a partition (blocking); a throw makes the follower read the page again after a pause. */
    interface Handler {
        void apply(int partition, List<LogRecord> page) throws Exception;
    }

    static final int PAGE = 500;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Duration WAIT_AT_MOST = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

    private final String name;
    private final RecordLog source;
    private final AtomicLongArray positions;
    /** Per partition: reads started so far; the last read that found nothing new; callers waiting to read to the end. */
    private final AtomicLongArray readsStarted;
    private final AtomicReferenceArray<EmptyRead> lastEmptyRead;
    private final AtomicIntegerArray waiting;
    private volatile CompletableFuture<Void> wake = new CompletableFuture<>();
    private final Handler handler;
    private final Thread thread;
    private volatile boolean caughtUp;
    private volatile String failure;
    private volatile boolean stopped;

    private TopicFollower(String name, RecordLog source, long[] from, Handler handler) {
        this.name = name;
        this.source = source;
        this.positions = new AtomicLongArray(from);
        this.readsStarted = new AtomicLongArray(from.length);
        this.lastEmptyRead = new AtomicReferenceArray<>(from.length);
        this.waiting = new AtomicIntegerArray(from.length);
        this.handler = handler;
        this.thread = new Thread(this::run, "gridwarden-follow-" + name);
        this.thread.setDaemon(true);
    }

    /** Starts following {@code source} from {@code from} (one position per partition). */
    static TopicFollower start(String name, RecordLog source, long[] from, Handler handler) {
        if (from.length != source.partitions()) {
            throw new IllegalArgumentException(name + ": " + from.length + " positions for " + source.partitions() + " partitions");
        }
        TopicFollower follower = new TopicFollower(name, source, from, handler);
        follower.thread.start();
        return follower;
    }

    /** Every record of {@code partition} below this was handled. */
    long position(int partition) {
        return positions.get(partition);
    }

    /** Every partition has been read to its end at least once. */
    boolean caughtUp() {
        return caughtUp;
    }

    /** The last failure to read or apply, while it has not been overcome; null when all is well. */
    String failure() {
        return failure;
    }

    /**
     * Waits until every record of {@code partition} whose append completed before this call has been handled; false if
     * that did not happen within {@code timeout}.
     *
     * <p>"Read to the end" is not "a read found nothing": on Kafka a reader of committed records stops at the last stable
     * offset, which passes a committed transaction only once its commit markers are written, a little after the commit
     * returned; a read in between finds nothing and the record would be missed. So the wait takes the log's
     * {@linkplain RecordLog#appendedEnd appended end} now (the high watermark), and ends at the first read, started
     * after the call, that found nothing new though the readable end, asked just before it, had reached that mark.
     * (Not "the position reached the end": commit markers take offsets that no read returns.)
     */
    boolean awaitReadToEnd(int partition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long target = appendedEnd(partition, deadline);
        if (target < 0) {
            return false;
        }
        waiting.incrementAndGet(partition);
        try {
            long after = readsStarted.get(partition);
            while (true) {
                EmptyRead last = lastEmptyRead.get(partition);
                if (last != null && last.read() > after && last.readableEnd() >= target) {
                    return true;
                }
                wake.complete(null); // read again now, not when the next record comes
                if (System.nanoTime() > deadline || stopped) {
                    return false;
                }
                Thread.sleep(10);
            }
        } finally {
            waiting.decrementAndGet(partition);
        }
    }

    /** The partition's appended end, asked until {@code deadline} while the log does not answer; -1 if it never did. */
    private long appendedEnd(int partition, long deadline) throws InterruptedException {
        while (true) {
            try {
                return source.appendedEnd(partition);
            } catch (RuntimeException e) {
                failure = e.toString();
                if (System.nanoTime() > deadline || stopped) {
                    return -1;
                }
                Thread.sleep(RETRY_AFTER.toMillis());
            }
        }
    }

    /** A read that found nothing new, and the log's readable end asked just before it (-1 when nobody waited). */
    private record EmptyRead(long read, long readableEnd) {}

    private void run() {
        while (!stopped) {
            try {
                boolean moved = false;
                wake = new CompletableFuture<>();
                for (int p = 0; p < source.partitions() && !stopped; p++) {
                    long read = readsStarted.incrementAndGet(p);
                    // asked before the read, so a read that finds nothing has read that far: only while someone waits
                    long readableEnd = waiting.get(p) > 0 ? source.endOffset(p) : -1;
                    List<LogRecord> page = source.read(p, positions.get(p), PAGE);
                    if (page.isEmpty()) {
                        lastEmptyRead.set(p, new EmptyRead(read, readableEnd));
                    } else {
                        handler.apply(p, page);
                        positions.set(p, page.get(page.size() - 1).offset() + 1);
                        moved = true;
                    }
                }
                failure = null;
                if (!moved) {
                    caughtUp = true;
                    awaitAny();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (stopped) {
                    return;
                }
                failure = e.toString();
                LOG.warn("Following {} failed, trying again in {} s: {}", name, RETRY_AFTER.toSeconds(), e.toString());
                pause();
            }
        }
    }

    /** Until any partition has a record past its position (or a while has passed: then every partition is read again). */
    private void awaitAny() throws Exception {
        CompletableFuture<?>[] waits = new CompletableFuture<?>[source.partitions() + 1];
        waits[source.partitions()] = wake;
        for (int p = 0; p < source.partitions(); p++) {
            waits[p] = source.awaitRecord(p, positions.get(p));
        }
        try {
            CompletableFuture.anyOf(waits).get(WAIT_AT_MOST.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException quiet) {
            // read again: cheap, and covers a watcher that missed something
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_AFTER.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
