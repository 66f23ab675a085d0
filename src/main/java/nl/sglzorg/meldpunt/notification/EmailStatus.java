package nl.sglzorg.meldpunt.notification;

/** Where an e-mail in the outbox stands. */
public enum EmailStatus {
    /** Waiting to be sent, or to be tried again after a failure. */
    PENDING,
    /** Handed to the mail server. */
    SENT,
    /** Failed too often; parked until a person retries it. */
    FAILED
}
