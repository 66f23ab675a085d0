package nl.sglzorg.meldpunt.ticket;

import nl.sglzorg.meldpunt.kernel.TicketStatus;

/**
 * How many tickets in a status a staff member may see.
 *
 * @param exact false when the count stopped at its cap: there are more than {@code count}
 */
public record StatusCount(TicketStatus status, long count, boolean exact) {
}
