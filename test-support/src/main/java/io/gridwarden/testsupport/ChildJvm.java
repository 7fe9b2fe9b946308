package io.gridwarden.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM a test starts (a Kafka broker, a Flink job manager or task manager, a gridwarden process), with
 * its output in a log file. {@link #close} ends it, forcibly if it does not stop in time, so no child
 * outlives a failed test; {@link #kill} ends it at once, as {@code kill -9} does; {@link #tail} shows what
 * it said last.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Short-lived children on two cores: the quick JIT only and one GC thread start them in a fraction of the time. */
    private static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    public final String name;
    public final Path log;
    private final Process process;
    /** Kills the child if the test JVM itself is stopped (a surefire timeout, Ctrl-C) before {@link #close}. */
    private final Thread killOnExit;

    private ChildJvm(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
        this.killOnExit = new Thread(process::destroyForcibly, "kill " + name);
        try {
            Runtime.getRuntime().addShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // started while this JVM stops (a supervisor restarting a child its own hook just killed): nothing would kill it later
            process.destroyForcibly();
            throw shuttingDown;
        }
    }

    /**
     * The start of a command line for a child JVM: this JVM's {@code java} with the fast-start options; the caller adds
     * its own options, the classpath and the main class.
     */
    public static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FAST_START);
        return command;
    }

    /** Starts {@code mainClass} with {@code classpath}; {@code environment} is added to this process's. */
    public static ChildJvm start(String name, Path log, List<String> classpath, List<String> jvmOptions, String mainClass,
            List<String> args, Map<String, String> environment) {
        List<String> command = javaCommand();
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classpath));
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            return new ChildJvm(name, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Starts {@code mainClass} with this test JVM's classpath. */
    public static ChildJvm start(String name, Path log, List<String> jvmOptions, String mainClass, List<String> args) {
        return start(name, log, testClasspath(), jvmOptions, mainClass, args, Map.of());
    }

    /** This test JVM's classpath, entry by entry (surefire sets {@code java.class.path} to the test classpath). */
    public static List<String> testClasspath() {
        return List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
    }

    /** See {@link FreePorts}: a port the kernel will not lend to an outgoing connection before the child binds it. */
    public static int freePort() {
        return FreePorts.next();
    }

    /** Waits until something accepts connections on {@code port}; fails at once if this process has died. */
    public void awaitPort(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            checkAlive();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(name + " did not open port " + port + " within " + timeout + "\n" + tail(40));
    }

    public void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "\n" + tail(60));
        }
    }

    /** Waits for the process to end; its exit code, or throws if it is still running after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " still running after " + timeout + "\n" + tail(60));
        }
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(could not read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** The last {@code lines} lines of the output, headed with the process's name and log file. */
    public String tail(int lines) {
        List<String> all = output().lines().toList();
        return "----- " + name + " (" + log + "), last " + lines + " lines -----\n"
                + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Ends the process at once, as {@code kill -9} does: no shutdown, nothing flushed by it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The operating system's id of the process, e.g. to list its sockets. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway; the process is gone
        }
    }
}
