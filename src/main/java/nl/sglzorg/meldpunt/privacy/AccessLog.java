package nl.sglzorg.meldpunt.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.text.Text;
import nl.sglzorg.meldpunt.common.time.QueryInstants;
import nl.sglzorg.meldpunt.common.web.QueryLimits;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketRead;

/**
 * Writes the access log, and reads it back for communicatie; a read is recorded in the transaction that serves it. Reads of a ticket
 * and its evidence arrive as {@link TicketRead} events, fired synchronously inside that transaction. A new kind of read
 * that records access belongs in {@code common.web.CrossSiteGuard}'s recorded reads too, so that no page
 * on another site can make a browser write entries here.
 */
@ApplicationScoped
public class AccessLog {

    static final int MAX_LIMIT = 500;

    /** One entry as shown. */
    public record Entry(long id, String user, String ticket, AccessLogEntry.Action action, Instant at) {
    }

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

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

    /**
     * The newest entries, filtered by ticket reference, username and a period ({@code from} and
     * {@code to} as typed in a query: a date or a moment), at most {@code limit}.
     */
    @Transactional
    public List<Entry> list(String ticket, String user, String from, String to, String limit) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (Text.blankToNull(ticket) != null) {
            conditions.add("reference = :ticket");
            params.put("ticket", ticket.strip());
        }
        if (Text.blankToNull(user) != null) {
            conditions.add("username = :user");
            params.put("user", user.strip());
        }
        Instant start = QueryInstants.parse("from", from, config.timeZone(), false);
        if (start != null) {
            conditions.add("occurredAt >= :from");
            params.put("from", start);
        }
        Instant end = QueryInstants.parse("to", to, config.timeZone(), true);
        if (end != null) {
            conditions.add("occurredAt < :to");
            params.put("to", end);
        }
        String query = conditions.isEmpty() ? "order by id desc" : String.join(" and ", conditions) + " order by id desc";
        return AccessLogEntry.<AccessLogEntry>find(query, params).range(0, QueryLimits.parse(limit, 100, MAX_LIMIT) - 1).list().stream()
                .map(e -> new Entry(e.id, e.username, e.reference, e.action, e.occurredAt)).toList();
    }
}
