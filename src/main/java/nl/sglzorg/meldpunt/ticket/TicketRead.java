package nl.sglzorg.meldpunt.ticket;

/**
 * A staff member read a ticket's personal data. Fired synchronously inside the transaction that
 * serves the read, so the access log (in {@code privacy}, which observes it) commits with it; the
 * ticket does not know who keeps the log.
 */
public record TicketRead(String username, Ticket ticket, What what) {

    /** What was read. */
    public enum What {
        /** The ticket's details, reporter included. */
        DETAILS,
        /** The ticket's history. */
        HISTORY,
        /** A screenshot the reporter attached. */
        EVIDENCE
    }
}
