package nl.sglzorg.meldpunt.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.UUID;
import nl.sglzorg.meldpunt.common.jdbc.ConnectionFailures;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.jboss.resteasy.reactive.RestResponse;
import org.junit.jupiter.api.Test;

/**
 * A database that is down or restarting, or that gave way to another transaction (a lock wait ran out,
 * a deadlock's victim), is a {@code 503} the client may retry, never a {@code 500}; every other failure
 * stays a {@code 500}. The fault run of the benchmark ({@code bench/run.sh
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
            // Sql's own statements on a connection of their own (Sql.rowsCommitted), the pool giving up.
            new PersistenceException("Statement failed: SELECT 1", new SQLException("Sorry, acquisition timeout!")),
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
    void shouldAnswer503WithRetryAfterWhenTheDatabaseGaveWayToAnotherTransaction() throws SQLException {
        for (RuntimeException failure : new RuntimeException[] {
            // H2's own, made for real below; PostgreSQL's lock_timeout, statement timeout, deadlock, serialisation.
            new PersistenceException(h2LockWaitRanOut()),
            new PersistenceException(new SQLException("canceling statement due to lock timeout", "55P03")),
            new PersistenceException(new SQLException("canceling statement due to statement timeout", "57014")),
            new PersistenceException(new SQLException("deadlock detected", "40P01")),
            new PersistenceException(new SQLException("could not serialize access", "40001")),
        }) {
            RestResponse<Problem> response = mappers.unexpected(failure, null);
            assertEquals(503, response.getStatus(), failure.toString());
            assertEquals("5", response.getHeaderString("Retry-After"));
            assertEquals(BusyException.TITLE, response.getEntity().title());
            assertTrue(ConnectionFailures.isBusy(failure));
            assertFalse(ConnectionFailures.isDatabaseUnreachable(failure));
        }
    }

    /** What H2 throws when a wait for a row another transaction holds runs out. */
    private static SQLException h2LockWaitRanOut() throws SQLException {
        String url = "jdbc:h2:mem:lock-" + UUID.randomUUID() + ";MODE=PostgreSQL";
        try (Connection holder = DriverManager.getConnection(url, "sa", "");
                Connection waiter = DriverManager.getConnection(url, "sa", "");
                Statement hold = holder.createStatement();
                Statement wait = waiter.createStatement()) {
            hold.execute("CREATE TABLE post (url VARCHAR(100) PRIMARY KEY)");
            holder.setAutoCommit(false);
            hold.execute("INSERT INTO post VALUES ('https://example.org/1')");
            wait.execute("SET LOCK_TIMEOUT 100");
            SQLException ranOut = assertThrows(SQLException.class,
                    () -> wait.execute("INSERT INTO post VALUES ('https://example.org/1')"));
            holder.rollback();
            return ranOut;
        }
    }

    @Test
    void shouldAnswer409WhenAUniqueKeyRefusesWhatAnotherRequestMadeAtTheSameMoment() {
        // Two creates of one user name at once: both found it free, the second's insert is refused.
        RuntimeException failure = new PersistenceException(
                new SQLException("duplicate key value violates unique constraint \"staff_user_pkey\"", "23505"));
        RestResponse<Problem> response = mappers.unexpected(failure, null);
        assertEquals(409, response.getStatus());
        assertEquals("conflict", response.getEntity().type().substring(response.getEntity().type().lastIndexOf('/') + 1));
        assertTrue(response.getEntity().detail().contains("er is niets opgeslagen"), response.getEntity().detail());
        assertTrue(ConnectionFailures.isUniqueViolation(failure));
        assertFalse(ConnectionFailures.isBusy(failure));
    }

    @Test
    void shouldKeepOtherFailuresA500() {
        for (RuntimeException failure : new RuntimeException[] {
            new PersistenceException(new SQLException("value too long", "22001")),
            new PersistenceException(new SQLException("foreign key violation", "23503")),
            new IllegalStateException("a bug"),
        }) {
            assertEquals(500, mappers.unexpected(failure, null).getStatus(), failure.toString());
            assertFalse(ConnectionFailures.isDatabaseUnreachable(failure));
            assertFalse(ConnectionFailures.isBusy(failure));
            assertFalse(ConnectionFailures.isUniqueViolation(failure));
        }
    }
}
