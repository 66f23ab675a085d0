package nl.sglzorg.meldpunt.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import nl.sglzorg.meldpunt.common.jdbc.DatabaseInUse;
import org.junit.jupiter.api.Test;

/**
 * A dispatcher's claim locks the e-mails it claims and no others, so that another dispatcher can
 * claim the rest side by side, and so that a claim costs what it returns, not the whole backlog. H2
 * locked every due e-mail at each claim of 50 (a lock is a write of the row, bodies and all), and with
 * a backlog of thousands, as a burst of filings leaves, the outbox's claims then took most of the
 * host's CPU and every filing waited on H2's writes ({@code docs/benchmarks.md}, session 27).
 *
 * <p>The test's 120 e-mails are due only in a year, so the running dispatcher leaves them alone; the
 * claim is made as of a moment after that, in a transaction held open while another transaction locks
 * whatever of them it can.
 */
@QuarkusTest
class OutboxClaimLocksTest {

    private static final String RECIPIENT = "claim-locks@example.org";

    private static final int QUEUED = 120;

    private static final int BATCH = 50;

    @Inject
    DataSource dataSource;

    @Inject
    DatabaseInUse database;

    @Test
    void shouldLockOnlyTheEmailsItClaimsLeavingTheRestToAnotherDispatcher() throws Exception {
        Instant due = Instant.now().plus(365, ChronoUnit.DAYS);
        queue(due);
        try {
            QuarkusTransaction.begin();
            try {
                List<Long> claimed = OutboxStore.CLAIM.claim(database, due.plusSeconds(1), BATCH);
                assertEquals(BATCH, claimed.size(), "a full batch is claimed");
                Set<Long> ours = ours();
                long claimedOfOurs = claimed.stream().filter(ours::contains).count();
                int lockableByAnother = CompletableFuture.supplyAsync(this::lockOursInAnotherTransaction).join();
                assertEquals(QUEUED - claimedOfOurs, lockableByAnother,
                        "another dispatcher can lock every e-mail this claim did not return");
            } finally {
                QuarkusTransaction.rollback();
            }
        } finally {
            try (Connection db = dataSource.getConnection();
                    PreparedStatement delete = db.prepareStatement("DELETE FROM outbox_email WHERE recipient = ?")) {
                delete.setString(1, RECIPIENT);
                delete.executeUpdate();
            }
        }
    }

    private void queue(Instant due) throws SQLException {
        try (Connection db = dataSource.getConnection(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO outbox_email (kind, recipient, recipient_label, subject, text_body, html_body, status,"
                        + " attempts, next_attempt_at, created_at, version) VALUES ('NEW_SIGNAL', ?, 'communicatie',"
                        + " 'Onderwerp', 'Tekst', '<p>Tekst</p>', 'PENDING', 0, ?, ?, 0)")) {
            for (int i = 0; i < QUEUED; i++) {
                insert.setString(1, RECIPIENT);
                insert.setTimestamp(2, Timestamp.from(due));
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private Set<Long> ours() {
        try (Connection db = dataSource.getConnection();
                PreparedStatement select = db.prepareStatement("SELECT id FROM outbox_email WHERE recipient = ?")) {
            select.setString(1, RECIPIENT);
            Set<Long> ids = new HashSet<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many of the test's e-mails another transaction can lock now; it locks them and lets go again. */
    private int lockOursInAnotherTransaction() {
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            try (PreparedStatement select = db.prepareStatement(
                    "SELECT id FROM outbox_email WHERE recipient = ? AND status = 'PENDING' FOR UPDATE SKIP LOCKED")) {
                select.setString(1, RECIPIENT);
                int count = 0;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        count++;
                    }
                }
                return count;
            } finally {
                db.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
