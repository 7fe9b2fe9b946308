package io.gridwarden.suite.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the figures were measured: they mean little without it. */
public record Machine(int cores, long memoryMiB, String jdk, String os, String cpu, String disk) {

    public static Machine here(Path dataDir) {
        long memory = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize() / (1024 * 1024);
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), memory,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                cpuModel(), disk(dataDir));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String disk(Path dir) {
        try {
            FileStore store = Files.getFileStore(dir);
            return store.type() + " on " + store.name() + ", " + store.getTotalSpace() / (1L << 30) + " GiB";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
