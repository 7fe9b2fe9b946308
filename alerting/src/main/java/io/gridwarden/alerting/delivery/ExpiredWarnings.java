package io.gridwarden.alerting.delivery;

import io.gridwarden.common.action.Command;

/**
 * A voice warning that expired before any camera took it is answered {@code failed} with note
 * {@value #NOTE}, on the camera's behalf ({@link CameraAcks}), whatever the camera: so the jobs learn the
 * warning was never played, as they would from a camera that could not play it.
 */
public final class ExpiredWarnings {

    public static final String NOTE = "expired";
    private static final System.Logger LOG = System.getLogger(ExpiredWarnings.class.getName());

    private final CameraAcks acks;

    public ExpiredWarnings(CameraAcks acks) {
        this.acks = acks;
    }

    /** Called once for a command that expired undelivered; does nothing for other command types. */
    public void expired(String target, Command command) {
        if (!Command.VOICE_WARNING.equals(command.type())) {
            return;
        }
        acks.record(target, command.id(), "failed", NOTE).onFailure(e -> LOG.log(System.Logger.Level.WARNING,
                "voice warning " + command.id() + " to " + target + " expired, but its failed acknowledgement could not be recorded: "
                        + e.getMessage()));
    }
}
