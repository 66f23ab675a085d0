package nl.sglzorg.meldpunt.common.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each new connection to an H2 file makes it write every commit to the file at once, whatever the URL
 * says. {@code SignalSurvivesRestartIT} kills the packaged app right after filing to show what that
 * means for a signal that got {@code 201}.
 */
class H2WritesEachCommitTest {

    @Test
    void shouldMakeH2WriteEachCommitAtOnce(@TempDir Path folder) throws SQLException {
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("meldpunt")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "meldpunt", "")) {
            assertEquals("500", writeDelay(db), "H2's own delay between a commit and its write, in milliseconds");

            new H2WritesEachCommit().onConnectionCreate(db);

            assertEquals("0", writeDelay(db));
        }
    }

    private static String writeDelay(Connection db) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet delay = statement.executeQuery(
                "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'WRITE_DELAY'")) {
            delay.next();
            return delay.getString(1);
        }
    }
}
