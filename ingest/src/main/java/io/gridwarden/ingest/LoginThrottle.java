package io.gridwarden.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts failed logins per remote address and blocks an address that fails too often
 * ({@link LoginThrottleLimits}): guessing tokens gets {@code maxFailures} tries a window, then nothing at
 * all for the block, right or wrong. IPv6 addresses count by their /64 network, since one host commonly
 * holds a whole /64. The table is bounded: beyond {@code maxAddresses} the address least recently seen is
 * forgotten. Pure (the clock is given) and thread-safe.
 */
final class LoginThrottle {

    private final LoginThrottleLimits limits;
    private final LongSupplier millisClock;
    private final Map<String, Failures> byAddress;

    LoginThrottle(LoginThrottleLimits limits, LongSupplier millisClock) {
        this.limits = limits;
        this.millisClock = millisClock;
        this.byAddress = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > limits.maxAddresses();
            }
        };
    }

    /** Milliseconds the address stays blocked, 0 when it may try. */
    synchronized long blockedForMillis(String address) {
        if (byAddress.isEmpty()) {
            return 0;
        }
        Failures failures = byAddress.get(key(address));
        return failures == null ? 0 : Math.max(0, failures.blockedUntil - millisClock.getAsLong());
    }

    /** Counts a failed login; true when it is the one that blocks the address. */
    synchronized boolean failed(String address) {
        long now = millisClock.getAsLong();
        Failures failures = byAddress.computeIfAbsent(key(address), k -> new Failures(now));
        if (now - failures.since >= limits.window().toMillis()) {
            failures.since = now;
            failures.count = 0;
        }
        failures.count++;
        if (failures.count < limits.maxFailures() || failures.blockedUntil > now) {
            return false;
        }
        failures.blockedUntil = now + limits.block().toMillis();
        failures.since = failures.blockedUntil; // counting starts afresh once the block ends
        failures.count = 0;
        return true;
    }

    synchronized int tracked() {
        return byAddress.size();
    }

    /** What an address counts under: itself for IPv4 (and anything unparsable), its /64 network for IPv6. */
    static String key(String address) {
        if (address == null || address.indexOf(':') < 0 || !address.chars().allMatch(LoginThrottle::literalIpv6Char)) {
            return String.valueOf(address);
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: no lookup
            if (bytes.length != 16) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            for (int i = 8; i < 16; i++) {
                bytes[i] = 0;
            }
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static boolean literalIpv6Char(int c) {
        return Character.digit(c, 16) >= 0 || c == ':' || c == '.';
    }

    private static final class Failures {
        long since;
        int count;
        long blockedUntil;

        Failures(long since) {
            this.since = since;
        }
    }
}
