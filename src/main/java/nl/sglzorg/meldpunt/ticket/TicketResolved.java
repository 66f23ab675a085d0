package nl.sglzorg.meldpunt.ticket;

/**
 * A ticket moved to {@code RESOLVED}. Fired synchronously inside the transaction of the change, so
 * what it causes (a webhook delivery, queued by {@code webhook}, which observes it) commits together
 * with the change or not at all.
 */
public record TicketResolved(Ticket ticket) {
}
