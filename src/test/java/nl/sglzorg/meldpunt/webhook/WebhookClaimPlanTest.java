package nl.sglzorg.meldpunt.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The webhook dispatcher's claim, as the e-mail outbox's ({@code OutboxClaimPlanTest}): after 50,000
 * deliveries made long ago (the lower ids), with a backlog of 20,000 due (due times not in id order),
 * it reads only what it claims, through the index on {@code (status, next_attempt_at, id)}, first due
 * first. The statement is the one {@link WebhookOutbox} runs.
 */
@QuarkusTest
class WebhookClaimPlanTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldClaimTheFirstDueDeliveriesThroughTheirIndexWithoutReadingTheBacklog() throws SQLException {
        Plans.Claim claim;
        try (Connection db = dataSource.getConnection(); Statement statement = db.createStatement()) {
            Assumptions.assumeTrue(db.getMetaData().getDatabaseProductName().equals("PostgreSQL"), "PostgreSQL's plans");
            claim = Plans.claimOnCopy(statement, "webhook_delivery", "INSERT INTO webhook_delivery_backlog (id,"
                    + " webhook_id, message_id, event_type, ticket_reference, body, status, attempts, next_attempt_at,"
                    + " created_at, delivered_at, version) SELECT g, 1, 'm-' || g, 'ticket.filed', 'SGL-2026-000001',"
                    + " '{}', CASE WHEN g > 50000 THEN 'PENDING' ELSE 'DELIVERED' END, 0,"
                    + " CASE WHEN g > 50000 THEN " + Plans.DUE_OUT_OF_ID_ORDER
                    + " ELSE now() - interval '2 days' END, now() - interval '2 days',"
                    + " CASE WHEN g <= 50000 THEN now() - interval '2 days' END, 0"
                    + " FROM generate_series(1, 70000) g", WebhookOutbox.CLAIM_DUE);
        }
        assertTrue(claim.plan().contains("Index Scan using webhook_delivery_backlog_status_next_attempt_at_id_idx"),
                "through the due index: " + claim.plan());
        assertFalse(claim.plan().contains("Sort"), "no backlog read and sorted: " + claim.plan());
        assertEquals(Plans.firstDue(50), claim.ids(), "the 50 first due, in the order they are due");
    }
}
