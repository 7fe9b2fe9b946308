package io.gridwarden.common.event;

/** An officer's handset reporting where the officer is and whether they can take work. */
public record OfficerStatus(double lat, double lon, Availability status) implements EventData {

    public enum Availability {
        AVAILABLE("available"), BUSY("busy"), OFF_DUTY("off_duty");

        private final String wireName;

        Availability(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static java.util.Optional<Availability> fromWire(String name) {
            return java.util.Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst();
        }
    }
}
