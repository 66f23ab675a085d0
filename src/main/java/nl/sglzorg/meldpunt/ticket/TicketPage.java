package nl.sglzorg.meldpunt.ticket;

import java.util.List;

/**
 * One page of the staff queue.
 *
 * @param nextCursor pass as {@code cursor} for the next page; {@code null} on the last page
 * @param total how many tickets match the filters, over all pages
 */
public record TicketPage(List<TicketSummary> items, String nextCursor, long total) {
}
