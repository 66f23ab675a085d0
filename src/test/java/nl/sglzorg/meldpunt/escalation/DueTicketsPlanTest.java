package nl.sglzorg.meldpunt.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import nl.sglzorg.meldpunt.support.Plans;
import nl.sglzorg.meldpunt.support.Signals;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The deadline watcher's look-up of due tickets (every minute, on every instance) reads only the
 * tickets with a step due, through the index on each deadline's {@code _watch_at} column (V33), not
 * the whole table. Before V29 the statement was a parallel scan of every ticket at a million tickets
 * (190 ms each minute); V29's indexes read the row of every ticket warned and within its time to drop
 * it; V32's five-column indexes, with many new tickets not yet warned, were estimated to match tens of
 * thousands of rows and left for a scan of the table (0.27-1.4 s a minute at 1.45 million tickets). A
 * copy of the ticket table with its indexes and computed columns stands in for a large one: 20,000 old
 * tickets whose deadlines lie in the past, answered and resolved or already breached; 5,000 warned and
 * still within their time (the last fifth of it); 10,000 filed lately and not yet warned; analysed as
 * autovacuum keeps a live table. Two tickets have a step due: one's first-response warning, another's
 * resolution breach. Two more have their warnings passed and are not due: one waits for the reporter,
 * one was rejected unanswered. The statements are the ones {@link SlaWatcher} runs.
 */
