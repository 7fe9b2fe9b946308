package io.gridwarden.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, as the kernel sees them: the socket inodes among the process's
 * open files ({@code /proc/<pid>/fd}), looked up in {@code /proc/net/tcp} and {@code /proc/net/tcp6}.
 */
final class ListeningSockets {

    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    static List<InetSocketAddress> of(long pid) throws IOException {
        Set<String> inodes = socketInodes(pid);
        List<InetSocketAddress> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals(LISTEN) && inodes.contains(f[9])) {
                    listening.add(address(f[1]));
                }
            }
        }
        return listening;
    }

    static boolean isLoopback(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        return ip.isLoopbackAddress();
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while we listed them
                }
            }
        }
        return inodes;
    }

    /** {@code 0100007F:1F90} or a 32-hex-digit IPv6 address: 32-bit words in the kernel's (little-endian) byte order. */
    private static InetSocketAddress address(String hexAddressAndPort) throws IOException {
        String[] parts = hexAddressAndPort.split(":");
        byte[] raw = HexFormat.of().parseHex(parts[0]);
        byte[] ip = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int b = 0; b < 4; b++) {
                ip[word + b] = raw[word + 3 - b];
            }
        }
        return new InetSocketAddress(InetAddress.getByAddress(ip), Integer.parseInt(parts[1], 16));
    }
}
