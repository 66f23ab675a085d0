package nl.sglzorg.meldpunt.support;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

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
}
