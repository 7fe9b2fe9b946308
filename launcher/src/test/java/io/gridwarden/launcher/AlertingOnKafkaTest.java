package io.gridwarden.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.common.action.Violation;
import io.gridwarden.jobs.kafka.KafkaTopics;
import io.gridwarden.testsupport.SharedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gridwarden alerting} processes over the actions topic of a real broker, the actions appended as the job
 * appends them: every instance serves the whole topic as its operators' views.
 */
@DisplayName("gridwarden alerting on Kafka")
@ExtendWith(SharedKafka.class)
class AlertingOnKafkaTest {

    private static final int EVENT_PARTITIONS = 2;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @DisplayName("One instance: every violation appended to the actions topic is in its violation list")
    void shouldServeTheActionsTopicAsViolations() throws Exception {
        String actions = KafkaIngestFixtures.newTopic("actions");
        String events = KafkaIngestFixtures.newTopic("events");
        SharedKafka.broker().createTopic(actions, 1, KafkaTopics.TOPIC_CONFIG);
        SharedKafka.broker().createTopic(events, EVENT_PARTITIONS, KafkaTopics.TOPIC_CONFIG);
        try (KafkaActions job = new KafkaActions(bootstrap(), actions);
             AlertingInstance a = AlertingInstance.start("a", dir, "--kafka-bootstrap", bootstrap(), "--actions-topic", actions,
                     "--events-topic", events, "--event-partitions", "" + EVENT_PARTITIONS)) {
            a.awaitReady();
            List<Violation> violations = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Violation v = KafkaActions.warned("t-" + i);
                violations.add(v);
                job.append(KafkaActions.warning(v));
            }

            awaitTrue("every violation listed", () -> listsAll(a, violations));
        }
    }

    private static boolean listsAll(AlertingInstance instance, List<Violation> violations) {
        try {
            String body = instance.get("/v1/violations?status=warned").body();
            return violations.stream().allMatch(v -> body.contains(v.id()));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + WAIT).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String bootstrap() {
        return SharedKafka.broker().bootstrap();
    }
}
