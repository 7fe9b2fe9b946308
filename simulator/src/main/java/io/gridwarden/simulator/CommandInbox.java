package io.gridwarden.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.gridwarden.common.action.Command;
import io.gridwarden.common.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

/**
 * A device command gateway on loopback: receives {@code POST /devices/<id>/commands} from alerting
 * and hands each command to the simulated device it is for.
 */
public final class CommandInbox implements AutoCloseable {

    private final HttpServer server;

    public CommandInbox(int port, BiConsumer<String, Command> onCommand) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/devices/", exchange -> handle(exchange, onCommand));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    private static void handle(HttpExchange exchange, BiConsumer<String, Command> onCommand) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        int status = 404;
        if ("POST".equals(exchange.getRequestMethod()) && path.length == 4 && "commands".equals(path[3])) {
            try {
                onCommand.accept(path[2], Json.fromBytes(exchange.getRequestBody().readAllBytes(), Command.class));
                status = 200;
            } catch (RuntimeException e) {
                status = 400;
            }
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
