package io.gridwarden.suite.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * nginx (Debian's) on loopback answering 202 to every POST without looking at the body: the ceiling
 * of what an HTTP server on this machine can acknowledge. Two workers, like the two cores.
 */
public final class NginxPeer implements AutoCloseable {

    public final int port;
    private final ChildProcess process;

    private NginxPeer(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    public static NginxPeer start(Path binary, Path workDir) throws IOException, InterruptedException {
        int port = ChildProcess.freePort();
        Path prefix = Files.createDirectories(workDir.resolve("nginx"));
        Files.createDirectories(prefix.resolve("logs"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, config(port, prefix));
        ChildProcess child = ChildProcess.start("nginx", List.of(binary.toString(), "-p", prefix.toString(), "-c", conf.toString()),
                workDir.resolve("nginx.log"));
        return new NginxPeer(port, child.awaitPort(port, Duration.ofSeconds(20)));
    }

    static String config(int port, Path prefix) {
        return """
                daemon off;
                worker_processes 2;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log warn;
                events { worker_connections 4096; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    keepalive_requests 1000000;
                    server {
                        listen 127.0.0.1:%2$d;
                        client_max_body_size 2m;
                        client_body_buffer_size 1m;
                        location / { return 202 '{"accepted":0,"duplicates":0}'; }
                    }
                }
                """.formatted(prefix, port);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
