package nl.sglzorg.meldpunt.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import nl.sglzorg.meldpunt.common.jdbc.ConnectionFailures;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

/**
 * A database that is down or restarting is a {@code 503} the client may retry, never a {@code 500};
 * every other failure stays a {@code 500}. The fault run of the benchmark ({@code bench/run.sh
 * --postgres --faults}) shows it against a real PostgreSQL restart.
 */
class DatabaseUnreachableTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void shouldAnswer503WithRetryAfterWhenTheDatabaseCannotBeReached() {
        for (RuntimeException failure : new RuntimeException[] {
            // PostgreSQL: connection failure (class 08), the server shutting down or starting (57P0x).
            new PersistenceException(new SQLException("An I/O error occurred while sending to the backend.", "08006")),
            new PersistenceException(new SQLException("terminating connection due to administrator command", "57P01")),
            new PersistenceException(new SQLException("the database system is starting up", "57P03")),
            // Hibernate's own name for it, and the pool giving up waiting for a connection.
            new JDBCConnectionException("Unable to acquire JDBC Connection", new SQLException("x")),
            new GenericJDBCException("Unable to acquire JDBC Connection", new SQLException("Sorry, acquisition timeout!")),
            new IllegalStateException(new SQLTransientConnectionException("pool")),
            new IllegalStateException(new ConnectException("Connection refused")),
        }) {
            RestResponse<Problem> response = mappers.unexpected(failure, null);
            assertEquals(503, response.getStatus(), failure.toString());
            assertEquals("5", response.getHeaderString("Retry-After"));
            assertEquals("Tijdelijk niet beschikbaar", response.getEntity().title());
            assertTrue(ConnectionFailures.isDatabaseUnreachable(failure));
        }
    }

    @Test
    void shouldKeepOtherFailuresA500() {
        for (RuntimeException failure : new RuntimeException[] {
            new PersistenceException(new SQLException("duplicate key value violates unique constraint", "23505")),
            new PersistenceException(new SQLException("value too long", "22001")),
            new IllegalStateException("a bug"),
        }) {
            assertEquals(500, mappers.unexpected(failure, null).getStatus(), failure.toString());
            assertFalse(ConnectionFailures.isDatabaseUnreachable(failure));
        }
    }
}
