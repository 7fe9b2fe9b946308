package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.alerting.town.TownLedger;
import io.gridwarden.alerting.town.TownLedger.Applied;
import io.gridwarden.alerting.town.TownVersionLedger.NumberTaken;
import io.gridwarden.common.log.LogEntry;
import io.gridwarden.log.rocksdb.LogSpec;
import io.gridwarden.log.rocksdb.RocksRecordLog;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two instances over one town topic (a real one-partition log; Kafka's is the same interface). */
class TownTopicTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private RocksRecordLog log;
    private final List<TownTopic> opened = new ArrayList<>();
    private final List<Applied> seenByA = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        log = RocksRecordLog.open(LogSpec.of(dir.resolve("town"), 1));
    }

    @AfterEach
    void close() {
        opened.forEach(TownTopic::close);
        log.close();
    }

    @Test
    void shouldHandEveryAppliedVersionToAnInstanceBeforeItsFollowReturns() throws Exception {
        TownTopic a = follow("a", seenByA);
        take(a, "one");
        take(a, "two");

        List<Applied> seenByB = new CopyOnWriteArrayList<>();
        TownTopic b = follow("b", seenByB);

        assertThat(seenByB).extracting(Applied::version).containsExactly(1L, 2L);
        assertThat(b.latest()).map(Applied::text).contains("two");
    }

    @Test
    void shouldHandAnotherInstancesVersionOnWhileFollowing() throws Exception {
        follow("a", seenByA);
        TownTopic b = follow("b", new CopyOnWriteArrayList<>());

        take(b, "from b");

        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (seenByA.isEmpty()) {
            assertThat(System.nanoTime()).as("a sees b's version").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(seenByA).extracting(Applied::text).containsExactly("from b");
    }

    @Test
    void shouldNumberPastAClaimNeverAppliedAndNeverHandItOn() throws Exception {
        TownTopic a = follow("a", seenByA);
        TownTopic b = follow("b", new CopyOnWriteArrayList<>());

        assertThat(a.claim("sha256:died", 1)).isEqualTo(1); // its instance dies before the event log takes it
        long next = take(b, "after");

        assertThat(next).isEqualTo(2);
        assertThat(follow("c", new CopyOnWriteArrayList<>()).latest()).map(Applied::version).contains(2L);
        assertThat(seenByA).extracting(Applied::version).doesNotContain(1L);
    }

    @Test
    void shouldSkipUndecodableAndOversizedRecordsAndFollowOn() throws Exception {
        append("not a ledger record".getBytes(StandardCharsets.UTF_8));
        append(new byte[TownLedger.MAX_RECORD_BYTES + 1]);

        TownTopic a = follow("a", seenByA);

        assertThat(take(a, "first")).isEqualTo(1);
    }

    @Test
    void shouldNeverGiveOneNumberToTwoFilesWhenInstancesClaimAtOnce() throws Exception {
        TownTopic a = follow("a", seenByA);
        TownTopic b = follow("b", new CopyOnWriteArrayList<>());
        Map<Long, String> won = new ConcurrentHashMap<>();
        List<String> twice = new CopyOnWriteArrayList<>();

        CompletableFuture<Void> byA = CompletableFuture.runAsync(() -> claimMany(a, "a", won, twice));
        CompletableFuture<Void> byB = CompletableFuture.runAsync(() -> claimMany(b, "b", won, twice));
        CompletableFuture.allOf(byA, byB).get();

        assertThat(twice).as("numbers won by two claims").isEmpty();
        assertThat(won).hasSizeGreaterThanOrEqualTo(10); // each instance wins at least every other number it tries
    }

    private static void claimMany(TownTopic topic, String who, Map<Long, String> won, List<String> twice) {
        for (int i = 0; i < 10; i++) {
            String sha = "sha256:" + who + i;
            try {
                long n = topic.claim(sha, 1);
                if (won.putIfAbsent(n, sha) != null) {
                    twice.add(n + ": " + won.get(n) + " and " + sha);
                }
            } catch (NumberTaken taken) {
                // the other instance's claim came first: allowed
            }
        }
    }

    /** A version as alerting takes one: claim, then (once in the event log) applied. Its number. */
    private static long take(TownTopic topic, String text) throws NumberTaken {
        String sha = "sha256:" + text;
        long n = topic.claim(sha, 1);
        topic.applied(new JsonObject().put("version", n).put("sha256", sha).put("author", "adm-01"), text);
        return n;
    }

    private TownTopic follow(String instance, List<Applied> seen) throws InterruptedException {
        TownTopic topic = TownTopic.follow("town", log, instance, TIMEOUT, seen::add);
        opened.add(topic);
        return topic;
    }

    private void append(byte[] payload) throws Exception {
        log.append(List.of(new LogEntry("town", null, payload))).get();
    }
}
