package io.gridwarden.common.event;

/**
 * The longest each string of a device's event may be, in characters (UTF-16 code units, as Java counts
 * them). A device's event beyond one of these is refused with a problem naming the field; events read back
 * from the log are not held to them, so that tightening a bound never makes stored events unreadable.
 *
 * <p>Each bound is far above what a device needs (a device id is a dozen characters, a track id a few, an
 * RFC 3339 time 35 at most) and low enough that no field becomes a store: an event's {@code id} is kept for
 * 25 hours as a de-duplication key, its {@code track} becomes keyed state in the jobs.
 */
public final class EventLimits {

    /** {@code id}: the idempotency key, unique per source. */
    public static final int ID = 128;
    /** {@code source}: the device id. */
    public static final int SOURCE = 128;
    /** {@code time}: an RFC 3339 timestamp (35 characters at most with nanoseconds and an offset). */
    public static final int TIME = 64;
    /** {@code data.objects[].track}: the id that follows an object across frames. */
    public static final int TRACK = 64;
    /** {@code data.objects[].label}: what the object is, e.g. {@code car}. */
    public static final int LABEL = 32;
    /** {@code data.snapshot}: a URL of the frame's picture. */
    public static final int SNAPSHOT = 1024;
    /** {@code data.evidence}: the ref of the frame's picture in the evidence store ({@code sha256:} and 64 hex digits). */
    public static final int EVIDENCE = 71;
    /** {@code data.metric} of a reading, e.g. {@code water_level_m}. */
    public static final int METRIC = 64;
    /** {@code data.command} of a command acknowledgement: the id of the command it answers. */
    public static final int COMMAND = 128;
    /** {@code data.note} of a command acknowledgement. */
    public static final int NOTE = 500;
    /** Members of a heartbeat's {@code data}. */
    public static final int HEARTBEAT_MEMBERS = 32;
    /** A heartbeat's {@code data}: its members' names and values (non-strings as JSON text), all together. */
    public static final int HEARTBEAT_CHARACTERS = 4096;

    private EventLimits() {}

    /** The size a heartbeat's data counts against {@link #HEARTBEAT_CHARACTERS}: every name and value, in characters. */
    static int heartbeatCharacters(java.util.Map<String, String> fields) {
        int characters = 0;
        for (var member : fields.entrySet()) {
            characters += member.getKey().length() + member.getValue().length();
        }
        return characters;
    }
}
