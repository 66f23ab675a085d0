package nl.sglzorg.meldpunt.common.jdbc;

import io.quarkus.logging.Log;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tells a database that cannot be reached (down, restarting, the pool's wait for a connection over),
 * or that gave way to another transaction ({@link #isBusy}), from every other failure, so a request that
 * meets one is answered {@code 503} with {@code Retry-After} rather than {@code 500}: the client may
 * simply try again.
 */
public final class ConnectionFailures {

    /** PostgreSQL's SQLSTATEs of a server shutting down or starting (class 57P); class 08 is any connection failure. */
    private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

    private ConnectionFailures() {
    }

    /**
     * Runs {@code action}; while it fails because the database cannot be reached (down, restarting),
     * runs it again every second until {@code deadline} ({@link System#nanoTime()}), then gives up with
     * that failure. For an outbox recording what it has already sent: dropping the outcome would let
     * the claim run out and the e-mails or deliveries go out again.
     */
    public static <T> T retryWhileUnreachable(Supplier<T> action, long deadline, String what) {
        while (true) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                if (!isDatabaseUnreachable(e) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                Log.warnf("Database unreachable: %s again in a second", what);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * SQLSTATEs of a statement the database gave up on for another transaction's sake, which the same
     * request sent again can pass: a wait for a lock that ran out (H2's {@code HYT00}, PostgreSQL's
     * {@code 55P03} under its {@code lock_timeout}), a statement over its time ({@code 57014}), a deadlock
     * or serialisation failure whose victim this was ({@code 40001}, {@code 40P01}).
     */
    private static final Set<String> GAVE_WAY = Set.of("HYT00", "55P03", "57014", "40001", "40P01");

    /**
     * Whether {@code failure}, or any cause of it, says the database gave up on a statement because
     * another transaction held what it needed ({@link #GAVE_WAY}): the database is there, but busy; the
     * transaction was rolled back, so nothing of it is stored, and the request may simply be sent again.
     */
    public static boolean isBusy(Throwable failure) {
        return hasState(failure, GAVE_WAY);
    }

    /**
     * Whether {@code failure}, or any cause of it, is a unique key's refusal ({@code 23505} on both
     * databases): a row like it was written at the same moment, by a request that checked first as this
     * one did (a double click); nothing of this transaction is stored.
     */
    public static boolean isUniqueViolation(Throwable failure) {
        return hasState(failure, Set.of("23505"));
    }

    /**
     * Whether the database refused a text it cannot hold: PostgreSQL's {@code 22021}, for a NUL character
     * (U+0000), which no text column takes. The pages and the JSON refuse it before it gets here; this
     * is for what comes another way (a Basic header's user name, say).
     */
    public static boolean isUnstorableText(Throwable failure) {
        return hasState(failure, Set.of("22021"));
    }

    private static boolean hasState(Throwable failure, Set<String> states) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && states.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code failure}, or any cause of it, says the database could not be reached. */
    public static boolean isDatabaseUnreachable(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || SERVER_GOING_AWAY.contains(state))) {
                    return true;
                }
                // Agroal's pool gives up waiting for a connection with a plain SQLException.
                String message = String.valueOf(sql.getMessage()).toLowerCase(java.util.Locale.ROOT);
                if (message.contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }
}
