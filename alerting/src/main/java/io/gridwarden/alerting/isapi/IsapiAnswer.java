package io.gridwarden.alerting.isapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridwarden.common.xml.SafeXml;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * A camera's answer to an ISAPI request: its HTTP status and, when it sent one, its {@code ResponseStatus}
 * (JSON {@code {"statusCode":1,"statusString":"OK","subStatusCode":"ok"}} or the same in XML). ISAPI's
 * {@code statusCode} 1 is OK; 2 is "Device Busy" (worth trying again); 3–7 are errors a retry will not mend
 * ("Device Error", "Invalid Operation", "Invalid XML/JSON Format", "Invalid XML/JSON Content", "Reboot Required").
 */
record IsapiAnswer(int httpStatus, Integer statusCode, String statusString, String subStatusCode) {

    static final int OK = 1;
    static final int DEVICE_BUSY = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the camera said; the body is read safely (no DTD) and only for its ResponseStatus. */
    static IsapiAnswer of(int httpStatus, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).trim();
        try {
            if (text.startsWith("{")) {
                JsonNode node = JSON.readTree(text);
                JsonNode status = node.has("ResponseStatus") ? node.get("ResponseStatus") : node;
                return new IsapiAnswer(httpStatus, status.has("statusCode") ? status.get("statusCode").asInt() : null,
                        textOf(status, "statusString"), textOf(status, "subStatusCode"));
            }
            if (text.startsWith("<")) {
                Element root = SafeXml.parse(text.getBytes(StandardCharsets.UTF_8));
                Optional<String> code = SafeXml.text(root, "statusCode");
                return new IsapiAnswer(httpStatus, code.filter(c -> c.matches("\\d{1,3}")).map(Integer::parseInt).orElse(null),
                        SafeXml.text(root, "statusString").orElse(null), SafeXml.text(root, "subStatusCode").orElse(null));
            }
        } catch (Exception unreadable) {
            // an answer that is not a ResponseStatus says nothing beyond its HTTP status
        }
        return new IsapiAnswer(httpStatus, null, null, null);
    }

    /** The camera did what was asked. */
    boolean ok() {
        return httpStatus / 100 == 2 && (statusCode == null || statusCode == OK);
    }

    /** The camera refused the request itself, for a reason trying again will not change. */
    boolean refused() {
        return statusCode != null && statusCode != OK && statusCode != DEVICE_BUSY && httpStatus / 100 != 5;
    }

    /** The camera's own words for the ack note, e.g. {@code Invalid Operation (notSupport)}. */
    String reason() {
        String words = statusString == null ? "statusCode " + statusCode : statusString;
        return subStatusCode == null ? words : words + " (" + subStatusCode + ")";
    }

    private static String textOf(JsonNode node, String field) {
        return node.has(field) && !node.get(field).isNull() ? node.get(field).asText() : null;
    }
}
