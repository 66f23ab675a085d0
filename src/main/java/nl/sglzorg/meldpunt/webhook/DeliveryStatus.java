package nl.sglzorg.meldpunt.webhook;

/** Where a webhook delivery stands. */
public enum DeliveryStatus {
    /** Waiting to be sent, or to be tried again after a failure. */
    PENDING,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Failed too often; parked until communicatie retries it. */
    FAILED
}
