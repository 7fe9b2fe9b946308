package io.gridwarden.alerting.isapi;

import io.gridwarden.alerting.delivery.CameraAcks;
import io.gridwarden.alerting.delivery.CommandChannel;
import io.gridwarden.alerting.delivery.DeliveryFailedException;
import io.gridwarden.common.action.Command;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Plays a voice warning on a Hikvision camera's own speaker over ISAPI (docs/devices-hikvision.md):
 * sets the camera's audible alarm to the clip's audio id and the command's repeat count
 * ({@code PUT /ISAPI/Event/triggers/notifications/AudioAlarm?format=json}), then plays it
 * ({@code PUT /ISAPI/Event/triggers/notifications/AudioAlarm/<audioID>/test?format=json}), both under
 * HTTP Digest. The camera's answer becomes the command's acknowledgement, recorded on its behalf
 * ({@link CameraAcks}): {@code played}, or {@code failed} with the camera's {@code statusString}. Either
 * answer means the camera has the command; a camera that cannot be reached, is busy, or errs on its
 * side (5xx) fails the attempt, and delivery tries again until the warning expires.
 */
public final class IsapiSpeakerChannel implements CommandChannel {

    static final String AUDIO_ALARM = "/ISAPI/Event/triggers/notifications/AudioAlarm";
    /** ISAPI's range for {@code alarmTimes}. */
    static final int MAX_REPEAT = 50;

    private final Supplier<IsapiCameraAccess> cameras;
    private final DigestClient client;
    private final CameraAcks acks;

    /** {@code cameras}: the speakers of the town in force, asked at each send (live town versions change them). */
    public IsapiSpeakerChannel(WebClient client, Supplier<IsapiCameraAccess> cameras, CameraAcks acks, Duration timeout) {
        this.cameras = cameras;
        this.client = new DigestClient(client, timeout.toMillis());
        this.acks = acks;
    }

    @Override
    public String name() {
        return "isapi";
    }

    @Override
    public boolean canReach(String device) {
        return cameras.get().speaker(device).isPresent();
    }

    @Override
    public Future<Void> send(String device, Command command) {
        Optional<IsapiCameraAccess.Speaker> speaker = cameras.get().speaker(device);
        if (speaker.isEmpty() || !Command.VOICE_WARNING.equals(command.type())) {
            return Future.failedFuture(new DeliveryFailedException(device + " takes only voice warnings over ISAPI, not " + command.type()));
        }
        Integer audioId = speaker.get().clips().get(command.clip());
        if (audioId == null) {
            return answer(device, command, "failed", "no audio id for clip " + command.clip() + " in the town file (" + device + " isapi.clips)");
        }
        return client.put(speaker.get(), AUDIO_ALARM + "?format=json", Buffer.buffer(settings(speaker.get(), audioId, command).encode()))
                .compose(set -> set.ok() ? client.put(speaker.get(), AUDIO_ALARM + "/" + audioId + "/test?format=json", Buffer.buffer("{}"))
                        : Future.succeededFuture(set))
                .compose(played -> {
                    if (played.ok()) {
                        return answer(device, command, "played", null);
                    }
                    if (played.refused()) {
                        return answer(device, command, "failed", played.reason());
                    }
                    return Future.failedFuture(new DeliveryFailedException(device + " answered HTTP " + played.httpStatus()
                            + (played.statusCode() == null ? "" : ", " + played.reason()) + "; trying again"));
                });
    }

    private static JsonObject settings(IsapiCameraAccess.Speaker speaker, int audioId, Command command) {
        int repeat = command.repeat() == null ? 1 : Math.max(1, Math.min(MAX_REPEAT, command.repeat()));
        JsonObject alarm = new JsonObject().put("audioID", audioId).put("alarmTimes", repeat);
        if (speaker.volume() != null) {
            alarm.put("audioVolume", speaker.volume());
        }
        return new JsonObject().put("AudioAlarm", alarm);
    }

    /** Records the camera's answer; the attempt succeeds once it is durable (else it is tried again, and the clip may play twice). */
    private Future<Void> answer(String device, Command command, String result, String note) {
        return acks.record(device, command.id(), result, note)
                .recover(e -> Future.failedFuture(new DeliveryFailedException(device + " answered " + result + " to " + command.id()
                        + " but the answer could not be recorded: " + e.getMessage())));
    }
}