@QuarkusTest
class DueTicketsPlanTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldFindTheTicketsWithAStepDueThroughTheirIndexesWithoutReadingTheOldOnes() throws SQLException {
        String reference = Signals.file().reference();
        List<String> plans = new ArrayList<>();
        List<String> analysed = new ArrayList<>();
        List<Long> found = new ArrayList<>();
        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement()) {
            Assumptions.assumeTrue(db.getMetaData().getDatabaseProductName().equals("PostgreSQL"), "PostgreSQL's plans");
            statement.execute("CREATE TEMPORARY TABLE ticket_watched (LIKE ticket INCLUDING INDEXES INCLUDING GENERATED)");
            Copies copies = Copies.of(statement, reference);
            try {
                // Old tickets: nine in ten answered and resolved, one in ten breached on both deadlines.
                copies.add(1, 20_000, "'status', CASE WHEN g % 10 = 0 THEN 'NEW' ELSE 'CLOSED' END,"
                        + " 'first_response_warn_at', now() - interval '3 days', 'first_response_due', now() - interval '2 days',"
                        + " 'resolution_warn_at', now() - interval '2 days', 'resolution_due', now() - interval '1 day',"
                        + " 'first_response_at', CASE WHEN g % 10 = 0 THEN NULL ELSE now() - interval '3 days' END,"
                        + " 'resolved_at', CASE WHEN g % 10 = 0 THEN NULL ELSE now() - interval '2 days' END,"
                        + " 'first_response_warned', g % 10 = 0, 'first_response_breached', g % 10 = 0,"
                        + " 'resolution_warned', g % 10 = 0, 'resolution_breached', g % 10 = 0");
                // One ticket whose first-response warning is due now.
                copies.add(20_001, 20_001, "'status', 'NEW',"
                        + " 'first_response_warn_at', now() - interval '1 minute', 'first_response_due', now() + interval '1 hour',"
                        + " 'first_response_warned', false, 'first_response_breached', false");
                // Warned of both deadlines an hour ago, both an hour away: nothing due.
                copies.add(20_002, 25_001, "'status', 'IN_PROGRESS',"
                        + " 'first_response_warn_at', now() - interval '1 hour', 'first_response_due', now() + interval '1 hour',"
                        + " 'resolution_warn_at', now() - interval '1 hour', 'resolution_due', now() + interval '1 hour',"
                        + " 'first_response_warned', true, 'first_response_breached', false,"
                        + " 'resolution_warned', true, 'resolution_breached', false");
                // Answered, warned of its resolution, and its resolution deadline passed a minute ago.
                copies.add(25_002, 25_002, "'status', 'IN_PROGRESS',"
                        + " 'first_response_at', now() - interval '3 hours', 'first_response_warned', false,"
                        + " 'first_response_breached', false, 'resolution_warn_at', now() - interval '2 hours',"
                        + " 'resolution_due', now() - interval '1 minute',"
                        + " 'resolution_warned', true, 'resolution_breached', false");
                // Filed lately, not answered, their warnings hours away: after a busy morning.
                copies.add(25_003, 35_002, "'status', 'NEW',"
                        + " 'first_response_warn_at', now() + interval '1 hour', 'first_response_due', now() + interval '2 hours',"
                        + " 'resolution_warn_at', now() + interval '3 hours', 'resolution_due', now() + interval '4 hours',"
                        + " 'first_response_warned', false, 'first_response_breached', false,"
                        + " 'resolution_warned', false, 'resolution_breached', false");
                // Warnings passed and not given, but the clock is stopped: waiting for the reporter; rejected.
                String warningsPassedNotGiven = " 'first_response_warn_at', now() - interval '1 hour',"
                        + " 'first_response_due', now() + interval '1 hour',"
                        + " 'resolution_warn_at', now() - interval '1 hour', 'resolution_due', now() + interval '1 hour',"
                        + " 'first_response_warned', false, 'first_response_breached', false,"
                        + " 'resolution_warned', false, 'resolution_breached', false";
                copies.add(35_003, 35_003, "'status', 'WAITING', 'waiting_since', now() - interval '2 hours',"
                        + warningsPassedNotGiven);
                copies.add(35_004, 35_004, "'status', 'REJECTED'," + warningsPassedNotGiven);
                statement.execute("ANALYZE ticket_watched");
                for (String due : List.of(SlaWatcher.DUE_FIRST_RESPONSE, SlaWatcher.DUE_RESOLUTION)) {
                    String sql = due.replace("FROM ticket ", "FROM ticket_watched ").replace("?", "now()");
                    plans.add(Plans.explain(statement, sql));
                    analysed.add(Plans.explain(statement, "(ANALYZE, COSTS OFF) " + sql));
                    List<Long> ofThis = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery(sql)) {
                        while (rows.next()) {
                            ofThis.add(rows.getLong(1));
                        }
                    }
                    assertEquals(ofThis.size(), ofThis.stream().distinct().count(),
                            "no ticket found twice by one statement: " + ofThis);
                    found.addAll(ofThis);
                }
            } finally {
                statement.execute("DROP TABLE ticket_watched");
            }
        }
        assertTrue(plans.get(0).contains("Index Cond: (first_response_watch_at <= now())"),
                "by its index: " + plans.get(0));
        assertTrue(plans.get(1).contains("Index Cond: (resolution_watch_at <= now())"),
                "by its index: " + plans.get(1));
        plans.forEach(plan -> assertFalse(plan.contains("Seq Scan"), "no ticket read that has no step due: " + plan));
        analysed.forEach(plan -> assertTrue(rowsReadToBeDropped(plan) < 100,
                "no row read only to be dropped (the warned ones within their time): " + plan));
        analysed.forEach(plan -> assertTrue(largestIndexRead(plan) < 100,
                "no index read for the running tickets (the new ones not yet warned): " + plan));
        assertEquals(List.of(20001L, 25002L), found.stream().sorted().toList(), "the two tickets with a step due");
    }

    /**
     * Copies of the test's ticket into {@code ticket_watched}, each with its own id and reference and
     * the given columns changed. The columns the database computes are left out of {@code columns}, so
     * it computes them for the copy's values.
     */
    private record Copies(Statement statement, String reference, String columns) {

        static Copies of(Statement statement, String reference) throws SQLException {
            try (ResultSet written = statement.executeQuery("SELECT string_agg(column_name, ', ' ORDER BY ordinal_position)"
                    + " FROM information_schema.columns WHERE table_name = 'ticket' AND table_schema = current_schema()"
                    + " AND is_generated = 'NEVER'")) {
                written.next();
                return new Copies(statement, reference, written.getString(1));
            }
        }

        void add(int from, int to, String changed) throws SQLException {
            statement.execute("INSERT INTO ticket_watched (" + columns + ") SELECT " + columns
                    + " FROM (SELECT (jsonb_populate_record(t, jsonb_build_object('id', g, 'reference', 'W-' || g, "
                    + changed + "))).* FROM ticket t, generate_series(" + from + ", " + to + ") g"
                    + " WHERE t.reference = '" + reference + "') copy");
        }
    }

    /** The most entries any index scan of an analysed plan read. */
    private static long largestIndexRead(String analysedPlan) {
        Matcher scan = Pattern.compile("Index (?:Only )?Scan .*rows=(\\d+)").matcher(analysedPlan);
        long largest = 0;
        while (scan.find()) {
            largest = Math.max(largest, Long.parseLong(scan.group(1)));
        }
        return largest;
    }

    /** The rows an analysed plan read from the table and then dropped by a condition its index did not hold. */
    private static long rowsReadToBeDropped(String analysedPlan) {
        Matcher removed = Pattern.compile("Rows Removed by (?:Filter|Index Recheck): (\\d+)").matcher(analysedPlan);
        long rows = 0;
        while (removed.find()) {
            rows += Long.parseLong(removed.group(1));
        }
        return rows;
    }
}
