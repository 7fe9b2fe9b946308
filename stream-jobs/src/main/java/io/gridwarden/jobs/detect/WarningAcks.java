package io.gridwarden.jobs.detect;

import io.gridwarden.common.action.CommandIds;
import io.gridwarden.common.town.Town;
import io.gridwarden.common.town.TownFile;
import io.gridwarden.jobs.model.DeviceAck;
import io.gridwarden.jobs.model.WarningFailure;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Picks the {@code failed} acks out of all acks and names the camera whose detection owns the warning:
 * the ack's source when it is a camera of the town (a camera answering for itself), else the camera the
 * command id was made for ({@link CommandIds#isFor}): an ack written on a device's behalf, e.g. alerting's
 * {@code failed}/{@code expired} for a warning it could not deliver. Deterministic: it depends only on the ack.
 */
public final class WarningAcks extends RichFlatMapFunction<DeviceAck, WarningFailure> {

    public static final String FAILED = "failed";

    private final String townLocation;
    private final CommandIds commandIds;
    private transient Town town;
    private transient List<String> cameras;

    public WarningAcks(String townLocation, CommandIds commandIds) {
        this.townLocation = townLocation;
        this.commandIds = commandIds;
    }

    @Override
    public void open(OpenContext context) {
        town = Town.loadShared(townLocation);
        cameras = town.cameras().stream().map(TownFile.Camera::id).toList();
    }

    @Override
    public void flatMap(DeviceAck ack, Collector<WarningFailure> out) {
        if (!FAILED.equals(ack.result()) || ack.command() == null) {
            return;
        }
        String camera = town.camera(ack.device()).isPresent() ? ack.device() : owner(ack.command());
        if (camera != null) {
            out.collect(new WarningFailure(camera, ack.time(), ack.command(), ack.note()));
        }
    }

    /** The camera the command was made for, or null: one mac per camera, only for the rare acks not from a camera. */
    private String owner(String command) {
        for (String camera : cameras) {
            if (commandIds.isFor(camera, command)) {
                return camera;
            }
        }
        return null;
    }
}
