package db.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * V36 on a database whose tickets name posts that have no row in {@code reported_post} (filed before V8
 * made the table): each such post gets its row, once, so that a new report of it looks for their ticket
 * (a filing skips the look-up for a post whose row it writes itself); rows already there stay as they are.
 */
class EveryReportedPostRegisteredTest {

    @Test
    void shouldRegisterThePostOfEveryTicketOnce() throws SQLException {
        String url = MigrateInAProcessOfItsOwn.memoryUrl("posts");
        try (Connection db = DriverManager.getConnection(url, "meldpunt", "");
                Statement statement = db.createStatement()) {
            MigrateInAProcessOfItsOwn.flyway(url).target("35").load().migrate();
            DeadlineWatchColumnsTest.insert(statement, "OLD-1", "NEW");
            DeadlineWatchColumnsTest.insert(statement, "OLD-2", "IN_PROGRESS");
            DeadlineWatchColumnsTest.insert(statement, "REGISTERED", "NEW");
            DeadlineWatchColumnsTest.insert(statement, "NO-URL", "NEW");
            statement.execute("UPDATE ticket SET normalized_url = 'https://facebook.com/sgl/posts/1'"
                    + " WHERE reference IN ('OLD-1', 'OLD-2')");
            statement.execute("UPDATE ticket SET normalized_url = 'https://x.com/sgl/status/2'"
                    + " WHERE reference = 'REGISTERED'");
            statement.execute("INSERT INTO reported_post (normalized_url) VALUES ('https://x.com/sgl/status/2')");

            MigrateInAProcessOfItsOwn.flyway(url).load().migrate();

            List<String> posts = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery(
                    "SELECT normalized_url FROM reported_post ORDER BY normalized_url")) {
                while (rows.next()) {
                    posts.add(rows.getString(1));
                }
            }
            assertEquals(List.of("https://facebook.com/sgl/posts/1", "https://x.com/sgl/status/2"), posts,
                    "the unregistered post of two tickets once, the registered one kept, no row for a ticket without a URL");
        }
    }
}
