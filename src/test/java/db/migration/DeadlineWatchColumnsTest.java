package db.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * V33's computed columns on H2, as a database migrated by a running Meldpunt has them: the
 * migration's connection is closed afterwards (the pool retires it), and tickets are written after
 * that. H2 2.4 kept that connection's session inside the {@code IN} list of constants V33 first wrote,
 * and every insert of a ticket then failed with "The database has been closed" until the next start:
 * the suite found it when the tests filed after a restart of the application. This test fails so
 * with {@code status IN ('NEW', 'TRIAGED', 'IN_PROGRESS', 'ESCALATED')} in V33 (checked).
 */
class DeadlineWatchColumnsTest {

    @Test
    void shouldComputeTheColumnsAfterTheMigrationsConnectionIsClosed() throws SQLException {
        String url = MigrateInAProcessOfItsOwn.memoryUrl("watch");
        // Open throughout, so that the in-memory database outlives the connection Flyway opens and closes.
        try (Connection db = DriverManager.getConnection(url, "meldpunt", "");
                Statement statement = db.createStatement()) {
            MigrateInAProcessOfItsOwn.flyway(url).load().migrate();
            insert(statement, "W-1", "NEW");
            insert(statement, "W-2", "CLOSED");
            try (ResultSet rows = statement.executeQuery("SELECT reference, first_response_watch_at,"
                    + " first_response_warn_at, resolution_watch_at FROM ticket ORDER BY reference")) {
                rows.next();
                assertEquals(rows.getObject(3), rows.getObject(2), "running, not warned: the warning moment");
                assertNotNull(rows.getObject(4), "the resolution's too");
                rows.next();
                assertNull(rows.getObject(2), "closed: nothing to watch");
                assertNull(rows.getObject(4));
            }
        }
    }

    /** A ticket with every column that must have a value, its deadlines ahead and their warnings passed. */
    static void insert(Statement statement, String reference, String status) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (ResultSet columns = statement.executeQuery("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = CURRENT_SCHEMA AND table_name = 'ticket' AND is_nullable = 'NO'"
                + " AND column_default IS NULL AND is_generated = 'NEVER' AND is_identity = 'NO'")) {
            while (columns.next()) {
                String type = columns.getString(2).toLowerCase();
                values.put(columns.getString(1), type.contains("char") ? "'x'" : type.equals("boolean") ? "FALSE"
                        : type.contains("timestamp") ? "CURRENT_TIMESTAMP" : "0");
            }
        }
        values.put("reference", "'" + reference + "'");
        values.put("status", "'" + status + "'");
        for (String deadline : new String[] {"first_response", "resolution"}) {
            values.put(deadline + "_warn_at", "CURRENT_TIMESTAMP - INTERVAL '1' MINUTE");
            values.put(deadline + "_due", "CURRENT_TIMESTAMP + INTERVAL '1' HOUR");
        }
        statement.execute("INSERT INTO ticket (" + String.join(", ", values.keySet()) + ") VALUES ("
                + String.join(", ", values.values()) + ")");
    }
}
