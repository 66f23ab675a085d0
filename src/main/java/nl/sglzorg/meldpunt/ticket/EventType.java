package nl.sglzorg.meldpunt.ticket;

/** What happened to a ticket; each is one entry in its append-only history. */
public enum EventType {
    /** The signal was filed. */
    FILED,
    /** A routing decision was made (function, reason, accounts-table revision). */
    ROUTED,
    /** The reporter added information through the tracking token. */
    REPORTER_MESSAGE
}
