package nl.sglzorg.meldpunt.webhook;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
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
 * first, looking up for each whether its webhook is on. The statement is the one {@link WebhookOutbox}
 * runs.
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
            long webhook = enabledWebhook(statement);
            String fill = "INSERT INTO webhook_delivery_backlog (id, webhook_id, message_id, event_type,"
                    + " ticket_reference, body, status, attempts, next_attempt_at, created_at, delivered_at, version)"
                    + " SELECT g, " + webhook + ", 'm-' || g, 'ticket.filed', 'SGL-2026-000001', '{}', "
                    + Plans.status("DELIVERED") + ", 0, " + Plans.NEXT_ATTEMPT_AT + ", now() - interval '2 days', "
                    + Plans.DONE_AT + ", 0" + Plans.BACKLOG;
            try {
                claim = Plans.claimOnCopy(statement, "webhook_delivery", fill, WebhookOutbox.CLAIM_DUE);
            } finally {
                statement.execute("DELETE FROM webhook WHERE id = " + webhook);
            }
        }
        Plans.assertFirstDueThroughIndex(claim, "webhook_delivery_backlog_status_next_attempt_at_id_idx");
    }

    /** A webhook that is on, whose deliveries the claim takes; its id. */
    private static long enabledWebhook(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("INSERT INTO webhook (url, events, format, enabled, secret,"
                + " created_by, created_at) VALUES ('https://hooks.example.org/plan', 'ticket.filed', 'STANDARD',"
                + " TRUE, 'whsec_plan', 'plan', now()) RETURNING id")) {
            row.next();
            return row.getLong(1);
        }
    }
}
