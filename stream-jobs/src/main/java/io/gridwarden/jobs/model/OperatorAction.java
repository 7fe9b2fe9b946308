package io.gridwarden.jobs.model;

/**
 * A dispatcher's manual action on a violation, written into the event log by alerting: assign it to
 * {@code officer}, or ({@code close}) close it for {@code reason}.
 *
 * @param source the camera or sensor that saw the violation: its state is kept under that device
 * @param time when the dispatcher acted (epoch millis)
 */
public record OperatorAction(String violation, String source, long time, boolean close, String officer, String reason,
        String operator) {

    public static OperatorAction assign(String violation, String source, long time, String officer, String operator) {
        return new OperatorAction(violation, source, time, false, officer, null, operator);
    }

    public static OperatorAction close(String violation, String source, long time, String reason, String operator) {
        return new OperatorAction(violation, source, time, true, null, reason, operator);
    }
}
