package nl.sglzorg.meldpunt.common.jdbc;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;

/**
 * Plain SQL over the current transaction's connection: small selects, and the rows a filing writes once.
 *
 * <p>A workaround for Hibernate ORM 7.2, kept apart so it can go when the cause is gone. Not through
 * Hibernate's native queries: Hibernate stores a query plan for every native select it runs under a
 * key that never equals the next call's, with colliding hash codes, so each call adds an entry that
 * is never found again and makes every later look-up in that cache slower. On the intake path that
 * was the largest single cost: the hottest frames were {@code SelectInterpretationsKey.equals} in a
 * {@code ConcurrentHashMap} tree bin; going around it (with {@link InListParameters}) took intake
 * from 287 to 771 filings/s ({@code docs/benchmarks.md}, "Intake throughput"). No upstream issue
 * names this defect; the nearest, HHH-19668 (native query interpretations held in that cache take
 * much memory), is about the same cache. Entity changes and most queries stay with Hibernate; rows derived
 * from entities in bulk (the figures per day) are written here, in JDBC batches, and so are the rows
 * every filing writes once (the new ticket, its history lines, its outbox e-mails; {@link #insert},
 * {@link #batch}): through Hibernate, each of those was an entity insert that registered an entity
 * nothing would change, and the history and outbox rows read the whole row back ({@code RETURNING *}).
 *
 * <p>The workaround's part, when the cause is gone: run these selects as {@code createNativeQuery}
 * again and {@code bench/run.sh --profile}; {@code SelectInterpretationsKey} must not show among the
 * top frames. The inserts and the filing's duplicate look-up ({@code Ticket.findOpenWithUrl}) stay
 * here in any case: they are here for the CPU that Hibernate's entity and query machinery cost per
 * filing ({@code docs/benchmarks.md}, session 19).
 */
public final class Sql {

    private Sql() {
    }

    /** The first column of every row, in order. An {@link Instant} parameter is bound as UTC. */
    public static List<Object> column(String sql, Object... parameters) {
        return Panache.getSession().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, parameters);
                List<Object> values = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        values.add(rows.getObject(1));
                    }
                }
                return values;
            }
        });
    }

    /** Every row, each as its columns in order. An {@link Instant} parameter is bound as UTC. */
    public static List<Object[]> rows(String sql, Object... parameters) {
        return Panache.getSession().doReturningWork(connection -> rows(connection, sql, parameters));
    }

    /**
     * {@link #rows}, on a connection of its own outside any transaction ({@link #updateCommitted}): one
     * round trip, for a look-up that is all its request asks of the database before it decides what to do.
     */
    public static List<Object[]> rowsCommitted(DataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = committing(dataSource)) {
            return rows(connection, sql, parameters);
        } catch (SQLException e) {
            throw new PersistenceException("Statement failed: " + sql, e);
        }
    }

    private static List<Object[]> rows(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] row = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        row[i] = result.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** Reads one row of a {@link #forEach} select; the result set stands on the row. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /**
     * Hands every row to {@code reader} as it arrives, {@code fetchSize} rows at a time: for selects of
     * many rows that are counted, not kept. PostgreSQL streams only inside a transaction, which the
     * caller's is. H2 by itself builds the whole result in the heap before the first row (a day of the
     * benchmark's tickets, 17 k rows of 21 columns, lived long enough to be promoted, and the old
     * generation filled with them: docs/benchmarks.md, session 28), so on H2 the select runs lazily,
     * a row produced as it is read.
     */
    public static void forEach(String sql, int fetchSize, RowReader reader, Object... parameters) {
        Panache.getSession().doWork(connection -> {
            Optional<SessionLocal> h2 = H2Sessions.of(connection);
            boolean wasLazy = h2.map(SessionLocal::isLazyQueryExecution).orElse(false);
            h2.ifPresent(session -> session.setLazyQueryExecution(true));
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(fetchSize);
                bind(statement, parameters);
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        reader.read(result);
                    }
                }
            } finally {
                h2.ifPresent(session -> session.setLazyQueryExecution(wasLazy));
            }
        });
    }

    /** The first column of every row, in order, as ids ({@code long}): {@link #column}'s values. */
    public static List<Long> ids(String sql, Object... parameters) {
        return column(sql, parameters).stream().map(id -> ((Number) id).longValue()).toList();
    }

    /** {@code first} followed by {@code values}: the parameters of a statement with an {@code IN} list after one other. */
    public static Object[] parameters(Object first, List<?> values) {
        Object[] parameters = new Object[values.size() + 1];
        parameters[0] = first;
        for (int i = 0; i < values.size(); i++) {
            parameters[i + 1] = values.get(i);
        }
        return parameters;
    }

    /** {@code ?, ?, ?}: the positional parameters of an {@code IN} list of {@code count} values. */
    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** A timestamp column as an instant, or null. */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Runs one statement once per parameter list, in one JDBC batch; returns nothing. */
    public static void batch(String sql, List<Object[]> parameterLists) {
        if (parameterLists.isEmpty()) {
            return;
        }
        Panache.getSession().doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] parameters : parameterLists) {
                    bind(statement, parameters);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        });
    }

    /**
     * Inserts one row and returns the {@code id} the database gave it: one round trip, the key read
     * back and nothing else. For rows written once, that no entity of this transaction holds.
     */
    public static long insert(String sql, Object... parameters) {
        return Panache.getSession().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql, new String[] {"id"})) {
                bind(statement, parameters);
                statement.executeUpdate();
                try (ResultSet keys = statement.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new IllegalStateException("no id generated by: " + sql);
                    }
                    return keys.getLong(1);
                }
            }
        });
    }

    /** Runs one statement; returns the number of rows it changed. */
    public static int update(String sql, Object... parameters) {
        return Panache.getSession().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, parameters);
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Runs one statement on a connection of its own that commits it by itself (autocommit): one round
     * trip, where a transaction of its own takes three and the transaction manager's and Hibernate's
     * work around them. The caller must not be in a transaction (else the pool would enlist the
     * connection in it): {@code @Transactional(NOT_SUPPORTED)} suspends one. Returns the rows changed.
     */
    public static int updateCommitted(DataSource dataSource, String sql, Object... parameters) {
        try (Connection connection = committing(dataSource);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("Statement failed: " + sql, e);
        }
    }

    /** A pooled connection that commits each statement by itself. */
    private static Connection committing(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            return connection;
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i] instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : parameters[i];
            statement.setObject(i + 1, value);
        }
    }

    /** The one number a select returns. */
    public static long number(String sql, Object... parameters) {
        List<Object> values = column(sql, parameters);
        if (values.size() != 1 || !(values.get(0) instanceof Number number)) {
            throw new IllegalStateException("expected one number from: " + sql);
        }
        return number.longValue();
    }
}
