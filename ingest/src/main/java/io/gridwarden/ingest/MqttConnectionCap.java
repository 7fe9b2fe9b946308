package io.gridwarden.ingest;

import java.lang.management.ManagementFactory;

/**
 * The most MQTT connections ingest holds at once: the configured {@code maxMqttConnections}, lowered to
 * what the process's open-files limit leaves room for. Each connection is a socket, a file to the
 * kernel; past the limit the kernel still completes the device's TCP handshake, but accepting it fails
 * ("Too many open files"), so the device gets no answer at all and waits for its own timeout. Held
 * below the limit, the device beyond it is answered CONNACK "server busy" at once and backs off.
 *
 * @param configured      {@code maxMqttConnections}
 * @param openFilesLimit  the process's open-files limit ({@code ulimit -n}); 0 or less when unknown
 * @param effective       the cap ingest applies
 */
record MqttConnectionCap(int configured, long openFilesLimit, int effective) {

    /** Files kept for everything else: the event log's table files, jars, HTTP connections, an embedded run's jobs. */
    static final int RESERVED_FILES = 2_048;

    static MqttConnectionCap of(int configured, long openFilesLimit) {
        if (openFilesLimit <= 0) {
            return new MqttConnectionCap(configured, openFilesLimit, configured);
        }
        long room = Math.max(openFilesLimit / 2, openFilesLimit - RESERVED_FILES); // a small limit still leaves half to MQTT
        return new MqttConnectionCap(configured, openFilesLimit, (int) Math.min(configured, room));
    }

    /** For this process: its own open-files limit (-1 when the JVM cannot tell, as on Windows). */
    static MqttConnectionCap forThisProcess(int configured) {
        long limit = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
        return of(configured, limit);
    }

    boolean lowered() {
        return effective < configured;
    }

    /** What the operator reads at start when the limit lowers the cap. */
    String warning() {
        return String.format("this process may open %d files (ulimit -n), so ingest holds at most %d MQTT connections, not the %d"
                + " maxMqttConnections allows (%d files are kept for the event log and HTTP); devices beyond are refused as server busy."
                + " To hold more, raise the open-files limit: ulimit -n, systemd LimitNOFILE, or the container's nofile ulimit",
                openFilesLimit, effective, configured, RESERVED_FILES);
    }
}
