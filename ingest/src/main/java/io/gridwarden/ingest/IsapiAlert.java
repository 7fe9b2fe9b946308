package io.gridwarden.ingest;

import java.util.List;

/**
 * What gridwarden reads of a Hikvision {@code EventNotificationAlert} (XML or JSON), independent of its
 * encoding. Every string is as the camera sent it, already held to {@link IsapiAlertReader}'s bounds.
 *
 * @param eventType       e.g. {@code regionEntrance}, {@code fielddetection}, {@code parking}, {@code videoloss}
 * @param eventState      {@code active} or {@code inactive}
 * @param dateTime        when the camera saw it, ISO 8601 as sent (e.g. {@code 2026-12-04T15:20:01+08:00})
 * @param mac             {@code macAddress}; null when not sent
 * @param serial          {@code deviceID}, {@code serialNumber} or {@code deviceSerial}; null when not sent
 * @param channel         {@code channelID}; "1" when not sent
 * @param activePostCount how many times this alarm has been posted; 0 when not sent
 * @param uuid            the JSON form's event {@code uuid}; null when not sent
 * @param targetType      the alert's top-level {@code targetType} ({@code vehicle}, {@code human}); null when not sent
 * @param regions         the {@code DetectionRegionList} entries, in order
 */
record IsapiAlert(String eventType, String eventState, String dateTime, String mac, String serial, String channel,
                  int activePostCount, String uuid, String targetType, List<Region> regions) {

    IsapiAlert {
        regions = List.copyOf(regions);
    }

    boolean active() {
        return "active".equalsIgnoreCase(eventState);
    }

    /**
     * One {@code DetectionRegionEntry}.
     *
     * @param id         {@code regionID}
     * @param target     {@code detectionTarget} (or {@code targetType}); null when not sent
     * @param polygon    {@code RegionCoordinatesList}: points on the camera's 0–1000 normalised screen, origin bottom-left
     * @param targetRect {@code TargetRect} {@code [x, y, w, h]} in 0..1 of the image, origin top-left; null when not sent
     */
    record Region(String id, String target, List<double[]> polygon, double[] targetRect) {
        Region {
            polygon = List.copyOf(polygon);
        }
    }
}
