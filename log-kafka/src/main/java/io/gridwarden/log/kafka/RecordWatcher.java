package io.gridwarden.log.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's {@code awaitRecord}: one thread (started at the first wait) with its own consumer that follows
 * the partitions someone waits on, and completes a wait once a committed record at or after its offset
 * shows. "A record", not "the end": offsets have gaps (commit markers, aborted appends), and a caller
 * whose read came back empty must not be woken by a marker, only by something its next read will return.
 * Partitions nobody waits on are paused, so the thread fetches nothing for them.
 */
final class RecordWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordWatcher.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private record Wait(int partition, long offset, CompletableFuture<Void> done) {}

    private final KafkaLogSpec spec;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Queue<Wait> arriving = new ConcurrentLinkedQueue<>();
    private final Object signal = new Object();
    private volatile boolean running = true;
    private volatile Consumer<String, byte[]> consumer;
    private Thread thread;

    // Only the watcher thread touches these.
    private final List<List<Wait>> waiting = new ArrayList<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    /** Per partition: every committed record from this offset on up to {@link #lastSeen} has been seen. */
    private final long[] seenFrom;
    private final long[] lastSeen;

    RecordWatcher(KafkaLogSpec spec, Supplier<Consumer<String, byte[]>> consumers) {
        this.spec = spec;
        this.consumers = consumers;
        this.seenFrom = new long[spec.partitions()];
        this.lastSeen = new long[spec.partitions()];
        for (int p = 0; p < spec.partitions(); p++) {
            waiting.add(new ArrayList<>());
        }
    }

    CompletableFuture<Void> await(int partition, long offset) {
        Wait wait = new Wait(partition, offset, new CompletableFuture<>());
        arriving.add(wait);
        synchronized (signal) {
            if (!running) {
                wait.done.completeExceptionally(closed());
                return wait.done;
            }
            if (thread == null) {
                thread = new Thread(this::run, "kafka-log-watcher-" + spec.topic());
                thread.setDaemon(true);
                thread.start();
            }
            signal.notifyAll();
        }
        Consumer<String, byte[]> polling = consumer;
        if (polling != null) {
            polling.wakeup(); // a poll in progress takes the new wait into account at once
        }
        return wait.done;
    }

    private void run() {
        consumer = consumers.get();
        try {
            while (running) {
                for (Wait wait; (wait = arriving.poll()) != null; ) {
                    register(wait);
                }
                if (waiting.stream().allMatch(List::isEmpty)) {
                    idle();
                } else {
                    pollOnce();
                }
            }
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            for (List<Wait> waits : waiting) {
                waits.forEach(w -> w.done.completeExceptionally(closed()));
            }
            arriving.forEach(w -> w.done.completeExceptionally(closed()));
        }
    }

    private void register(Wait wait) {
        int p = wait.partition;
        TopicPartition tp = new TopicPartition(spec.topic(), p);
        if (assigned.contains(tp) && seenFrom[p] <= wait.offset && lastSeen[p] >= wait.offset) {
            wait.done.complete(null);
            return;
        }
        waiting.get(p).add(wait);
        if (assigned.add(tp)) {
            consumer.assign(assigned);
        } else if (wait.offset >= seenFrom[p]) {
            consumer.resume(List.of(tp));
            return; // the consumer is already past seenFrom: what this wait needs is still to come
        }
        consumer.seek(tp, wait.offset);
        consumer.resume(List.of(tp));
        seenFrom[p] = wait.offset;
        lastSeen[p] = -1;
    }

    private void pollOnce() {
        ConsumerRecords<String, byte[]> records;
        try {
            records = consumer.poll(POLL);
        } catch (WakeupException e) {
            return; // a new wait arrived
        } catch (KafkaException e) {
            LOG.warn("watching Kafka topic {} for new records failed; trying again: {}", spec.topic(), e.toString());
            pause(Duration.ofSeconds(1));
            return;
        }
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> got = records.records(tp);
            int p = tp.partition();
            lastSeen[p] = Math.max(lastSeen[p], got.get(got.size() - 1).offset());
            List<Wait> waits = waiting.get(p);
            for (var it = waits.iterator(); it.hasNext(); ) {
                Wait wait = it.next();
                if (wait.offset <= lastSeen[p]) {
                    wait.done.complete(null);
                    it.remove();
                }
            }
            if (waits.isEmpty()) {
                consumer.pause(List.of(tp));
            }
        }
    }

    private void idle() {
        synchronized (signal) {
            if (running && arriving.isEmpty()) {
                try {
                    signal.wait(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    private void pause(Duration duration) {
        synchronized (signal) {
            try {
                signal.wait(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private KafkaLogException closed() {
        return new KafkaLogException(KafkaLogException.Reason.CLOSED, "the Kafka log of topic " + spec.topic() + " is closed");
    }

    @Override
    public void close() {
        close(spec.operationTimeout().plusSeconds(5));
    }

    /** Stops watching, waiting at most {@code wait} for the watching thread. */
    void close(Duration wait) {
        Thread watcher;
        synchronized (signal) {
            running = false;
            signal.notifyAll();
            watcher = thread;
        }
        Consumer<String, byte[]> polling = consumer;
        if (polling != null) {
            polling.wakeup();
        }
        if (watcher != null) {
            try {
                watcher.join(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
