package nl.sglzorg.meldpunt.common.jdbc;

import java.time.Instant;
import java.util.List;

/**
 * The select with which a dispatcher claims a queue's first due rows (the e-mail outbox's and the
 * webhook outbox's): pending, due by {@code now}, first due first, up to a limit, locked, and skipping
 * the rows another dispatcher holds ({@code FOR UPDATE SKIP LOCKED}), so that several claim side by side
 * and never claim one row twice. The table needs {@code id}, {@code status} and {@code next_attempt_at},
 * with an index on {@code (status, next_attempt_at, id)}, so that the select reads only what it returns.
 *
 * <p>PostgreSQL locks only the rows the limit lets through. H2 locks every row the condition matches
 * before it applies the limit, and a lock is a write of the row to its store: with a backlog of a few
 * thousand e-mails, each claim of 50 rewrote every pending e-mail, bodies and all, and the claims of
 * one backlog cost time in the square of its length ({@code docs/benchmarks.md}, session 27). On H2 the
 * limited select therefore runs first without a lock, and then only its rows are locked, found by
 * their ids (as a subquery, H2 evaluated it again for every pending row). The due condition is checked
 * again on each row as it is locked, so a row that another claim took meanwhile (its due time moved
 * past that claim's lease) is left out, as a skipped one is.
 */
public final class DueClaim {

    private static final String DUE = "status = 'PENDING' and next_attempt_at <= ?";

    private final String table;

    /** What makes a row due: {@link #DUE}, and the condition of {@link #onlyWhere} if there is one. */
    private final String due;

    /** The first due rows' ids, without a lock. */
    private final String first;

    private DueClaim(String table, String due) {
        this.table = table;
        this.due = due;
        this.first = "select id from " + table + " where " + due + " order by next_attempt_at, id limit ?";
    }

    /** The claim of {@code table}'s first due rows. */
    public static DueClaim of(String table) {
        return new DueClaim(table, DUE);
    }

    /**
     * This claim, of the due rows that also meet {@code condition} (SQL without parameters). The index
     * does not hold it: the select reads past every due row the condition leaves out, so it should
     * leave out few.
     */
    public DueClaim onlyWhere(String condition) {
        return new DueClaim(table, due + " and " + condition);
    }

    /** The claim as PostgreSQL runs it: one statement. */
    public String postgres() {
        return first + " for update skip locked";
    }

    /**
     * Locks and returns the ids of up to {@code limit} rows due by {@code now}, first due first, in the
     * current transaction, with the statements for {@code database}.
     */
    public List<Long> claim(DatabaseInUse database, Instant now, int limit) {
        if (database.isPostgreSQL()) {
            return Sql.ids(postgres(), now, limit);
        }
        List<Long> first = Sql.ids(this.first, now, limit);
        if (first.isEmpty()) {
            return first;
        }
        return Sql.ids("select id from " + table + " where " + due + " and id in (" + Sql.placeholders(first.size())
                + ") order by next_attempt_at, id for update skip locked", Sql.parameters(now, first));
    }
}
