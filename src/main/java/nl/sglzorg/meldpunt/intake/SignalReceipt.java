package nl.sglzorg.meldpunt.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import nl.sglzorg.meldpunt.routing.Priority;
import nl.sglzorg.meldpunt.ticket.TicketStatus;

/**
 * The answer to a filed signal; the only place the tracking token is ever shown.
 *
 * @param duplicateOf the open ticket about the same post that this signal joined, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignalReceipt(String reference, String trackingToken, TicketStatus status, String publicStatus,
        Priority priority, Instant createdAt, PublicRouting routing, String duplicateOf) {
}
