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
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One writer thread that drains every append waiting in a bounded queue into one Kafka transaction
 * ({@link Transactions}): the group's records are stored all or none, and each append's future completes
 * only once the transaction committed (every record acknowledged by all in-sync replicas). Duplicates
 * within the group and of {@link RecentKeys} are decided here, on the one thread that writes.
 */
final class TransactionCommitter implements AutoCloseable {

    /** How long an interrupted writer gets to give up its transaction. */
    private static final long ABANDON_WAIT_MILLIS = 2_000;
    /** How many appends one transaction may cover at most. */
    private static final int MAX_GROUP = 512;

    private record Pending(List<LogEntry> entries, CompletableFuture<AppendResult> done) {}

    /** What a group will write and answer, decided before anything is sent. */
    private record Staged(List<ProducerRecord<String, byte[]>> records, List<String> keys, List<AppendResult> results) {}

    private final KafkaLogSpec spec;
    private final ToIntFunction<String> partitionOf;
    private final Transactions transactions;
    private final RecentKeys recent;
    private final Supplier<LogObserver> observer;
    private final BlockingQueue<Pending> queue;
    private final int maxRecordBytes;
    private final Thread thread;
    private volatile boolean running = true;
    /** Set when closing ran out of time: what is still queued fails instead of being written. */
    private volatile boolean abandoned;

    TransactionCommitter(KafkaLogSpec spec, ToIntFunction<String> partitionOf, Transactions transactions,
            Supplier<LogObserver> observer) {
        this.spec = spec;
        this.partitionOf = partitionOf;
        this.transactions = transactions;
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
        if (transactions.fenced() != null) {
            return CompletableFuture.failedFuture(transactions.fenced());
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
            while ((running || !queue.isEmpty()) && !abandoned) {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP - 1);
                try {
                    commit(group);
                } catch (RuntimeException e) { // a bad entry (no partition key): its group fails, the writer lives on
                    group.forEach(p -> p.done.completeExceptionally(e));
                }
                group.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            transactions.close(abandoned ? Duration.ZERO : spec.appendTimeout());
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
                transactions.commit(staged.records);
            } catch (KafkaLogException failure) {
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

    private KafkaLogException closed() {
        return new KafkaLogException(KafkaLogException.Reason.CLOSED, "the Kafka log of topic " + spec.topic() + " is closed");
    }

    @Override
    public void close() {
        close(System.nanoTime() + spec.appendTimeout().toNanos());
    }

    /**
     * Writes what is queued, until {@code deadline} ({@link System#nanoTime()}) at most: with the broker gone
     * the writer is then interrupted and every append not yet written fails (none was acknowledged, so the
     * devices send them again), and the producer is closed without waiting. So a shutdown is bounded.
     */
    void close(long deadline) {
        running = false;
        try {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (thread.isAlive()) {
                abandoned = true;
                thread.interrupt();
                thread.join(ABANDON_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Pending left; (left = queue.poll()) != null; ) {
            left.done.completeExceptionally(closed());
        }
    }
}
