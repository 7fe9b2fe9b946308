package io.gridwarden.alerting.api;

/**
 * A query parameter, header or body field the API cannot take: answered 400 {@code invalid-parameter}
 * naming it. The message is for the client, so it says what a valid value looks like.
 */
public final class InvalidParameter extends IllegalArgumentException {

    private final String parameter;

    public InvalidParameter(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The parameter's name as the client sent it: a query parameter, a header, a body field, or {@code body}. */
    public String parameter() {
        return parameter;
    }
}
