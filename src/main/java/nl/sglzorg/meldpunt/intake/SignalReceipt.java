package nl.sglzorg.meldpunt.intake;

import java.time.Instant;
import nl.sglzorg.meldpunt.routing.Priority;
import nl.sglzorg.meldpunt.ticket.TicketStatus;

/** The answer to a filed signal; the only place the tracking token is ever shown. */
public record SignalReceipt(String reference, String trackingToken, TicketStatus status, String publicStatus,
        Priority priority, Instant createdAt, PublicRouting routing) {
}
