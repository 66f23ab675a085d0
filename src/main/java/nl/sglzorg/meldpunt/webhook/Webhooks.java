package nl.sglzorg.meldpunt.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.jdbc.Sql;
import nl.sglzorg.meldpunt.ticket.Ticket;
import nl.sglzorg.meldpunt.ticket.TicketResolved;

/**
 * Queues a delivery for every enabled webhook that wants an event, in the transaction of the event:
 * the delivery commits with the change or not at all. Intake and escalation call it; the ticket's
 * own changes reach it as CDI events.
 */
@ApplicationScoped
public class Webhooks {

    /** Which deadline passed, as a breach's payload names it. */
    public enum Deadline {
        FIRST_RESPONSE, RESOLUTION
    }

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    public void filed(Ticket ticket) {
        queue(WebhookEvent.FILED, ticket, null);
    }

    public void escalated(Ticket ticket) {
        queue(WebhookEvent.ESCALATED, ticket, null);
    }

    public void deadlineBreached(Ticket ticket, Deadline deadline) {
        queue(WebhookEvent.DEADLINE_BREACHED, ticket, deadline.name());
    }

    void on(@Observes TicketResolved change) {
        queue(WebhookEvent.RESOLVED, change.ticket(), null);
    }

    /**
     * The enabled webhooks are read in plain SQL ({@code common.jdbc.Sql}): on every filing, and an
     * entity query would first flush the filing's pending changes and hydrate entities it does not need.
     * Nothing is built while no webhook wants the event.
     */
    private void queue(WebhookEvent event, Ticket ticket, String deadline) {
        List<Long> wanting = new ArrayList<>();
        List<WebhookFormat> formats = new ArrayList<>();
        for (Object[] row : Sql.rows("SELECT id, events, format FROM webhook WHERE enabled = TRUE")) {
            if (Webhook.eventsOf((String) row[1]).contains(event)) {
                wanting.add(((Number) row[0]).longValue());
                formats.add(WebhookFormat.valueOf((String) row[2]));
            }
        }
        if (wanting.isEmpty()) {
            return;
        }
        Instant now = Instant.now(clock);
        WebhookPayloads.Facts facts = WebhookPayloads.Facts.of(ticket, config.baseUrl(), deadline);
        for (int i = 0; i < wanting.size(); i++) {
            WebhookDelivery.queue(wanting.get(i), event, ticket.reference,
                    WebhookPayloads.body(formats.get(i), event, facts, now), now).persist();
        }
    }
}
