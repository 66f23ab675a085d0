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
 * The deadline watcher's look-up of due tickets (every minute, on every instance) reads the tickets
 * with a step due through its indexes (V29, V32), not the whole table: at a million tickets the single
 * statement it made before was a parallel scan of every ticket, 190 ms each minute. A copy of the
 * ticket table with its indexes stands in for a large, old one: 20,000 tickets whose deadlines lie
 * in the past, answered and resolved or already breached; 5,000 warned and still within their time
 * (the last fifth of it: 10,800 in the benchmark's million), which the watcher used to read one by
 * one each minute to drop them (V32: now passed over within the index, no table row read); analysed
 * as autovacuum keeps a live table. Two tickets have a step due: one's first-response warning,
 * another's resolution breach. The statements are the ones {@link SlaWatcher} runs.
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
            statement.execute("CREATE TEMPORARY TABLE ticket_watched (LIKE ticket INCLUDING INDEXES)");
            try {
                // Old tickets: nine in ten answered and resolved, one in ten breached on both deadlines.
                statement.execute("INSERT INTO ticket_watched SELECT (jsonb_populate_record(t, jsonb_build_object("
                        + "'id', g, 'reference', 'W-' || g, 'status', CASE WHEN g % 10 = 0 THEN 'NEW' ELSE 'CLOSED' END,"
                        + " 'first_response_warn_at', now() - interval '3 days', 'first_response_due', now() - interval '2 days',"
                        + " 'resolution_warn_at', now() - interval '2 days', 'resolution_due', now() - interval '1 day',"
                        + " 'first_response_at', CASE WHEN g % 10 = 0 THEN NULL ELSE now() - interval '3 days' END,"
                        + " 'resolved_at', CASE WHEN g % 10 = 0 THEN NULL ELSE now() - interval '2 days' END,"
                        + " 'first_response_warned', g % 10 = 0, 'first_response_breached', g % 10 = 0,"
                        + " 'resolution_warned', g % 10 = 0, 'resolution_breached', g % 10 = 0))).*"
                        + " FROM ticket t, generate_series(1, 20000) g WHERE t.reference = '" + reference + "'");
                // One ticket whose first-response warning is due now.
                statement.execute("INSERT INTO ticket_watched SELECT (jsonb_populate_record(t, jsonb_build_object("
                        + "'id', 20001, 'reference', 'W-20001', 'status', 'NEW',"
                        + " 'first_response_warn_at', now() - interval '1 minute', 'first_response_due', now() + interval '1 hour',"
                        + " 'first_response_warned', false, 'first_response_breached', false))).*"
                        + " FROM ticket t WHERE t.reference = '" + reference + "'");
                // Warned of both deadlines an hour ago, both an hour away: nothing due.
                statement.execute("INSERT INTO ticket_watched SELECT (jsonb_populate_record(t, jsonb_build_object("
                        + "'id', g, 'reference', 'W-' || g, 'status', 'IN_PROGRESS',"
                        + " 'first_response_warn_at', now() - interval '1 hour', 'first_response_due', now() + interval '1 hour',"
                        + " 'resolution_warn_at', now() - interval '1 hour', 'resolution_due', now() + interval '1 hour',"
                        + " 'first_response_warned', true, 'first_response_breached', false,"
                        + " 'resolution_warned', true, 'resolution_breached', false))).*"
                        + " FROM ticket t, generate_series(20002, 25001) g WHERE t.reference = '" + reference + "'");
                // Answered, warned of its resolution, and its resolution deadline passed a minute ago.
                statement.execute("INSERT INTO ticket_watched SELECT (jsonb_populate_record(t, jsonb_build_object("
                        + "'id', 25002, 'reference', 'W-25002', 'status', 'IN_PROGRESS',"
                        + " 'first_response_at', now() - interval '3 hours', 'first_response_warned', false,"
                        + " 'first_response_breached', false, 'resolution_warn_at', now() - interval '2 hours',"
                        + " 'resolution_due', now() - interval '1 minute',"
                        + " 'resolution_warned', true, 'resolution_breached', false))).*"
                        + " FROM ticket t WHERE t.reference = '" + reference + "'");
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
        assertTrue(plans.get(0).contains("first_response_breached = false"), "by its index: " + plans.get(0));
        assertTrue(plans.get(1).contains("resolution_breached = false"), "by its index: " + plans.get(1));
        plans.forEach(plan -> assertFalse(plan.contains("Seq Scan"), "no ticket read that has no step due: " + plan));
        analysed.forEach(plan -> assertTrue(rowsReadToBeDropped(plan) < 100,
                "no row read only to be dropped (the warned ones within their time): " + plan));
        assertEquals(List.of(20001L, 25002L), found.stream().sorted().toList(), "the two tickets with a step due");
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
