package io.gridwarden.suite.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Mosquitto (Debian's) on loopback, persistence on, anonymous clients allowed. Note: Mosquitto's
 * persistence writes its database on autosave and at shutdown; its PUBACK does not wait for fsync,
 * where gridwarden's does.
 */
public final class MosquittoPeer implements AutoCloseable {

    public final int port;
    private final ChildProcess process;

    private MosquittoPeer(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    public static MosquittoPeer start(Path binary, Path workDir) throws IOException, InterruptedException {
        int port = ChildProcess.freePort();
        Path dir = Files.createDirectories(workDir.resolve("mosquitto"));
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, config(port, dir));
        ChildProcess child = ChildProcess.start("mosquitto", List.of(binary.toString(), "-c", conf.toString()), workDir.resolve("mosquitto.log"));
        return new MosquittoPeer(port, child.awaitPort(port, Duration.ofSeconds(20)));
    }

    static String config(int port, Path dir) {
        // Started as root, Mosquitto drops to the user "mosquitto", which cannot write a persistence file
        // under the suite's work directory ("Permission denied" every autosave): keep the user that started it.
        String user = System.getProperty("user.name");
        return """
                user %3$s
                listener %2$d 127.0.0.1
                allow_anonymous true
                persistence true
                persistence_location %1$s/
                autosave_interval 1
                max_inflight_messages 0
                max_queued_messages 0
                log_type error
                """.formatted(dir, port, user);
    }

    /** Mosquitto's process id. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
