package nl.sglzorg.meldpunt.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import nl.sglzorg.meldpunt.kernel.TicketStatus;
import nl.sglzorg.meldpunt.support.Signals;
import org.junit.jupiter.api.Test;

/**
 * The database computes when the deadline watcher next acts on a ticket (V33's {@code _watch_at}
 * columns), for the statuses named in the migration's SQL; the watcher checks {@link
 * SlaWatcher#RUNNING} in Java before it acts. Asked of the database: one ticket put in every status in
 * turn, each deadline's warning passed and not given, is found by the watcher's look-up exactly in the
 * running statuses, and not while it waits for the reporter. Should the running statuses change
 * without a migration of the columns, a ticket in a new running status would never be warned, and
 * this fails. All in one transaction, rolled back: no other test sees the changes.
 */
@QuarkusTest
class WatchedStatusesTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldFindATicketWithAStepDueInEveryRunningStatusAndInNoOther() throws SQLException {
        String reference = Signals.file().reference();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Set<TicketStatus> foundIn = EnumSet.noneOf(TicketStatus.class);
        List<String> foundWhileWaiting = new ArrayList<>();
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try {
                for (TicketStatus status : TicketStatus.values()) {
                    if (due(db, reference, status, null, now)) {
                        foundIn.add(status);
                    }
                    if (due(db, reference, status, now.minusHours(1), now)) {
                        foundWhileWaiting.add(status.name());
                    }
                }
            } finally {
                db.rollback();
            }
        }
        assertEquals(EnumSet.copyOf(SlaWatcher.RUNNING), foundIn,
                "the statuses in which the watcher's look-up finds a ticket whose warnings are due");
        assertEquals(List.of(), foundWhileWaiting, "no warning while the ticket waits for the reporter");
    }

    /** Whether both look-ups find the ticket in this status, its two warnings a minute past and not given. */
    private static boolean due(Connection db, String reference, TicketStatus status, OffsetDateTime waitingSince,
            OffsetDateTime now) throws SQLException {
        try (PreparedStatement update = db.prepareStatement("UPDATE ticket SET status = ?, waiting_since = ?,"
                + " first_response_at = NULL, resolved_at = NULL, first_response_warned = FALSE,"
                + " first_response_breached = FALSE, resolution_warned = FALSE, resolution_breached = FALSE,"
                + " first_response_warn_at = ?, resolution_warn_at = ?, first_response_due = ?, resolution_due = ?"
                + " WHERE reference = ?")) {
            update.setString(1, status.name());
            update.setObject(2, waitingSince);
            update.setObject(3, now.minusMinutes(1));
            update.setObject(4, now.minusMinutes(1));
            update.setObject(5, now.plusHours(1));
            update.setObject(6, now.plusHours(1));
            update.setString(7, reference);
            assertEquals(1, update.executeUpdate());
        }
        long id = id(db, reference);
        boolean firstResponse = found(db, SlaWatcher.DUE_FIRST_RESPONSE, id, now);
        boolean resolution = found(db, SlaWatcher.DUE_RESOLUTION, id, now);
        assertEquals(firstResponse, resolution, status + ": both deadlines alike");
        return firstResponse;
    }

    private static boolean found(Connection db, String lookUp, long id, OffsetDateTime now) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(lookUp)) {
            select.setObject(1, now);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (rows.getLong(1) == id) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static long id(Connection db, String reference) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT id FROM ticket WHERE reference = ?")) {
            select.setString(1, reference);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
