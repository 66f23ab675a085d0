package nl.sglzorg.meldpunt.intake;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import nl.sglzorg.meldpunt.kernel.Priority;
import nl.sglzorg.meldpunt.kernel.TicketStatus;

/**
 * The answer to a filed signal; the only place the tracking token is ever shown.
 *
 * @param joinedExisting whether the signal joined an open report of the same post; which one is for staff
 *     only, since anyone can file
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignalReceipt(String reference, String trackingToken, TicketStatus status, String publicStatus,
        Priority priority, Instant createdAt, PublicRouting routing, boolean joinedExisting) {
}
