package nl.sglzorg.meldpunt.ticket;

import nl.sglzorg.meldpunt.kernel.TicketStatus;

/**
 * Something the reporter of {@code ticket} may hear of: a new public status and/or a reply, either
 * {@code null}. Fired synchronously inside the transaction of the change, so the e-mail it causes
 * (queued by {@code notification}, which observes it) commits together with the change.
 */
public record ReporterNews(Ticket ticket, TicketStatus newStatus, String reply) {
}
