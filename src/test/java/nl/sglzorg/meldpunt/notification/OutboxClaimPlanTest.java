package nl.sglzorg.meldpunt.notification;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import nl.sglzorg.meldpunt.support.Plans;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The outbox dispatcher claims due e-mails several times a second under load, on every instance. With
 * a backlog it must read only the e-mails it claims, through the index on
 * {@code (status, next_attempt_at, id)}, first due first: ordered by {@code id}, PostgreSQL read and
 * sorted every due e-mail at each claim (160–280 ms with about 1,400 queued). A copy of the table
 * stands in for a busy one: 50,000 e-mails sent long ago (the lower ids), then 20,000 due, whose due
 * times do not follow their ids (retries). The statement is the one {@link OutboxStore} runs.
 */
@QuarkusTest
class OutboxClaimPlanTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldClaimTheFirstDueEmailsThroughTheirIndexWithoutReadingTheBacklog() throws SQLException {
        Plans.Claim claim;
        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement()) {
            Assumptions.assumeTrue(db.getMetaData().getDatabaseProductName().equals("PostgreSQL"), "PostgreSQL's plans");
            claim = Plans.claimOnCopy(statement, "outbox_email", "INSERT INTO outbox_email_backlog (id, kind,"
                    + " recipient, recipient_label, subject, text_body, html_body, status, attempts, next_attempt_at,"
                    + " created_at, sent_at, version) SELECT g, 'NEW_SIGNAL', 'nieuws@sgl-zorg.nl', 'communicatie',"
                    + " 'Onderwerp', 'Tekst', '<p>Tekst</p>', " + Plans.status("SENT") + ", 0, " + Plans.NEXT_ATTEMPT_AT
                    + ", now() - interval '2 days', " + Plans.DONE_AT + ", 0" + Plans.BACKLOG, OutboxStore.CLAIM_DUE);
        }
        Plans.assertFirstDueThroughIndex(claim, "outbox_email_backlog_status_next_attempt_at_id_idx");
    }
}
