package io.gridwarden.log.kafka;

import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.common.log.LogObserver;
import io.gridwarden.common.log.LogOverloadedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer thread that drains every append waiting in a bounded queue into one Kafka transaction:
 * the group's records are stored all or none, and each append's future completes only once the
 * transaction committed (every record acknowledged by all in-sync replicas). Duplicates within the
 * group and of {@link RecentKeys} are decided here, on the one thread that writes.
 *
 * <p>After a failure the transaction is aborted; when that is not possible (a timeout, a fatal
 * producer error) the producer is dropped and the next group opens a new one, whose
 * {@code initTransactions} aborts whatever the old one left open.
 */
final class TransactionCommitter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionCommitter.class);
    /** How many appends one transaction may cover at most. */
    private static final int MAX_GROUP = 512;

    private record Pending(List<LogEntry> entries, CompletableFuture<AppendResult> done) {}

    /** What a group will write and answer, decided before anything is sent. */
    private record Staged(List<ProducerRecord<String, byte[]>> records, List<String> keys, List<AppendResult> results) {}

    private final KafkaLogSpec spec;
    private final ToIntFunction<String> partitionOf;
    private final Supplier<Producer<String, byte[]>> producers;
    private final RecentKeys recent;
    private final Supplier<LogObserver> observer;
    private final BlockingQueue<Pending> queue;
    private final int maxRecordBytes;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaLogException fenced;
    /** Null after a failure that left it unusable; only the writer thread touches it once started. */
    private Producer<String, byte[]> producer;

    TransactionCommitter(KafkaLogSpec spec, ToIntFunction<String> partitionOf, Supplier<Producer<String, byte[]>> producers,
            Producer<String, byte[]> first, Supplier<LogObserver> observer) {
        this.spec = spec;
        this.partitionOf = partitionOf;
        this.producers = producers;
        this.producer = first;
        this.recent = new RecentKeys(spec.recentKeys());
        this.observer = observer;
        this.queue = new ArrayBlockingQueue<>(spec.maxPendingAppends());
        this.maxRecordBytes = KafkaClients.maxRequestBytes(spec);
        this.thread = new Thread(this::run, "kafka-log-writer-" + spec.topic());
        this.thread.setDaemon(true);
        this.thread.start();
    }

    CompletableFuture<AppendResult> submit(List<LogEntry> entries) {
        if (!running) {
            return CompletableFuture.failedFuture(closed());
        }
        if (fenced != null) {
            return CompletableFuture.failedFuture(fenced);
        }
        var pending = new Pending(List.copyOf(entries), new CompletableFuture<>());
        if (!queue.offer(pending)) {
            return CompletableFuture.failedFuture(new LogOverloadedException("the write queue of Kafka topic " + spec.topic()
                    + " is full (" + spec.maxPendingAppends() + " appends waiting)"));
        }
        return pending.done;
    }

    private void run() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        try {
            while (running || !queue.isEmpty()) {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                commit(group);
                group.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            discardProducer(Duration.ofMillis(spec.appendTimeout().toMillis()));
        }
    }

    private void commit(List<Pending> group) {
        group.removeIf(this::refusedTooLarge); // one too large record would abort everyone's transaction
        if (group.isEmpty()) {
            return;
        }
        Staged staged = stage(group);
        if (!staged.records.isEmpty()) {
            long start = System.nanoTime();
            try {
                send(staged.records);
            } catch (KafkaException | IllegalStateException e) {
                KafkaLogException failure = recover(e);
                group.forEach(p -> p.done.completeExceptionally(failure));
                return;
            }
            staged.keys.forEach(recent::remember);
            observer.get().committed(group.size(), staged.records.size(), System.nanoTime() - start);
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).done.complete(staged.results.get(i));
        }
    }

    /** Each append's new entries, as records; an entry whose key is recent or earlier in the group is a duplicate. */
    private Staged stage(List<Pending> group) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<AppendResult> results = new ArrayList<>(group.size());
        Set<String> inGroup = new HashSet<>();
        for (Pending pending : group) {
            int fresh = 0;
            for (LogEntry entry : pending.entries) {
                String key = entry.dedupKey();
                if (key != null && (recent.contains(key) || !inGroup.add(key))) {
                    continue;
                }
                records.add(RecordFormat.toProducerRecord(spec.topic(), partitionOf.applyAsInt(entry.partitionKey()), entry));
                if (key != null) {
                    keys.add(key);
                }
                fresh++;
            }
            results.add(new AppendResult(fresh, pending.entries.size() - fresh));
        }
        return new Staged(records, keys, results);
    }

    private boolean refusedTooLarge(Pending pending) {
        for (LogEntry entry : pending.entries) {
            int size = RecordFormat.estimatedSize(entry);
            if (size > maxRecordBytes) {
                pending.done.completeExceptionally(new KafkaLogException(KafkaLogException.Reason.RECORD_TOO_LARGE,
                        "an entry of about " + size + " bytes exceeds the " + maxRecordBytes + " bytes a request to Kafka"
                                + " topic " + spec.topic() + " may hold (max.request.size); nothing of this append was stored"));
                return true;
            }
        }
        return false;
    }

    /** One transaction: it returns once every record is acknowledged and the commit is written, or throws. */
    private void send(List<ProducerRecord<String, byte[]>> records) {
        if (producer == null) {
            producer = producers.get();
        }
        producer.beginTransaction();
        for (ProducerRecord<String, byte[]> record : records) {
            producer.send(record); // a failed send fails the commit below
        }
        producer.commitTransaction();
    }

    /** Makes the writer usable again after {@code e}, and says what became of the group. */
    private KafkaLogException recover(RuntimeException e) {
        if (causedBy(e, ProducerFencedException.class)) {
            fenced = new KafkaLogException(KafkaLogException.Reason.FENCED, "another instance took over the transactional id '"
                    + spec.transactionalId() + "' of Kafka topic " + spec.topic() + ": give each instance its own"
                    + " (KafkaLogSpec.transactionalId); this one appends nothing more until it is restarted", e);
            discardProducer(Duration.ZERO);
            return fenced;
        }
        if (producer != null && (causedBy(e, TimeoutException.class) || !aborted())) {
            discardProducer(Duration.ZERO);
        }
        LOG.warn("appending to Kafka topic {} failed: {}", spec.topic(), e.toString());
        return new KafkaLogException(KafkaLogException.Reason.APPEND_FAILED, "appending to Kafka topic " + spec.topic()
                + " failed (" + e.getMessage() + "); the append was stored whole or not at all, so it is safe to send again", e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> kind) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private boolean aborted() {
        try {
            producer.abortTransaction();
            return true;
        } catch (KafkaException | IllegalStateException e) {
            return false;
        }
    }

    private void discardProducer(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (RuntimeException e) {
                LOG.debug("closing the producer of Kafka topic {}: {}", spec.topic(), e.toString());
            }
            producer = null;
        }
    }

    private KafkaLogException closed() {
        return new KafkaLogException(KafkaLogException.Reason.CLOSED, "the Kafka log of topic " + spec.topic() + " is closed");
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(spec.appendTimeout().multipliedBy(2).toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending left; (left = queue.poll()) != null; ) {
            left.done.completeExceptionally(closed());
        }
    }
}
