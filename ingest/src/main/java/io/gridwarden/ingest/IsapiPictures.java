package io.gridwarden.ingest;

/**
 * Where the picture a camera attaches to an alert goes: the one place its bytes are handed on. Called on
 * the event loop once the alert's event is durable; an implementation that stores it must not block.
 * Today nothing keeps them ({@link #DISCARD}): the evidence store plugs in here.
 */
@FunctionalInterface
public interface IsapiPictures {

    IsapiPictures DISCARD = (camera, eventId, contentType, jpeg) -> { };

    /**
     * @param camera      the camera's id
     * @param eventId     the id of the event the alert became (a detection)
     * @param contentType the part's content type, e.g. {@code image/jpeg}
     * @param picture     the picture's bytes, at most the alarm host's body limit
     */
    void received(String camera, String eventId, String contentType, byte[] picture);
}
