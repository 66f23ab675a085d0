package nl.sglzorg.meldpunt.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
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

    private void queue(WebhookEvent event, Ticket ticket, String deadline) {
        Instant now = Instant.now(clock);
        WebhookPayloads.Facts facts = WebhookPayloads.Facts.of(ticket, config.baseUrl(), deadline);
        for (Webhook webhook : Webhook.<Webhook>list("enabled", true)) {
            if (webhook.wants(event)) {
                WebhookDelivery.queue(webhook, event, ticket.reference,
                        WebhookPayloads.body(webhook.format, event, facts, now), now).persist();
            }
        }
    }
}
