package nl.sglzorg.meldpunt.ticket;

import java.util.List;

/**
 * One page of the staff queue.
 *
 * @param nextCursor pass as {@code cursor} for the next page; {@code null} on the last page
 * @param total how many tickets match the filters, over all pages, counted up to
 *     {@link TicketSearch#TOTAL_CAP}
 * @param totalExact false when more tickets match than {@code total} says: the count stopped at the cap
 */
public record TicketPage(List<TicketSummary> items, String nextCursor, long total, boolean totalExact) {
}
