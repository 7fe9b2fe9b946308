package io.gridwarden.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A camera's alarm-host request body, whichever way its firmware sends it: the alert alone as XML or JSON,
 * or {@code multipart/form-data} with the alert in one part and the picture in another. Pure.
 *
 * @param alert   the alert
 * @param picture the picture part (an {@code image/*} part), when the camera attached one
 */
record IsapiAlertBody(IsapiAlert alert, Optional<IsapiMultipart.Part> picture) {

    /** The body's content type is none gridwarden reads. */
    static final class UnsupportedType extends Exception {
        UnsupportedType() {
            super(null, null, false, false);
        }
    }

    static final String SUPPORTED = "application/xml, text/xml, application/json or multipart/form-data (the alert and a picture)";

    static IsapiAlertBody read(String contentType, byte[] body) throws IsapiAlertReader.UnreadableAlert, UnsupportedType {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            String boundary = IsapiMultipart.boundary(contentType)
                    .orElseThrow(() -> new IsapiAlertReader.UnreadableAlert("multipart/form-data needs a boundary parameter"));
            return fromParts(IsapiMultipart.split(body, boundary));
        }
        if (type.contains("xml")) {
            return new IsapiAlertBody(IsapiAlertReader.readXml(body), Optional.empty());
        }
        if (type.contains("json")) {
            return new IsapiAlertBody(IsapiAlertReader.readJson(body), Optional.empty());
        }
        throw new UnsupportedType();
    }

    private static IsapiAlertBody fromParts(List<IsapiMultipart.Part> parts) throws IsapiAlertReader.UnreadableAlert {
        IsapiAlert alert = null;
        IsapiMultipart.Part picture = null;
        for (IsapiMultipart.Part part : parts) {
            if (part.isImage()) {
                picture = picture == null ? part : picture;
            } else if (alert == null && (part.isXml() || startsWith(part.body(), '<'))) {
                alert = IsapiAlertReader.readXml(part.body());
            } else if (alert == null && (part.isJson() || startsWith(part.body(), '{'))) {
                alert = IsapiAlertReader.readJson(part.body());
            }
        }
        if (alert == null) {
            throw new IsapiAlertReader.UnreadableAlert("no part of the multipart body holds an EventNotificationAlert (XML or JSON)");
        }
        return new IsapiAlertBody(alert, Optional.ofNullable(picture));
    }

    private static boolean startsWith(byte[] body, char c) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == c;
            }
        }
        return false;
    }
}
