package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 33: each deadline gets a column the database computes, the moment the deadline watcher
 * ({@code SlaWatcher}) next acts on it, and an index on that column alone. The watcher's look-up
 * becomes {@code WHERE first_response_watch_at <= now}: one range of one index, the rows it finds
 * the rows it acts on.
 *
 * <p>Why: V32's indexes held the five columns the watcher asked about, and PostgreSQL estimated how
 * many tickets match by multiplying each condition's share as if they were independent. They are not
 * (a ticket not yet answered is also not breached, and running): at 1.45 million tickets, 400,000 of
 * them filed lately and not yet warned, the estimate was 77,000 to 216,000 rows where ten matched,
 * and the planner read the whole table in parallel every minute, 0.27 to 1.4 s ({@code
 * docs/benchmarks.md}, session 23). Statistics on the computed column are statistics on the answer
 * itself, so the estimate is right; and filing writes two one-column indexes where it wrote two of
 * five columns.
 *
 * <p>The value, for the first response (the resolution alike, with {@code resolved_at}): while the
 * ticket runs (a running status, not waiting for the reporter), the deadline is not met and not
 * breached: the warning moment until the warning is given, then the deadline. Otherwise none. The
 * database keeps it true on every insert and update, whoever writes the row.
 *
 * <p>A Java migration because the two databases say it differently: PostgreSQL keeps such a column
 * with {@code STORED} and indexes only the rows that have a value; H2 knows neither and keeps and
 * indexes every row. On PostgreSQL adding the columns rewrites the ticket table once, filings waiting
 * meanwhile ({@code docs/operations.md}, "Upgrading").
 */
public class V33__Deadline_watcher_reads_one_column_per_deadline extends BaseJavaMigration {

    /**
     * Whether the ticket's status is one in which a deadline runs, as {@code SlaWatcher.RUNNING} names
     * them today. Frozen with the migration: should the running statuses change, the columns need a
     * migration of their own ({@code WatchedStatusesTest} asks the database which statuses it computes
     * them for).
     *
     * <p>A {@code CASE}, not {@code status IN ('NEW', …)}: H2 2.4 keeps, in a list of two or more
     * constants, the session that prepared the expression, here the migration's connection, and once
     * that connection is closed every insert of a ticket fails with "The database has been closed"
     * until the next start ({@code DeadlineWatchColumnsTest}).
     */
    private static final String RUNNING = "CASE status WHEN 'NEW' THEN TRUE WHEN 'TRIAGED' THEN TRUE"
            + " WHEN 'IN_PROGRESS' THEN TRUE WHEN 'ESCALATED' THEN TRUE ELSE FALSE END";

    @Override
    public Integer getChecksum() {
        return String.join("\n", statements(true)).concat(String.join("\n", statements(false))).hashCode();
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection db = context.getConnection();
        boolean postgres = "PostgreSQL".equals(db.getMetaData().getDatabaseProductName());
        try (Statement statement = db.createStatement()) {
            for (String sql : statements(postgres)) {
                statement.execute(sql);
            }
        }
    }

    /**
     * On H2 each statement is committed by itself: should the start be killed midway, the next one
     * takes up the statements again, and those already done change nothing ({@code IF [NOT] EXISTS}).
     * H2 adds the two columns in two statements (it takes {@code IF NOT EXISTS} for one column only), so
     * it copies its table twice. PostgreSQL runs them all in one transaction, and adds the columns in
     * one statement, so that it rewrites the table once.
     */
    static List<String> statements(boolean postgres) {
        String firstResponse = column("first_response", "first_response_at", postgres);
        String resolution = column("resolution", "resolved_at", postgres);
        List<String> addColumns = postgres
                ? List.of("ALTER TABLE ticket ADD COLUMN IF NOT EXISTS " + firstResponse
                        + ", ADD COLUMN IF NOT EXISTS " + resolution)
                : List.of("ALTER TABLE ticket ADD COLUMN IF NOT EXISTS " + firstResponse,
                        "ALTER TABLE ticket ADD COLUMN IF NOT EXISTS " + resolution);
        return Stream.of(List.of("DROP INDEX IF EXISTS ticket_first_response_watch_idx",
                        "DROP INDEX IF EXISTS ticket_resolution_watch_idx"), addColumns,
                List.of(index("first_response", postgres), index("resolution", postgres)))
                .flatMap(List::stream).toList();
    }

    /** {@code deadline} names the deadline's columns, {@code met} the moment it was met. */
    private static String column(String deadline, String met, boolean postgres) {
        return deadline + "_watch_at TIMESTAMP WITH TIME ZONE GENERATED ALWAYS AS (CASE WHEN " + RUNNING
                + " AND waiting_since IS NULL AND " + met + " IS NULL AND NOT " + deadline + "_breached THEN"
                + " CASE WHEN " + deadline + "_warned THEN " + deadline + "_due ELSE " + deadline + "_warn_at END END)"
                + (postgres ? " STORED" : "");
    }

    private static String index(String deadline, boolean postgres) {
        String column = deadline + "_watch_at";
        return "CREATE INDEX IF NOT EXISTS ticket_" + deadline + "_watch_idx ON ticket (" + column + ")"
                + (postgres ? " WHERE " + column + " IS NOT NULL" : "");
    }
}
