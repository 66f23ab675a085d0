package nl.sglzorg.meldpunt.common.jdbc;

import io.quarkus.logging.Log;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

/** The H2 session in this JVM behind a pooled connection, for what only H2 needs (or only H2 does wrong). */
final class H2Sessions {

    private H2Sessions() {
    }

    /** The H2 session in this JVM behind a connection; empty for any other database. */
    static Optional<SessionLocal> of(Connection connection) {
        try {
            if (connection.isWrapperFor(JdbcConnection.class)
                    && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
                return Optional.of(session);
            }
        } catch (SQLException e) {
            Log.debugf("Not an H2 connection in this JVM: %s", e.getMessage());
        }
        return Optional.empty();
    }
}
