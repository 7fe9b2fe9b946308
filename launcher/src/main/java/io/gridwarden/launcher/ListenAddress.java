package io.gridwarden.launcher;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The address the device and operations servers bind: {@code --host} if given; else loopback while the
 * town accepts the demo's published tokens ({@link DemoTokens}), and every interface for a town of one's
 * own. Flink's cluster and the simulator's inbox are on loopback whatever this says.
 *
 * @param host the address to bind
 * @param demoTokens ids of the devices and operators that accept a published token (empty: none)
 */
record ListenAddress(String host, List<String> demoTokens) {

    static final String LOOPBACK = "127.0.0.1";
    static final String EVERY_INTERFACE = "0.0.0.0";
    private static final String RULE = "*".repeat(100);

    static ListenAddress choose(String givenHost, List<String> demoTokens) {
        if (givenHost != null) {
            return new ListenAddress(givenHost, demoTokens);
        }
        return new ListenAddress(demoTokens.isEmpty() ? EVERY_INTERFACE : LOOPBACK, demoTokens);
    }

    boolean loopbackOnly() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** What to say at start, loudly: empty when no published token is accepted. */
    List<String> warning() {
        if (demoTokens.isEmpty()) {
            return List.of();
        }
        String which = demoTokens.size() + " devices and operators (" + String.join(", ", demoTokens.subList(0, Math.min(3, demoTokens.size())))
                + (demoTokens.size() > 3 ? ", …" : "") + ")";
        String where = loopbackOnly()
                ? "Listening on " + host + " only: nobody but this machine can use them."
                : "Listening on " + host + ": ANYONE WHO CAN REACH THIS MACHINE can send events as these devices and act as these"
                        + " operators, for they are in gridwarden's README.";
        return List.of(RULE,
                "DEMO TOKENS ARE LIVE: the town accepts the demo's published tokens (demo-<device id>, demo-admin) for " + which + ".",
                where,
                "For real use, start with a town file of your own (--town) whose tokens are secrets of its own.",
                RULE);
    }
}
