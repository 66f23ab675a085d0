package nl.sglzorg.meldpunt.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketRead;

/**
 * Writes the access log; a read is recorded in the transaction that serves it. Reads of a ticket
 * and its evidence arrive as {@link TicketRead} events, fired synchronously inside that transaction. A new kind of read
 * that records access belongs in {@code common.web.CrossSiteGuard}'s recorded reads too, so that no page
 * on another site can make a browser write entries here.
 */
@ApplicationScoped
public class AccessLog {

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    void on(@Observes TicketRead read) {
        record(read.username(), read.ticket(), switch (read.what()) {
            case DETAILS -> AccessLogEntry.Action.VIEW_TICKET;
            case HISTORY -> AccessLogEntry.Action.VIEW_HISTORY;
            case EVIDENCE -> AccessLogEntry.Action.VIEW_EVIDENCE;
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String username, Ticket ticket, AccessLogEntry.Action action) {
        AccessLogEntry entry = new AccessLogEntry();
        entry.username = username;
        entry.ticketId = ticket.id;
        entry.reference = ticket.reference;
        entry.action = action;
        entry.occurredAt = Instant.now(clock);
        entry.persist();
    }
}
