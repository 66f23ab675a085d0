package nl.sglzorg.meldpunt.common.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every connection Meldpunt takes from its pool on PostgreSQL has JIT compilation off, set by its own
 * session whatever the server's default (on for Debian's PostgreSQL 15, which the suite runs on):
 * several connections held at once, so more than the one the pool hands out first.
 */
@QuarkusTest
class PostgresWithoutJitTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldTurnJitOffOnEveryPooledConnection() throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(dataSource.getConnection());
            }
            Assumptions.assumeTrue(held.get(0).getMetaData().getDatabaseProductName().equals("PostgreSQL"),
                    "PostgreSQL's setting");
            for (Connection connection : held) {
                try (Statement statement = connection.createStatement();
                        ResultSet jit = statement.executeQuery("SELECT setting, source FROM pg_settings WHERE name = 'jit'")) {
                    jit.next();
                    assertEquals("off", jit.getString(1), "jit on a pooled connection");
                    assertEquals("session", jit.getString(2), "set by the connection itself");
                }
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }
}
