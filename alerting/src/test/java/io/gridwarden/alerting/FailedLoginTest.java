package io.gridwarden.alerting;

import static io.gridwarden.alerting.AlertingFixtures.ADMIN_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gridwarden.alerting.api.OperatorAuth;
import io.gridwarden.common.command.DeviceSessions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Guessing operator tokens: throttled by remote address, logged without the token, counted. */
@ExtendWith(VertxExtension.class)
class FailedLoginTest {

    private static final int LIMIT = 20;

    @TempDir
    Path dir;
    private AlertingHarness harness;
    private final Captured captured = new Captured();
    private Logger authLog;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        harness = new AlertingHarness(vertx, dir);
        harness.deploy(AlertingFixtures.config(harness.dataDir(), null)
                .withLimits(OpsLimits.defaults().withFailedLogins(LIMIT, 1_000)), DeviceSessions.NONE);
        authLog = (Logger) LogManager.getLogger(OperatorAuth.class);
        captured.start();
        authLog.addAppender(captured);
    }

    @AfterEach
    void stop() throws Exception {
        authLog.removeAppender(captured);
        captured.stop();
        harness.close();
    }

    @Test
    @DisplayName("After 20 wrong tokens in a minute an address gets 429 with Retry-After, even for a right token; each failure is counted")
    void guessingIsThrottled() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<Buffer> last = null;
        for (int i = 0; i < 100; i++) {
            last = harness.get("/v1/town", "guess-" + i);
            statuses.add(last.statusCode());
        }
        assertThat(statuses.subList(0, LIMIT)).containsOnly(401);
        assertThat(statuses.subList(LIMIT, 100)).containsOnly(429);
        assertThat(last.getHeader("content-type")).isEqualTo("application/problem+json");
        assertThat(last.bodyAsJsonObject().getString("type")).isEqualTo("urn:gridwarden:problem:too-many-failed-logins");
        assertThat(Integer.parseInt(last.getHeader("Retry-After"))).isBetween(1, 60);

        HttpResponse<Buffer> right = harness.get("/v1/town", ADMIN_TOKEN);
        assertThat(right.statusCode()).as("a throttled address learns nothing from a right guess").isEqualTo(429);
        assertThat(harness.metric("gridwarden_alerting_ops_login_failures_total")).isEqualTo(LIMIT);
        assertThat(harness.metric("gridwarden_alerting_ops_logins_throttled_total")).isEqualTo(81);
    }

    @Test
    @DisplayName("Failed logins are logged at WARN with the address and never the token, and the log is rate-limited")
    void failuresAreLoggedWithoutTheToken() throws Exception {
        for (int i = 0; i < 100; i++) {
            harness.get("/v1/town", "secret-guess-" + i);
        }
        List<LogEvent> warnings = captured.events.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).isNotEmpty();
        assertThat(warnings.size()).as("far fewer lines than attempts").isLessThanOrEqualTo(12);
        for (LogEvent e : warnings) {
            String line = e.getMessage().getFormattedMessage();
            assertThat(line).contains("127.0.0.1").doesNotContain("secret-guess");
        }
        assertThat(captured.events.stream().map(e -> e.getMessage().getFormattedMessage()))
                .anyMatch(line -> line.contains("throttled"));
    }

    /** Collects what one logger writes. */
    private static final class Captured extends AbstractAppender {
        final List<LogEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

        Captured() {
            super("captured", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            events.add(event.toImmutable());
        }
    }
}
