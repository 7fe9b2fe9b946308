package io.gridwarden.log.kafka;

import io.gridwarden.testsupport.SingleNodeKafka;
import static io.gridwarden.log.kafka.KafkaLogFixtures.LOG_APPEND_TIME;
import static io.gridwarden.log.kafka.KafkaLogFixtures.TIMEOUT;
import static io.gridwarden.log.kafka.KafkaLogFixtures.newTopic;
import static io.gridwarden.log.kafka.KafkaLogFixtures.readTopic;
import static io.gridwarden.log.kafka.KafkaLogFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.log.AppendResult;
import io.gridwarden.common.log.LogEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log while its only broker is killed ({@code kill -9}) and started again: a broker of its own. */
class KafkaBrokerLossTest {

    private static final String[] DEVICES = {"cam-1", "cam-2", "cam-3"};
    private static final int CALLS_IN_FLIGHT = 8;
    /** How long an append waits for the dead broker: short, since the test waits for it twice. */
    private static final Duration APPEND_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    /** One append of three entries over both partitions, each with its own de-duplication key. */
    private record Call(int id, CompletableFuture<AppendResult> done) {
        List<String> keys() {
            return IntStream.range(0, DEVICES.length).mapToObj(d -> DEVICES[d] + "/c" + id).toList();
        }
    }

    private static Call call(KafkaRecordLog log, int id) {
        List<LogEntry> entries = new ArrayList<>();
        for (String device : DEVICES) {
            entries.add(KafkaLogFixtures.entry(device, "c" + id));
        }
        return new Call(id, log.append(entries));
    }

    /** Issues a round of calls and waits (bounded) until each has completed, either way. */
    private static List<Call> round(KafkaRecordLog log, List<Call> all, boolean killAfterIssuing, SingleNodeKafka kafka)
            throws Exception {
        List<Call> round = new ArrayList<>();
        for (int i = 0; i < CALLS_IN_FLIGHT; i++) {
            round.add(call(log, all.size() + i));
        }
        all.addAll(round);
        if (killAfterIssuing) {
            kafka.kill();
        }
        CompletableFuture<?>[] done = round.stream().map(c -> c.done.handle((r, e) -> null)).toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(done).get(TIMEOUT.multipliedBy(3).toSeconds(), TimeUnit.SECONDS); // none hangs
        return round;
    }

    private static boolean succeeded(Call call) {
        return !call.done.isCompletedExceptionally();
    }

    @Test
    @DisplayName("A broker killed mid-append: no append is reported stored unless all of it is; appends resume after a restart")
    void shouldNeverReportAnAppendStoredThatIsNot() throws Exception {
        String topic = newTopic("broker-loss");
        try (SingleNodeKafka kafka = SingleNodeKafka.start(dir)) {
            kafka.createTopic(topic, 2, LOG_APPEND_TIME);
            KafkaLogSpec spec = spec(kafka.bootstrap(), topic, 2);
            KafkaRecordLog.open(spec).close(); // a fresh broker creates its transaction log for the first producer: seconds
            try (KafkaRecordLog log = KafkaRecordLog.open(spec.withAppendTimeout(APPEND_TIMEOUT))) {
                List<Call> calls = new ArrayList<>();
                while (calls.size() < 5 * CALLS_IN_FLIGHT) {
                    assertThat(round(log, calls, false, kafka)).allMatch(KafkaBrokerLossTest::succeeded);
                }
                round(log, calls, true, kafka); // killed while these are on their way: each completes, either way
                assertThat(round(log, calls, false, kafka)).noneMatch(KafkaBrokerLossTest::succeeded);

                kafka.restart();
                awaitAppendsAgain(log, calls);
                Map<String, Integer> stored = new HashMap<>();
                readTopic(kafka.bootstrap(), topic).forEach(r -> stored.merge(RecordFormat.dedupKey(r), 1, Integer::sum));
                for (Call call : calls) {
                    List<Integer> counts = call.keys().stream().map(k -> stored.getOrDefault(k, 0)).toList();
                    if (succeeded(call)) {
                        assertThat(counts).as("call %d was reported stored", call.id).containsOnly(1);
                    } else {
                        assertThat(counts).as("call %d failed: all or none of it", call.id).isIn(List.of(0, 0, 0), List.of(1, 1, 1));
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("With its broker gone, closing the log is bounded by the append timeout and fails what it could not write")
    void shouldCloseWithinItsAppendTimeoutWhenTheBrokerIsGone() throws Exception {
        String topic = newTopic("broker-gone-close");
        try (SingleNodeKafka kafka = SingleNodeKafka.start(dir)) {
            kafka.createTopic(topic, 2, LOG_APPEND_TIME);
            KafkaLogSpec spec = spec(kafka.bootstrap(), topic, 2);
            KafkaRecordLog.open(spec).close(); // a fresh broker creates its transaction log for the first producer: seconds
            KafkaRecordLog log = KafkaRecordLog.open(spec.withAppendTimeout(APPEND_TIMEOUT));
            List<Call> calls = new ArrayList<>();
            assertThat(round(log, calls, false, kafka)).allMatch(KafkaBrokerLossTest::succeeded);
            kafka.kill();
            List<Call> waiting = new ArrayList<>();
            for (int i = 0; i < 4_096; i++) { // eight writer groups: each would wait out the append timeout on its own
                waiting.add(call(log, calls.size() + i));
            }

            long start = System.nanoTime();
            log.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as("closing with the broker gone").isLessThan(APPEND_TIMEOUT.plusSeconds(5));
            assertThat(waiting).allSatisfy(c -> assertThat(c.done).isCompletedExceptionally());
        }
    }

    /** After a restart the log opens a new producer by itself: some append succeeds again within a minute. */
    private static void awaitAppendsAgain(KafkaRecordLog log, List<Call> calls) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Call call = call(log, calls.size());
            calls.add(call);
            try {
                call.done.get(TIMEOUT.multipliedBy(3).toSeconds(), TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(System.nanoTime()).as("appends work again after the broker's restart").isLessThan(deadline);
                Thread.sleep(500);
            }
        }
    }
}
