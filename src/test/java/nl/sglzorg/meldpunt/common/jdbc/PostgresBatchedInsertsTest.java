package nl.sglzorg.meldpunt.common.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL a JDBC batch of inserts from Meldpunt's pool goes to the server as one multi-row
 * statement (the driver's {@code reWriteBatchedInserts}, application.properties): the driver then
 * reports each row as {@link Statement#SUCCESS_NO_INFO} where, sending a statement per row, it
 * reports 1 (it rewrites in chunks of a power of two rows: four rows are one statement). Every row is
 * still written.
 */
@QuarkusTest
class PostgresBatchedInsertsTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldSendABatchOfInsertsAsOneStatement() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            Assumptions.assumeTrue(connection.getMetaData().getDatabaseProductName().equals("PostgreSQL"),
                    "PostgreSQL's driver");
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TEMPORARY TABLE batched (n INTEGER NOT NULL)");
            }
            int[] counts;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO batched (n) VALUES (?)")) {
                for (int n = 1; n <= 4; n++) {
                    insert.setInt(1, n);
                    insert.addBatch();
                }
                counts = insert.executeBatch();
            }
            assertArrayEquals(new int[] {Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO, Statement.SUCCESS_NO_INFO,
                    Statement.SUCCESS_NO_INFO},
                    counts, "rewritten into one statement");
            try (Statement statement = connection.createStatement();
                    ResultSet sum = statement.executeQuery("SELECT COUNT(*), SUM(n) FROM batched")) {
                sum.next();
                assertEquals(4, sum.getInt(1));
                assertEquals(10, sum.getInt(2));
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE batched");
            }
        }
    }
}
