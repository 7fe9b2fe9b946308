package io.gridwarden.alerting.isapi;

import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How alerting reaches each ISAPI camera's speaker: its address, the user and password it signs in with
 * (HTTP Digest needs the password in clear, so the town file names where it is: {@code passwordFile},
 * {@code passwordEnv}, or inline {@code password} for the demo's published ones), its volume and its clips.
 * Resolved once at start (reads files: call it off the event loop); a camera whose password cannot be
 * found is left out with the reason, and its voice warnings expire undelivered.
 */
public final class IsapiCameraAccess {

    /** One camera's speaker: where it is, who signs in, and the audio id of each warning clip. */
    record Speaker(String address, String user, String password, Integer volume, Map<String, Integer> clips) {}

    private static final System.Logger LOG = System.getLogger(IsapiCameraAccess.class.getName());
    private final Map<String, Speaker> speakers;

    private IsapiCameraAccess(Map<String, Speaker> speakers) {
        this.speakers = Map.copyOf(speakers);
    }

    /** @param environment the process environment ({@code System::getenv}; tests give their own) */
    public static IsapiCameraAccess resolve(Town town, Function<String, String> environment) {
        Map<String, Speaker> speakers = new HashMap<>();
        for (TownFile.Camera camera : town.cameras()) {
            TownFile.Isapi isapi = camera.isapi();
            if (isapi == null) {
                continue;
            }
            try {
                speakers.put(camera.id(), new Speaker(isapi.address().replaceAll("/+$", ""), isapi.user(), password(isapi, environment),
                        isapi.audioVolume(), isapi.clips() == null ? Map.of() : isapi.clips()));
            } catch (IllegalStateException e) {
                LOG.log(System.Logger.Level.ERROR, "camera " + camera.id() + " cannot be reached over ISAPI: " + e.getMessage());
            }
        }
        return new IsapiCameraAccess(speakers);
    }

    Optional<Speaker> speaker(String camera) {
        return Optional.ofNullable(speakers.get(camera));
    }

    private static String password(TownFile.Isapi isapi, Function<String, String> environment) {
        if (isapi.password() != null) {
            return isapi.password();
        }
        if (isapi.passwordEnv() != null) {
            String value = environment.apply(isapi.passwordEnv());
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("environment variable " + isapi.passwordEnv() + " (isapi.passwordEnv) is not set");
            }
            return value;
        }
        try {
            String first = Files.readAllLines(Path.of(isapi.passwordFile())).stream().findFirst().orElse("").strip();
            if (first.isEmpty()) {
                throw new IllegalStateException("password file " + isapi.passwordFile() + " (isapi.passwordFile) is empty");
            }
            return first;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read password file " + isapi.passwordFile() + " (isapi.passwordFile): " + e.getMessage());
        }
    }
}
