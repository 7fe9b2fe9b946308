package io.gridwarden.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for the processes a test starts, taken below the kernel's ephemeral range.
 *
 * <p>A port the kernel hands out for {@code bind(0)} comes from the same range as the local ports of outgoing
 * connections: between the test closing its probe socket and the child binding the port, any of the hundreds of
 * Kafka, HTTP or MQTT client connections of a cluster test may take it, and the child refuses to start with
 * "Address already in use" (seen in the suite). Below the range nothing is handed out by the kernel, so only another
 * listener can hold the port; the probe still binds it to skip ports in use. Each JVM starts at its own offset (its
 * pid), so the two forks of a parallel run walk different stretches.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    /** How many ports lie between {@link #LOWEST} and the ephemeral range. */
    private static final int SPAN = ephemeralStart() - LOWEST;
    private static final AtomicInteger NEXT = new AtomicInteger((int) (ProcessHandle.current().pid() * 7_919 % SPAN));

    private FreePorts() {
    }

    /** A port nothing listens on, on loopback nor on the wildcard address, and that the kernel will not lend out. */
    public static int next() {
        for (int tries = 0; tries < SPAN; tries++) {
            int port = LOWEST + Math.floorMod(NEXT.getAndIncrement(), SPAN);
            if (bindable(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)) && bindable(new InetSocketAddress(port))) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + LOWEST + " and " + (LOWEST + SPAN)));
    }

    private static boolean bindable(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(address, 1);
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range (32768 on Linux unless tuned); 32768 where it cannot be read. */
    private static int ephemeralStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > LOWEST + 1_000 ? start : 32_768;
        } catch (IOException | RuntimeException unreadable) {
            return 32_768;
        }
    }
}
