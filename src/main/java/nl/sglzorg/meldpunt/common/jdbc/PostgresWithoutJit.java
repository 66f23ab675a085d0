package nl.sglzorg.meldpunt.common.jdbc;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Meldpunt's PostgreSQL sessions run without just-in-time compilation of their statements
 * ({@code SET jit = off} on every new connection).
 *
 * <p>PostgreSQL (12 and newer, where {@code jit} is on by default) compiles a statement to machine
 * code when the planner estimates its cost above {@code jit_above_cost} (100,000 by default), and
 * does so again at every execution. That pays off for an analytical query that runs for seconds;
 * Meldpunt's statements read a few rows through an index. The planner multiplies the selectivities
 * of columns it takes as independent, so a statement on columns that go together is estimated at tens
 * of thousands of rows where it finds none, and compiled: at a million tickets the deadline watcher's
 * look-up of V32 (not breached, not warned, the warning passed) took 96-131 ms with JIT against
 * 2.8-6.2 ms without (docs/benchmarks.md, "What changed in session 22"). V33 gave that look-up a
 * column of its own, estimated right; the setting stays, since every such misestimate, in any
 * statement, costs the same way, and Meldpunt's statements read a few rows each, which compiling does
 * not speed up (not measured apart). An operator's own {@code jit} setting for the database or role
 * is overridden for Meldpunt's sessions only. H2 has no such setting.
 *
 * <p>Agroal calls this for every physical connection it opens, with auto-commit on (its default,
 * which Meldpunt keeps) and before the connection is handed out, so the setting is committed at once
 * and no transaction's rollback undoes it; returning a connection to the pool does not reset it.
 */
@ApplicationScoped
public class PostgresWithoutJit implements AgroalPoolInterceptor {

    @Inject
    DatabaseInUse database;

    @Override
    public void onConnectionCreate(Connection connection) {
        if (!database.isPostgreSQL()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET jit = off");
        } catch (SQLException e) {
            // A server without the setting (before PostgreSQL 11) compiles nothing anyway.
            Log.warnf("PostgreSQL refused SET jit = off (%s): statements may be compiled when estimated costly",
                    e.getSQLState());
        }
    }
}
