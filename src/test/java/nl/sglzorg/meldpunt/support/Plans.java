package nl.sglzorg.meldpunt.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

/** The plan PostgreSQL makes for a statement, for tests that check which index answers it. */
public final class Plans {

    private Plans() {
    }

    /** The lines of {@code EXPLAIN sql}, joined. */
    public static String explain(Statement statement, String sql) throws SQLException {
        StringBuilder lines = new StringBuilder();
        try (ResultSet explained = statement.executeQuery("EXPLAIN " + sql)) {
            while (explained.next()) {
                lines.append(explained.getString(1)).append('\n');
            }
        }
        return lines.toString();
    }

    /**
     * A claim's backlog, as a live queue holds it: rows {@code g} from 1 to 70,000, the first 50,000
     * done long ago (the lower ids), the last 20,000 due, out of id order ({@link #DUE_OUT_OF_ID_ORDER}).
     * The end of a {@code SELECT} of the rows, after its columns.
     */
    public static final String BACKLOG = " FROM generate_series(1, 70000) g";

    /** A backlog row's status: pending if due, else {@code done}. */
    public static String status(String done) {
        return "CASE WHEN g > 50000 THEN 'PENDING' ELSE '" + done + "' END";
    }

    /** When a backlog row was done (sent, delivered), or null while it is due. */
    public static final String DONE_AT = "CASE WHEN g <= 50000 THEN now() - interval '2 days' END";

    /**
     * When backlog row {@code g} (50,001 to 70,000, after 50,000 done rows) is due:
     * {@code (g * 7919) mod 20000} seconds after the first, so not in the order of the ids, as retries
     * make it.
     */
    public static final String DUE_OUT_OF_ID_ORDER =
            "now() - interval '1 day' + ((g * 7919) % 20000) * interval '1 second'";

    /** A backlog row's next attempt: when it is due, or long ago for one done. */
    public static final String NEXT_ATTEMPT_AT =
            "CASE WHEN g > 50000 THEN " + DUE_OUT_OF_ID_ORDER + " ELSE now() - interval '2 days' END";

    /** The ids of the first {@code limit} of the 20,000 backlog rows, due as {@link #DUE_OUT_OF_ID_ORDER} says. */
    public static List<Long> firstDue(int limit) {
        return LongStream.rangeClosed(50_001, 70_000).boxed()
                .sorted((a, b) -> Long.compare(a * 7919 % 20_000, b * 7919 % 20_000)).limit(limit).toList();
    }

    /** The plan PostgreSQL makes for a dispatcher's claim of due rows, and the ids the claim returns. */
    public record Claim(String plan, List<Long> ids) {
    }

    /**
     * The claim went through {@code index} of the backlog's copy without sorting, so it read only what
     * it claimed, and returned the 50 first due in the order they are due.
     */
    public static void assertFirstDueThroughIndex(Claim claim, String index) {
        assertTrue(claim.plan().contains("Index Scan using " + index), "through the due index: " + claim.plan());
        assertFalse(claim.plan().contains("Sort"), "no backlog read and sorted: " + claim.plan());
        assertEquals(firstDue(50), claim.ids(), "the 50 first due, in the order they are due");
    }

    /**
     * A dispatcher's claim ({@code claimSql}: {@code ?} for now, then {@code ?} for the limit) on a
     * copy of {@code table} with its indexes, filled by {@code fillSql} (which inserts into
     * {@code <table>_backlog}) and analysed, as autovacuum keeps a live table; claims 50.
     */
    public static Claim claimOnCopy(Statement statement, String table, String fillSql, String claimSql)
            throws SQLException {
        String copy = table + "_backlog";
        statement.execute("CREATE TEMPORARY TABLE " + copy + " (LIKE " + table + " INCLUDING INDEXES)");
        try {
            statement.execute(fillSql);
            statement.execute("ANALYZE " + copy);
            String sql = claimSql.replace(" " + table + " ", " " + copy + " ").replaceFirst("\\?", "now()")
                    .replaceFirst("\\?", "50");
            String plan = explain(statement, sql);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return new Claim(plan, ids);
        } finally {
            statement.execute("DROP TABLE IF EXISTS " + copy);
        }
    }
}
