package io.gridwarden.alerting.api;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed operator logins in the log, at WARN, with the remote address and never the token. A guessing
 * run must not flood the log: at most {@link #LINES_PER_MINUTE} failure lines and as many
 * "throttled" lines a minute; what was left out is counted in one line when the next minute starts.
 * Used on one event loop.
 */
final class FailedLoginLog {

    static final int LINES_PER_MINUTE = 10;
    private static final Logger LOG = LoggerFactory.getLogger(OperatorAuth.class);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private Instant minute;
    private int failureLines;
    private int throttleLines;
    private long leftOut;

    void failed(String address, int failuresThisMinute, Instant now) {
        roll(now);
        if (failureLines < LINES_PER_MINUTE) {
            failureLines++;
            LOG.warn("operator login failed from {}: unknown token ({} failure(s) from this address in its current minute)",
                    address, failuresThisMinute);
        } else {
            leftOut++;
        }
    }

    void throttled(String address, Duration wait, Instant now) {
        roll(now);
        if (throttleLines < LINES_PER_MINUTE) {
            throttleLines++;
            LOG.warn("operator logins from {} throttled for {} s after too many failures", address, Math.max(1, wait.toSeconds()));
        } else {
            leftOut++;
        }
    }

    private void roll(Instant now) {
        if (minute != null && now.isBefore(minute.plus(MINUTE))) {
            return;
        }
        if (leftOut > 0) {
            LOG.warn("{} more failed or throttled operator logins in the last minute were not logged one by one", leftOut);
        }
        minute = now;
        failureLines = 0;
        throttleLines = 0;
        leftOut = 0;
    }
}
