package nl.sglzorg.meldpunt.common.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.management.ThreadMXBean;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link Sql#forEach} hands a select's rows over as they are read, so that counting many rows does not
 * hold them all in the heap at once: the figures per day count a whole day's tickets at a time. H2 by
 * itself builds the whole result before the first row; those rows then lived long enough to be
 * promoted, and under the benchmark the old generation filled with them (docs/benchmarks.md, session 28).
 * Measured as the bytes this thread allocated before the first row arrived: without the streaming,
 * on H2, 110 MB for these 300,000 rows.
 */
@QuarkusTest
class SqlForEachStreamsTest {

    private static final int ROWS = 300_000;

    /** Far below what the whole result takes (tens of MB), far above a statement's own cost. */
    private static final long BEFORE_FIRST_ROW_AT_MOST = 8L * 1024 * 1024;

    @Inject
    DatabaseInUse database;

    @Test
    void shouldHandOverTheFirstRowBeforeTheWholeResultIsBuilt() {
        String rows = database.isPostgreSQL()
                ? "SELECT x, 'row number ' || x, x * 2 FROM generate_series(1, " + ROWS + ") AS x"
                : "SELECT x, 'row number ' || x, x * 2 FROM SYSTEM_RANGE(1, " + ROWS + ") AS r(x)";
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] beforeFirstRow = {-1};
        long[] read = {0};
        QuarkusTransaction.requiringNew().run(() -> {
            Sql.forEach("SELECT 1", 10, row -> { }); // the session and the statement machinery, made once
            long start = threads.getCurrentThreadAllocatedBytes();
            Sql.forEach(rows, 1000, row -> {
                if (read[0]++ == 0) {
                    beforeFirstRow[0] = threads.getCurrentThreadAllocatedBytes() - start;
                }
            });
        });

        assertEquals(ROWS, read[0], "every row is read");
        assertTrue(beforeFirstRow[0] < BEFORE_FIRST_ROW_AT_MOST,
                "bytes allocated before the first row: " + beforeFirstRow[0]);
    }

    /** A pooled connection left lazy would run every later select of whoever takes it that way. */
    @Test
    void shouldLeaveAnH2ConnectionAsItFoundIt() {
        assumeFalse(database.isPostgreSQL(), "the setting is H2's");
        boolean[] lazyAfter = {true};
        QuarkusTransaction.requiringNew().run(() -> {
            Sql.forEach("SELECT 1", 10, row -> { });
            Panache.getSession().doWork(connection -> lazyAfter[0] = H2Sessions.of(connection).orElseThrow()
                    .isLazyQueryExecution());
        });
        assertFalse(lazyAfter[0], "the connection runs its next selects as H2 does by default");
    }
}
