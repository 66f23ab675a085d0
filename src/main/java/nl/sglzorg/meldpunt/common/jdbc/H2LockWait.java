package nl.sglzorg.meldpunt.common.jdbc;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * On H2, a transaction waits up to {@link #WAIT} for a row another transaction holds, where H2 by itself
 * gives up after a second. Rows are held to make requests that meet wait for each other: a form sent
 * twice at once waits on its one-time key (the second then gets the first's receipt), and a report of a
 * post waits for a report of the same post being filed (and then joins its ticket). A filing that took
 * longer than a second, on a busy host or behind a slow disk, made the one waiting for it fail with
 * {@code 500}. PostgreSQL waits as long as it takes unless its {@code lock_timeout} says otherwise; a wait
 * that runs out on either is answered {@code 503} with {@code Retry-After} ({@code ConnectionFailures#isBusy}).
 * Set on each of the pool's connections as it is made, whatever the URL says.
 */
@ApplicationScoped
public class H2LockWait implements AgroalPoolInterceptor {

    /** Long enough for a filing on a busy host; short enough to answer within the time a browser waits. */
    static final Duration WAIT = Duration.ofSeconds(10);

    @Override
    public void onConnectionCreate(Connection connection) {
        if (H2Sessions.of(connection).isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCK_TIMEOUT " + WAIT.toMillis());
        } catch (SQLException e) {
            throw new IllegalStateException("H2 refused its lock wait", e);
        }
    }
}
