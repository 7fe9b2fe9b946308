package io.gridwarden.testsupport;

import java.util.function.Supplier;

/**
 * A child JVM started again when it exits on its own, as a supervisor (systemd's {@code Restart=always}) would start
 * a Flink process again: on a two-core machine shared with other test runs a job or task manager's start can exceed
 * its RPC system's fixed 10 s start timeout (pekko's classic remoting, which Flink's configuration does not reach),
 * and the process then exits. Never after {@link #kill} or {@link #close}; at most {@link #MAX_RESTARTS} times.
 */
final class SupervisedJvm implements AutoCloseable {

    static final int MAX_RESTARTS = 5;

    private final Supplier<ChildJvm> starter;
    private volatile ChildJvm current;
    private volatile boolean stopped;
    private volatile int restarts;

    SupervisedJvm(Supplier<ChildJvm> starter) {
        this.starter = starter;
        this.current = starter.get();
        Thread watcher = new Thread(this::restartWhileWanted, "supervise " + current.name);
        watcher.setDaemon(true);
        watcher.start();
    }

    private void restartWhileWanted() {
        while (!stopped && restarts < MAX_RESTARTS) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (!stopped && !current.alive()) {
                    restarts++;
                    current = starter.get();
                }
            }
        }
    }

    boolean alive() {
        return current.alive();
    }

    /** Throws once the process is gone for good: dead after its last restart. */
    void checkAlive() {
        if (restarts >= MAX_RESTARTS) {
            current.checkAlive();
        }
    }

    String tail(int lines) {
        return current.tail(lines) + (restarts == 0 ? "" : "\n(started again " + restarts + " times after it exited)");
    }

    /** {@code kill -9}, not followed by a restart. */
    synchronized void kill() throws InterruptedException {
        stopped = true;
        current.kill();
    }

    @Override
    public synchronized void close() throws InterruptedException {
        stopped = true;
        current.close();
    }
}
