package io.gridwarden.alerting.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed logins per remote address in fixed windows: an address that has failed {@code limit} times
 * within {@code window} of its first failure must wait until that window is over. The table is bounded:
 * windows that are over are dropped, and when it is full the address that failed least recently is
 * forgotten (an attacker with that many addresses gains little from it). Pure; the caller says the time.
 * Not thread-safe: one verticle's event loop uses it.
 */
final class LoginThrottle {

    private static final class Window {
        final Instant start;
        int failures;

        Window(Instant start) {
            this.start = start;
        }
    }

    private final int limit;
    private final Duration window;
    private final int maxAddresses;
    private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>(16, 0.75f, true);

    LoginThrottle(int limit, Duration window, int maxAddresses) {
        if (limit < 1 || maxAddresses < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limit, window and maxAddresses must be positive");
        }
        this.limit = limit;
        this.window = window;
        this.maxAddresses = maxAddresses;
    }

    /** How long the address must wait before it may try to log in again; zero when it may try now. */
    Duration wait(String address, Instant now) {
        Window w = windows.get(address);
        if (w == null || w.failures < limit) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, w.start.plus(window));
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Counts a failed login; returns the address's failures in its current window, this one included. */
    int failed(String address, Instant now) {
        dropOver(now);
        Window w = windows.get(address);
        if (w == null || !now.isBefore(w.start.plus(window))) {
            w = new Window(now);
            windows.put(address, w);
        }
        w.failures++;
        while (windows.size() > maxAddresses) {
            Iterator<String> eldest = windows.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return w.failures;
    }

    /** Addresses currently remembered. */
    int tracked() {
        return windows.size();
    }

    /** Drops windows that are over, from the least recently used on, stopping at the first that is not. */
    private void dropOver(Instant now) {
        Iterator<Map.Entry<String, Window>> it = windows.entrySet().iterator();
        while (it.hasNext()) {
            Window w = it.next().getValue();
            if (now.isBefore(w.start.plus(window))) {
                return;
            }
            it.remove();
        }
    }
}
