package io.gridwarden.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gridwarden.common.event.Detection;
import io.gridwarden.common.event.DetectedObject;
import io.gridwarden.common.event.DeviceEvent;
import io.gridwarden.common.event.EventType;
import io.gridwarden.common.event.Heartbeat;
import io.gridwarden.testsupport.IsapiAlerts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class IsapiAlertReaderTest {

    private static final Instant AT = Instant.parse("2026-12-04T02:00:00Z");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadAnXmlRegionEntranceWithItsTargetAndRegion() throws Exception {
        IsapiAlert alert = IsapiAlertReader.readXml(utf8(IsapiAlerts.xml("regionEntrance", IsapiAlerts.MAC, AT, 1, "vehicle")));

        assertThat(alert.eventType()).isEqualTo("regionEntrance");
        assertThat(alert.active()).isTrue();
        assertThat(alert.mac()).isEqualTo(IsapiAlerts.MAC);
        assertThat(alert.activePostCount()).isEqualTo(1);
        assertThat(alert.regions()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("1");
            assertThat(r.target()).isEqualTo("vehicle");
            assertThat(r.polygon()).hasSize(4);
            assertThat(r.targetRect()).containsExactly(0.338, 0.595, 0.101, 0.094);
        });
    }

    @Test
    void shouldTurnAVehicleInARegionIntoACarInTheLowerHalfOfTheFrame() throws Exception {
        IsapiAlert alert = IsapiAlertReader.readJson(utf8(IsapiAlerts.json("parking", IsapiAlerts.MAC, AT, 3, "vehicle")));
        DeviceEvent event = IsapiFrames.toEvent("cam-0111", alert, ZONE, AT).orElseThrow();

        assertThat(alert.serial()).isEqualTo(IsapiAlerts.SERIAL);
        assertThat(event.type()).isEqualTo(EventType.DETECTION);
        assertThat(event.time()).isEqualTo(AT);
        DetectedObject car = ((Detection) event.data()).objects().get(0);
        assertThat(car.label()).isEqualTo("car");
        assertThat(car.track()).isEqualTo("isapi-c1-r1-car");
        // the region spans y 50..400 of ISAPI's 0-1000 screen, origin bottom-left: 0.6..0.95 of the image from the top
        assertThat(car.box().y()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(car.box().footY()).isCloseTo(0.95, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldGiveARegionEntranceAndTheParkingAlertAfterItOneTrack() throws Exception {
        DeviceEvent entrance = IsapiFrames.toEvent("cam-0111",
                IsapiAlertReader.readXml(utf8(IsapiAlerts.xml("regionEntrance", IsapiAlerts.MAC, AT, 1, "vehicle"))), ZONE, AT).orElseThrow();
        DeviceEvent parking = IsapiFrames.toEvent("cam-0111",
                IsapiAlertReader.readJson(utf8(IsapiAlerts.json("parking", IsapiAlerts.MAC, AT.plusSeconds(10), 1, "vehicle"))), ZONE, AT).orElseThrow();

        assertThat(((Detection) entrance.data()).objects().get(0).track()).isEqualTo(((Detection) parking.data()).objects().get(0).track());
        assertThat(entrance.id()).isNotEqualTo(parking.id());
    }

    @Test
    void shouldGiveAResentAlertTheSameIdAndTheNextPostANewOne() throws Exception {
        String first = IsapiFrames.id(IsapiAlertReader.readXml(utf8(IsapiAlerts.xml("fielddetection", IsapiAlerts.MAC, AT, 1, "human"))));
        String again = IsapiFrames.id(IsapiAlertReader.readXml(utf8(IsapiAlerts.xml("fielddetection", IsapiAlerts.MAC, AT, 1, "human"))));
        String next = IsapiFrames.id(IsapiAlertReader.readXml(utf8(IsapiAlerts.xml("fielddetection", IsapiAlerts.MAC, AT, 2, "human"))));

        assertThat(again).isEqualTo(first);
        assertThat(next).isNotEqualTo(first);
    }

    @Test
    void shouldTurnTheVideolossKeepAliveIntoAHeartbeat() throws Exception {
        IsapiAlert alert = IsapiAlertReader.readXml(utf8(IsapiAlerts.heartbeat(IsapiAlerts.MAC, AT)));
        DeviceEvent event = IsapiFrames.toEvent("cam-0111", alert, ZONE, AT).orElseThrow();

        assertThat(event.type()).isEqualTo(EventType.HEARTBEAT);
        assertThat(((Heartbeat) event.data()).fields()).containsEntry("eventType", "videoloss");
    }

    @Test
    void shouldActOnNothingElse() throws Exception {
        String motion = IsapiAlerts.heartbeat(IsapiAlerts.MAC, AT).replace("videoloss", "VMD").replace("inactive", "active");
        assertThat(IsapiFrames.toEvent("cam-0111", IsapiAlertReader.readXml(utf8(motion)), ZONE, AT)).isEmpty();
    }

    @Test
    void shouldReadATimeWithoutAnOffsetInTheTownsZone() throws Exception {
        assertThat(IsapiFrames.time("2026-12-04T10:00:00", ZONE, AT)).isEqualTo(AT);
        assertThat(IsapiFrames.time("2026-12-04T10:00:00+08:00", ZONE, AT.plus(1, ChronoUnit.DAYS))).isEqualTo(AT);
    }

    @Test
    void shouldRefuseADoctypeWithAnExternalEntity() {
        assertThatThrownBy(() -> IsapiAlertReader.readXml(utf8(IsapiAlerts.xxe("/etc/hostname"))))
                .isInstanceOf(IsapiAlertReader.UnreadableAlert.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void shouldRefuseAnInternalEntityExpansion() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY l \"lol\"><!ENTITY l2 \"&l;&l;&l;&l;&l;&l;&l;&l;&l;&l;\">]>"
                + "<EventNotificationAlert><eventType>&l2;</eventType></EventNotificationAlert>";
        assertThatThrownBy(() -> IsapiAlertReader.readXml(utf8(laughs))).isInstanceOf(IsapiAlertReader.UnreadableAlert.class);
    }

    @Test
    void shouldRefuseCoordinatesOffTheScreenAndTooManyRegions() {
        String off = IsapiAlerts.xml("parking", IsapiAlerts.MAC, AT, 1, "vehicle").replace("<positionX>900</positionX>", "<positionX>1900</positionX>");
        assertThatThrownBy(() -> IsapiAlertReader.readXml(utf8(off))).hasMessageContaining("positionX");

        String entry = "<DetectionRegionEntry><regionID>1</regionID></DetectionRegionEntry>";
        String many = "<EventNotificationAlert><eventType>parking</eventType><DetectionRegionList>" + entry.repeat(IsapiAlertReader.MAX_REGIONS + 1)
                + "</DetectionRegionList></EventNotificationAlert>";
        assertThatThrownBy(() -> IsapiAlertReader.readXml(utf8(many))).hasMessageContaining("at most " + IsapiAlertReader.MAX_REGIONS);
    }

    @Test
    void shouldSplitTheCamerasMultipartIntoTheAlertAndItsPicture() throws Exception {
        byte[] body = IsapiAlerts.multipart(IsapiAlerts.xml("regionEntrance", IsapiAlerts.MAC, AT, 1, "vehicle"), IsapiAlerts.JPEG);
        IsapiAlertBody read = IsapiAlertBody.read(IsapiAlerts.multipartContentType(), body);

        assertThat(read.alert().eventType()).isEqualTo("regionEntrance");
        assertThat(read.picture()).hasValueSatisfying(p -> {
            assertThat(p.contentType()).isEqualTo("image/jpeg");
            assertThat(p.body()).isEqualTo(IsapiAlerts.JPEG);
        });
    }

    @Test
    void shouldRefuseAMultipartBodyWithTooManyParts() {
        String part = "--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\nx\r\n";
        byte[] body = (part.repeat(IsapiMultipart.MAX_PARTS + 1) + "--b--\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> IsapiMultipart.split(body, "b")).hasMessageContaining("at most " + IsapiMultipart.MAX_PARTS);
    }

    @Test
    void shouldAcceptAnAlertOnlyWhenItNamesItsCamera() throws Exception {
        IsapiCameras.IsapiCamera camera = new IsapiCameras(IngestFixtures.TOWN).bySecret(IsapiAlerts.SECRET).orElseThrow();
        IsapiAlert own = IsapiAlertReader.readXml(utf8(IsapiAlerts.xml("parking", "44-19-B6-6D-01-11", AT, 1, "vehicle")));
        IsapiAlert other = IsapiAlertReader.readXml(utf8(IsapiAlerts.xml("parking", "44:19:b6:6d:01:12", AT, 1, "vehicle")));
        IsapiAlert anonymous = IsapiAlertReader.readXml(utf8(IsapiAlerts.xml("parking", "", AT, 1, "vehicle")));

        assertThat(camera.device().id()).isEqualTo(IsapiAlerts.CAMERA);
        assertThat(IsapiCameras.mismatch(camera, own)).isEmpty();
        assertThat(IsapiCameras.mismatch(camera, other)).hasValueSatisfying(why -> assertThat(why).contains("macAddress"));
        assertThat(IsapiCameras.mismatch(camera, anonymous)).isPresent();
        assertThat(new IsapiCameras(IngestFixtures.TOWN).bySecret("demo-isapi-cam-0112")).hasValueSatisfying(
                c -> assertThat(c.device().id()).isEqualTo("cam-0112"));
        assertThat(new IsapiCameras(IngestFixtures.TOWN).bySecret("guess")).isEmpty();
    }
}
