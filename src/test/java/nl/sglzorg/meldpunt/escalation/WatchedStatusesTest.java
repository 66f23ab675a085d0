package nl.sglzorg.meldpunt.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import db.migration.V33__Deadline_watcher_reads_one_column_per_deadline;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The database computes when the deadline watcher next acts on a ticket (V33's {@code _watch_at}
 * columns) for the statuses in which a deadline runs, named in the migration's SQL. The watcher
 * checks the same statuses in Java before it acts. Should {@link SlaWatcher#RUNNING} change, the
 * columns need a new migration, or a ticket in a new running status would never be warned.
 */
class WatchedStatusesTest {

    @Test
    void shouldComputeTheWatchColumnsForTheStatusesInWhichTheWatcherActs() {
        String running = SlaWatcher.RUNNING.stream().map(status -> "'" + status.name() + "'")
                .collect(Collectors.joining(", ", "status IN (", ")"));
        assertEquals(running, V33__Deadline_watcher_reads_one_column_per_deadline.RUNNING);
    }
}
