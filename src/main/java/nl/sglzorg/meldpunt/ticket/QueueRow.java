package nl.sglzorg.meldpunt.ticket;

import java.time.Instant;
import nl.sglzorg.meldpunt.kernel.Category;
import nl.sglzorg.meldpunt.kernel.Channel;
import nl.sglzorg.meldpunt.kernel.Platform;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.TicketStatus;

/**
 * A ticket as a row of the staff desk's queue: what triage reads at a glance.
 *
 * @param due the deadline that runs now (first response, else resolution); {@code null} when none runs
 * @param deadline how that deadline stands
 */
public record QueueRow(String reference, TicketStatus status, Priority priority, Category category,
        Platform platform, String function, String functionName, Channel channel, Instant createdAt, Instant due,
        ServiceLevel.Urgency deadline) {

    static QueueRow of(Ticket t, Instant now) {
        ServiceLevel.Urgency urgency = Lifecycle.isOpen(t.status) ? t.sla.urgency(now) : ServiceLevel.Urgency.NONE;
        Instant due = urgency == ServiceLevel.Urgency.NONE || urgency == ServiceLevel.Urgency.PAUSED ? null
                : t.sla.nextDue;
        return new QueueRow(t.reference, t.status, t.priority, t.category, t.platform, t.routedFunction,
                t.routedFunctionName, t.channel, t.createdAt, due, urgency);
    }
}
