package nl.sglzorg.meldpunt.ticket;

import java.util.List;

/**
 * One page of the staff desk's queue; as {@link TicketPage}, with rows made for the desk.
 *
 * @param nextCursor the cursor of the next page; {@code null} on the last page
 * @param total how many tickets match, counted up to {@link TicketSearch#TOTAL_CAP}
 * @param totalExact false when more match than {@code total} says
 */
public record QueueResult(List<QueueRow> rows, String nextCursor, long total, boolean totalExact) {
}
