package io.gridwarden.launcher;

import io.vertx.core.Future;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a command runs its process, a scale-out service's or {@code run}'s whole system: started, or refused with the
 * reason on stderr; then until stopped.
 */
final class ServiceRun {

    /** Starts a service's process; throws {@link StartRefusedException} saying what to change. */
    interface Start {
        AutoCloseable start() throws Exception;
    }

    private static final long DEPLOY_TIMEOUT_SECONDS = 60;

    private ServiceRun() {}

    /**
     * Starts the process and returns when the JVM is stopped (SIGTERM, Ctrl-C), after closing it and giving back its
     * temporary directory ({@code temporary}, claimed before anything made a temporary file; null: none); a refusal to
     * start is printed as {@code gridwarden <service> refused to start: <why>} and ends with
     * {@link StartRefusedException#EXIT_CODE}, the directory given back too.
     */
    static int untilStopped(String service, PrintWriter err, ProcessTempDir.Claim temporary, Start start) throws Exception {
        try {
            AutoCloseable process;
            try {
                process = start.start();
            } catch (StartRefusedException e) {
                err.println("gridwarden " + service + " refused to start: " + e.getMessage());
                return StartRefusedException.EXIT_CODE;
            }
            awaitShutdown("gridwarden-" + service + "-shutdown", () -> {
                try {
                    process.close();
                    ProcessTempDir.release(temporary);
                } catch (Exception e) {
                    err.println("gridwarden " + service + " did not stop cleanly: " + e);
                }
            });
            return 0;
        } finally {
            ProcessTempDir.release(temporary); // a refused or failed start; after a stop, already done
        }
    }

    /** Returns once the JVM is being stopped (SIGTERM, Ctrl-C) and {@code stop} has run in its shutdown hook. */
    static void awaitShutdown(String threadName, Runnable stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            } finally {
                stopped.countDown();
            }
        }, threadName));
        stopped.await();
    }

    /** Waits for a deployment; its failure (e.g. a port in use: the verticle's message says which) as a refusal to start. */
    static void awaitDeployed(Future<?> future, String what) throws InterruptedException {
        try {
            future.toCompletionStage().toCompletableFuture().get(DEPLOY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new StartRefusedException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new StartRefusedException(what + " did not start within " + DEPLOY_TIMEOUT_SECONDS + " s", e);
        }
    }
}
