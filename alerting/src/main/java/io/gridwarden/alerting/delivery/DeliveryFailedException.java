package io.gridwarden.alerting.delivery;

/** One delivery attempt did not reach the device; the message says where it stopped. It will be retried. */
public final class DeliveryFailedException extends RuntimeException {

    public DeliveryFailedException(String message) {
        super(message, null, false, false);
    }
}
