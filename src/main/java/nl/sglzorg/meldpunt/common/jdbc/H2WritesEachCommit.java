package nl.sglzorg.meldpunt.common.jdbc;

import io.agroal.api.AgroalPoolInterceptor;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * On H2, every commit is written to the database file before it returns, so a signal that got
 * {@code 201} survives the process being killed ({@code kill -9}, the kernel's out-of-memory killer,
 * a container stopped without its grace period).
 *
 * <p>H2 by itself keeps committed changes in the heap and writes them to its file up to half a second
 * later ({@code WRITE_DELAY}, 500 ms). A killed process loses them: by hand, the last of six signals
 * filed right before a {@code kill -9} was missing afterwards in 3 of 8 tries
 * ({@code docs/benchmarks.md}, "What changed in session 13"). {@code SET WRITE_DELAY 0} makes H2 write
 * at each commit. H2 takes the delay from the URL again (500 ms unless it says otherwise) whenever it
 * opens the file, so it is set whenever the pool opens a connection, whatever URL the operator
 * configured. PostgreSQL is durable by itself
 * ({@code fsync} and {@code synchronous_commit}), and its connections are left as they are.
 *
 * <p>What it costs: H2 writes every page a filing changed at each commit instead of once for half a
 * second of commits, about a third of the filings a second it managed before, and H2's background
 * thread, which also compacts the file while it is open, no longer runs: the file grows faster and is
 * compacted when it is closed ({@code docs/benchmarks.md}). What it does not give: the write goes to
 * the operating system, not through {@code fsync}, so a power cut of the host can still lose the last
 * commits; for that, PostgreSQL.
 */
@ApplicationScoped
public class H2WritesEachCommit implements AgroalPoolInterceptor {

    static final String WRITE_EACH_COMMIT = "SET WRITE_DELAY 0";

    @Override
    public void onConnectionCreate(Connection connection) {
        try {
            if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(WRITE_EACH_COMMIT);
            }
        } catch (SQLException e) {
            // Only H2's administrator may change it: the user who created the file, which Meldpunt does.
            Log.warnf("H2 keeps commits in memory for up to half a second: %s failed (%s);"
                    + " a killed process can lose the last ones", WRITE_EACH_COMMIT, e.getMessage());
        }
    }
}
