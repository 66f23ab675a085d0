package nl.sglzorg.meldpunt.ticket;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.common.time.QueryInstants;
import nl.sglzorg.meldpunt.kernel.Priority;

/**
 * Workarounds for H2, kept apart so they can go when the cause is gone: the staff list's
 * {@code order by} also names the filter columns that lead the index serving the sort, and the first
 * page of the priority and deadline sorts bounds the sort's first column as a cursor does.
 *
 * <p>Why: H2 walks an index in order only when the {@code order by} names the index's leading
 * columns too; for {@code where status = ? order by id desc} over an index on {@code (status, id)}
 * it reads every match and sorts them, which at a million tickets made page 1 cost as much as
 * reading the whole status (upstream: h2database/h2database#210, "Unique index disregarded in ORDER
 * BY clause", open). Ordering by a column the filter fixes to one value changes nothing, and
 * PostgreSQL drops such columns from the order by itself. The staff list figures in
 * {@code docs/benchmarks.md} are measured with it.
 *
 * <p>Why the bound: H2 costs an index by the filter columns it matches, plus one for each column it
 * does not, plus what sorting is left. For {@code where status = ? order by status, next_due, id}
 * the index on {@code (status, next_due, id)} saves the sort but has one column more than the one on
 * {@code (status, id)}; for a query that reads the table's rows too, the two cost exactly the same,
 * and H2 takes the index it met first, {@code (status, id)}: it reads every ticket of the status and
 * sorts them. At 100 k tickets that was 40,000 rows and 1–2 s for page 1 of "new, by deadline", and
 * the staff list and the queue page timed out in the H2 benchmark of 2026-12-03 (docs/benchmarks.md).
 * A range on the sort's first column makes the longer index the cheaper one by far, as the cursor's
 * bound already did for every later page. The bound holds for every ticket (every rank is at most
 * the highest, every deadline after {@link QueryInstants#EARLIEST}), so the page is the same; on
 * PostgreSQL it is one more index condition on the same index. {@code TicketListTest} checks the
 * plan H2 makes.
 *
 * <p>To remove: drop the calls in {@link TicketSearch} and this class, then run {@code bench/run.sh}
 * on H2 — the staff list at 100 k and 1 M must stay within 1.5× of its 10 k figure.
 */
final class QueueIndexHints {

    /** Per sort, the leading columns of the indexes that serve it (V10, V12, V25, V31), longest first. */
    private static final Map<TicketSearch.Sort, List<List<String>>> INDEX_PREFIXES = Map.of(
            TicketSearch.Sort.NEWEST, List.of(List.of("status", "priorityRank", "platform"),
                    List.of("routedFunction", "status"), List.of("platform", "category"), List.of("status"),
                    List.of("routedFunction"), List.of("platform"), List.of("category"), List.of("topic"),
                    List.of("priorityRank"), List.of("channel")),
            TicketSearch.Sort.PRIORITY, List.of(List.of("status"), List.of("routedFunction")),
            TicketSearch.Sort.DUE, List.of(List.of("status"), List.of("routedFunction")));

    private QueueIndexHints() {
    }

    /**
     * The {@code fixed} attributes (those the filters fix to one value) that lead an index for this
     * sort, each followed by the sort's direction and a comma: to be put before the sort's own columns.
     */
    static String orderPrefix(TicketSearch.Sort sort, Set<String> fixed) {
        String direction = sort == TicketSearch.Sort.DUE ? " asc, " : " desc, ";
        return INDEX_PREFIXES.get(sort).stream().filter(fixed::containsAll).findFirst().orElse(List.of()).stream()
                .map(column -> "t." + column + direction).collect(Collectors.joining());
    }

    /**
     * For the first page of the priority and deadline sorts: the cursor's bound on the sort's first
     * column, at its widest, so that H2 walks the index of the sort (see above). Nothing for newest first.
     */
    static void boundFirstPage(TicketSearch.Sort sort, List<String> conditions, Map<String, Object> params) {
        switch (sort) {
            case PRIORITY -> {
                conditions.add("t.priorityRank <= :afterRank");
                params.put("afterRank", Priority.values().length - 1);
            }
            case DUE -> {
                conditions.add("t.sla.nextDue >= :afterDue");
                params.put("afterDue", QueryInstants.EARLIEST);
            }
            case NEWEST -> {
            }
        }
    }
}
