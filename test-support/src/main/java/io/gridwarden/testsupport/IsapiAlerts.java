package io.gridwarden.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Hikvision {@code EventNotificationAlert}s shaped as Hikvision's public ISAPI documentation shows them
 * (Device Network SDK developer guides: XML_EventNotificationAlert_AlarmEventInfo, the heartbeat message,
 * JSON_EventNotificationAlert with {@code DetectionRegionList}), for the demo town's ISAPI camera cam-0111.
 */
public final class IsapiAlerts {

    public static final String CAMERA = "cam-0111";
    public static final String SECRET = "demo-isapi-cam-0111";
    public static final String MAC = "44:19:b6:6d:01:11";
    public static final String SERIAL = "DS-2CD2T47G2-LSU/SL20231020AACHAF400111";
    public static final String BOUNDARY = "MIME_boundary";
    /** The smallest JPEG-looking bytes: SOI, a comment, EOI. Enough for a picture part. */
    public static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xFE, 0, 4, 'g', 'w', (byte) 0xFF, (byte) 0xD9};

    private IsapiAlerts() {}

    /** The camera's local time, as its firmware writes {@code dateTime}: with the +08:00 offset of a camera in China. */
    public static String dateTime(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(8)).withNano(0).toString();
    }

    /**
     * An XML smart-event alert ({@code regionEntrance}, {@code fielddetection}, {@code parking}, …) with one
     * detection region in the lower half of the image (ISAPI's 0–1000 screen, origin bottom-left) and, on
     * AcuSense firmware, the target's {@code TargetRect}.
     */
    public static String xml(String eventType, String mac, Instant at, int postCount, String target) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + head("http://www.isapi.org/ver20/XMLSchema", mac, at, postCount, eventType, "active") + """
                <channelName>Camera 01</channelName>
                <DetectionRegionList>
                <DetectionRegionEntry>
                <regionID>1</regionID>
                <sensitivityLevel>50</sensitivityLevel>
                <RegionCoordinatesList>
                <RegionCoordinates><positionX>100</positionX><positionY>50</positionY></RegionCoordinates>
                <RegionCoordinates><positionX>900</positionX><positionY>50</positionY></RegionCoordinates>
                <RegionCoordinates><positionX>900</positionX><positionY>400</positionY></RegionCoordinates>
                <RegionCoordinates><positionX>100</positionX><positionY>400</positionY></RegionCoordinates>
                </RegionCoordinatesList>
                <detectionTarget>%s</detectionTarget>
                <TargetRect><X>0.338</X><Y>0.595</Y><width>0.101</width><height>0.094</height></TargetRect>
                </DetectionRegionEntry>
                </DetectionRegionList>
                <targetType>%s</targetType>
                </EventNotificationAlert>
                """.formatted(target, target);
    }

    /** The opening of an alert: the root element and the members every alert carries, as the guides list them. */
    private static String head(String namespace, String mac, Instant at, int postCount, String eventType, String state) {
        return """
                <EventNotificationAlert version="2.0" xmlns="%s">
                <ipAddress>10.20.1.111</ipAddress>
                <portNo>80</portNo>
                <protocol>HTTP</protocol>
                <macAddress>%s</macAddress>
                <channelID>1</channelID>
                <dateTime>%s</dateTime>
                <activePostCount>%d</activePostCount>
                <eventType>%s</eventType>
                <eventState>%s</eventState>
                <eventDescription>%s alarm</eventDescription>
                """.formatted(namespace, mac, dateTime(at), postCount, eventType, state, eventType);
    }

    /** The same kind of alert in the JSON form (newer firmware), without a TargetRect: placed by its region. */
    public static String json(String eventType, String mac, Instant at, int postCount, String target) {
        return """
                {"ipAddress":"10.20.1.111","portNo":80,"protocol":"HTTP","macAddress":"%s","channelID":1,"dateTime":"%s",
                 "activePostCount":%d,"eventType":"%s","eventState":"active","eventDescription":"%s alarm",
                 "deviceID":"%s","DetectionRegionList":[{"DetectionRegionEntry":{"regionID":"1","sensitivityLevel":50,
                 "RegionCoordinatesList":[{"RegionCoordinates":{"positionX":100,"positionY":50}},{"RegionCoordinates":{"positionX":900,"positionY":50}},
                 {"RegionCoordinates":{"positionX":900,"positionY":400}},{"RegionCoordinates":{"positionX":100,"positionY":400}}],
                 "detectionTarget":"%s"}}]}
                """.formatted(mac, dateTime(at), postCount, eventType, eventType, SERIAL, target);
    }

    /** The keep-alive cameras send every 10 s on firmware 5.5 and later: {@code videoloss}, {@code inactive}. */
    public static String heartbeat(String mac, Instant at) {
        return head("http://www.isapi.com/ver20/XMLSchema", mac, at, 0, "videoloss", "inactive") + "</EventNotificationAlert>\n";
    }

    /** An alert with a DOCTYPE whose external entity would read {@code file}: what an XXE attack sends. */
    public static String xxe(String file) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE EventNotificationAlert [<!ENTITY leak SYSTEM "file://%s">]>
                <EventNotificationAlert version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">
                <macAddress>&leak;</macAddress><dateTime>2026-12-04T10:00:00+08:00</dateTime>
                <eventType>regionEntrance</eventType><eventState>active</eventState>
                </EventNotificationAlert>
                """.formatted(file);
    }

    /** {@code multipart/form-data} as the camera posts an alert with its picture: the XML, then the JPEG. */
    public static byte[] multipart(String xml, byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"regionEntrance\"\r\n"
                + "Content-Type: application/xml; charset=\"UTF-8\"\r\nContent-Length: " + xml.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + xml + "\r\n");
        write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"regionEntranceImage\"; filename=\"regionEntranceImage.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\nContent-Length: " + jpeg.length + "\r\n\r\n");
        out.writeBytes(jpeg);
        write(out, "\r\n--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    /**
     * The demo town written to {@code file} with cam-0111's ISAPI address at {@code address} (a fake camera on a
     * random port) and its z-parking grace period {@code grace} (e.g. {@code 3s}); returns the file's path.
     */
    public static java.nio.file.Path demoTown(java.nio.file.Path file, String address, String grace) throws java.io.IOException {
        String town;
        try (var in = IsapiAlerts.class.getClassLoader().getResourceAsStream("towns/demo-town.yaml")) {
            town = new String(java.util.Objects.requireNonNull(in, "the demo town is on the classpath (module common)").readAllBytes(),
                    StandardCharsets.UTF_8);
        }
        int start = town.indexOf("  - id: " + CAMERA + "\n");
        int end = town.indexOf("  - id: ", start + 1);
        String block = town.substring(start, end).replace("address: http://127.0.0.1:8071", "address: " + address)
                .replace("grace: 30s", "grace: " + grace);
        return java.nio.file.Files.writeString(file, town.substring(0, start) + block + town.substring(end));
    }

    public static String multipartContentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
