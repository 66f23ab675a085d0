package db.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * V34 on a database with tickets: one moved by hand before it gets the function it was filed with
 * from its first history line, so new reports of its post routed as it was filed join it; one never
 * moved gets nothing (it is still where it was filed).
 */
class RoutingAtFilingTest {

    @Test
    void shouldKeepTheFunctionAMovedTicketWasFiledWith() throws SQLException {
        String url = MigrateInAProcessOfItsOwn.memoryUrl("filed");
        try (Connection db = DriverManager.getConnection(url, "meldpunt", "");
                Statement statement = db.createStatement()) {
            MigrateInAProcessOfItsOwn.flyway(url).target("33").load().migrate();
            DeadlineWatchColumnsTest.insert(statement, "MOVED", "TRIAGED");
            DeadlineWatchColumnsTest.insert(statement, "STAYED", "NEW");
            event(statement, "MOVED", "ROUTED", null, "COMMUNICATIONS");
            event(statement, "MOVED", "REROUTED", "COMMUNICATIONS", "HR_REPRESENTATIVE");
            event(statement, "MOVED", "REROUTED", "HR_REPRESENTATIVE", "CARE_BROKER");
            event(statement, "STAYED", "ROUTED", null, "COMMUNICATIONS");

            MigrateInAProcessOfItsOwn.flyway(url).load().migrate();

            Map<String, String> filed = new HashMap<>();
            try (ResultSet rows = statement.executeQuery("SELECT reference, filed_function FROM ticket")) {
                while (rows.next()) {
                    filed.put(rows.getString(1), rows.getString(2));
                }
            }
            assertEquals("COMMUNICATIONS", filed.get("MOVED"), "its first routing, not a function it passed through");
            assertEquals(null, filed.get("STAYED"), "never moved: its routed function is the filing's");
        }
    }

    private static void event(Statement statement, String reference, String type, String from, String to)
            throws SQLException {
        statement.execute("INSERT INTO ticket_event (ticket_id, type, actor, occurred_at, old_value, new_value,"
                + " visible_to_reporter) SELECT id, '" + type + "', 'system', CURRENT_TIMESTAMP, "
                + (from == null ? "NULL" : "'" + from + "'") + ", '" + to + "', FALSE FROM ticket WHERE reference = '"
                + reference + "'");
    }
}
