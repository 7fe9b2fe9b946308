package io.gridwarden.launcher;

/**
 * A service refused to start because something is not as configured (the town file, the broker, the topic,
 * a port): retrying without changing anything will not help. The message says what to change; the command
 * prints it, without a stack trace, and exits with {@link #EXIT_CODE}.
 */
final class StartRefusedException extends RuntimeException {

    /** picocli's exit code for a usage error: a refusal to start is one too, of the deployment's settings. */
    static final int EXIT_CODE = 2;

    StartRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
