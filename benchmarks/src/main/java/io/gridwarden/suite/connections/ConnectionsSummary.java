package io.gridwarden.suite.connections;

import io.gridwarden.suite.connections.HeldConnections.Result;
import java.util.Locale;

/** One line a server: what a reader of the run wants first. */
final class ConnectionsSummary {

    private static final double MIB = 1024.0 * 1024.0;

    private ConnectionsSummary() {}

    static String line(Result r) {
        var p = r.publishing();
        String publishing = p == null ? "nothing published"
                : String.format(Locale.ROOT, "%,.0f frames/s acked %,d failed %,d skipped %,d, PUBACK p50 %.1f p99 %.1f max %.1f ms",
                        p.framesPerSecond(), p.acked(), p.failed(), p.skipped(), p.p50Millis(), p.p99Millis(), p.maxMillis());
        return String.format(Locale.ROOT, "%s: held %,d of %,d (ramp %.1f s, failures %s), %,d at the end; %s; commands received %,d%n"
                        + "  server: heap after GC %.1f -> %.1f MiB (of %.1f committed), RSS %.1f -> %.1f MiB, open files %,d (limit %,d);"
                        + " per connection: heap %,d B, RSS %,d B%n"
                        + "  client: heap after GC %.1f -> %.1f MiB, RSS %.1f -> %.1f MiB (limit %,d files); per connection: heap %,d B, RSS %,d B",
                r.system(), r.ramp().held(), r.connectionsAsked(), r.ramp().seconds(), r.ramp().failures(), r.heldAtEnd(), publishing,
                r.commandsReceived(),
                mib(r.serverIdle().heapUsedBytes()), mib(r.serverHolding().heapUsedBytes()), mib(r.serverHolding().heapCommittedBytes()),
                mib(r.serverIdle().residentBytes()), mib(r.serverHolding().residentBytes()), r.serverHolding().openFiles(), r.serverOpenFilesLimit(),
                r.perConnection().serverHeap(), r.perConnection().serverResident(),
                mib(r.clientIdle().heapUsedBytes()), mib(r.clientHolding().heapUsedBytes()), mib(r.clientIdle().residentBytes()),
                mib(r.clientHolding().residentBytes()), r.clientOpenFilesLimit(), r.perConnection().clientHeap(), r.perConnection().clientResident());
    }

    private static double mib(long bytes) {
        return bytes < 0 ? -1 : bytes / MIB;
    }
}
