package nl.sglzorg.meldpunt.ticket;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A workaround for H2, kept apart so it can go when the cause is gone: the staff list's
 * {@code order by} also names the filter columns that lead the index serving the sort.
 *
 * <p>Why: H2 walks an index in order only when the {@code order by} names the index's leading
 * columns too; for {@code where status = ? order by id desc} over an index on {@code (status, id)}
 * it reads every match and sorts them, which at a million tickets made page 1 cost as much as
 * reading the whole status (upstream: h2database/h2database#210, "Unique index disregarded in ORDER
 * BY clause", open). Ordering by a column the filter fixes to one value changes nothing, and
 * PostgreSQL drops such columns from the order by itself. The staff list figures in
 * {@code docs/benchmarks.md} are measured with it.
 *
 * <p>To remove: drop the call in {@link TicketSearch} and this class, then run {@code bench/run.sh}
 * on H2 — the staff list at 100 k and 1 M must stay within 1.5× of its 10 k figure.
 */
final class QueueIndexHints {

    /** Per sort, the leading columns of the indexes that serve it (V10, V12, V25), longest first. */
    private static final Map<TicketSearch.Sort, List<List<String>>> INDEX_PREFIXES = Map.of(
            TicketSearch.Sort.NEWEST, List.of(List.of("status", "priorityRank", "platform"), List.of("status"),
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
}
