package io.gridwarden.alerting.delivery;

import io.vertx.core.Future;

/**
 * The seam through which alerting records a device's answer to a command on the device's behalf, for a
 * device that cannot send {@code gw.command.ack} itself (an ISAPI camera answers alerting's own HTTP call),
 * or for a command that expired undelivered. The answer reaches the jobs as a {@code gw.command.ack}
 * event in the event log, as a device's own would. The embedded default appends to the event log the
 * launcher opens ({@link EventLogCameraAcks}); a scale-out deployment plugs in its Kafka producer here.
 */
public interface CameraAcks {

    /** Alerting has no event log to append to: every answer is refused (and logged by the caller). */
    CameraAcks NONE = (device, command, result, note) ->
            Future.failedFuture(new IllegalStateException("this alerting instance has no event log to record acknowledgements in"));

    /**
     * Records that {@code device} answered {@code command} with {@code result} ({@code played}, {@code failed}, …);
     * completes once durable. The event's id is derived from the command and result, so recording the same
     * answer again is a duplicate, stored once.
     *
     * @param note why, for a {@code failed} answer (the camera's {@code statusString}, or {@code expired}); may be null
     */
    Future<Void> record(String device, String command, String result, String note);
}
