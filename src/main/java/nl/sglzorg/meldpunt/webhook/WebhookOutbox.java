package nl.sglzorg.meldpunt.webhook;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.sglzorg.meldpunt.common.config.MeldpuntConfig;
import nl.sglzorg.meldpunt.common.jdbc.DatabaseInUse;
import nl.sglzorg.meldpunt.common.jdbc.DueClaim;

/**
 * The webhook outbox's short transactions, as the e-mail outbox's: a claim reserves due deliveries
 * for one dispatcher by moving their due time past a lease, and {@code FOR UPDATE SKIP LOCKED} lets
 * several dispatchers claim side by side without ever claiming the same row.
 */
@ApplicationScoped
public class WebhookOutbox {

    /** What a dispatcher needs to send one delivery, detached from the database. */
    record Claimed(long id, String messageId, String url, String secret, String body, int attempts) {
    }

    /** How one attempt ended: delivered, or failed with an error; {@code statusCode} if the receiver answered. */
    record Attempt(Claimed delivery, Integer statusCode, String error) {

        boolean succeeded() {
            return error == null;
        }
    }

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    @Inject
    DatabaseInUse database;

    /**
     * The due deliveries of enabled webhooks, first due first, up to a limit: in the order of the index
     * on {@code (status, next_attempt_at, id)} (V23), so that the select reads only what it returns, as
     * the e-mail outbox's does (its {@code CLAIM_DUE} says why); on H2 only the rows returned are locked
     * ({@link DueClaim}). A webhook switched off keeps its pending deliveries, due as they were, for
     * when it is switched on again; the claim reads past them. They are few: nothing is queued for a
     * webhook while it is off ({@link Webhooks}).
     */
    static final DueClaim CLAIM = DueClaim.of("webhook_delivery")
            .onlyWhere("webhook_id in (select id from webhook where enabled = TRUE)");

    /** The claim's select on PostgreSQL, whose plan {@code WebhookClaimPlanTest} checks. */
    static final String CLAIM_DUE = CLAIM.postgres();

    /** Claims up to {@code limit} due deliveries of enabled webhooks. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claimed> claimDue(int limit) {
        Instant now = Instant.now(clock);
        List<Long> ids = CLAIM.claim(database, now, limit);
        if (ids.isEmpty()) {
            return List.of();
        }
        Panache.getEntityManager().createQuery("update WebhookDelivery set attempts = attempts + 1,"
                        + " nextAttemptAt = ?1, version = version + 1 where id in ?2")
                .setParameter(1, now.plus(config.webhook().claimLease())).setParameter(2, ids).executeUpdate();
        List<WebhookDelivery> deliveries = WebhookDelivery.list("id in ?1 order by id", ids);
        Map<Long, Webhook> webhooks = Webhook.<Webhook>list("id in ?1",
                deliveries.stream().map(d -> d.webhookId).distinct().toList()).stream()
                .collect(Collectors.toMap(w -> w.id, Function.identity()));
        return deliveries.stream().map(d -> {
            Webhook webhook = webhooks.get(d.webhookId);
            return new Claimed(d.id, d.messageId, webhook.url, webhook.secret(), d.body, d.attempts);
        }).toList();
    }

    /** Records a batch's outcome in one transaction: delivered, next attempt with backoff, or parked. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(List<Attempt> attempts) {
        Instant now = Instant.now(clock);
        for (Attempt attempt : attempts) {
            // Only a pending row, and only this attempt's claim: should a lease have run out and another
            // dispatcher have claimed it again meanwhile (its attempts counted one further), a late
            // outcome must not overwrite the newer claim (until session 32 it set the next attempt
            // early, and a third dispatcher sent it while the second was still sending).
            WebhookDelivery delivery = WebhookDelivery.findById(attempt.delivery().id());
            if (delivery == null || delivery.status != DeliveryStatus.PENDING
                    || delivery.attempts != attempt.delivery().attempts()) {
                continue;
            }
            delivery.lastStatusCode = attempt.statusCode();
            if (attempt.succeeded()) {
                delivery.status = DeliveryStatus.DELIVERED;
                delivery.deliveredAt = now;
                delivery.lastError = null;
            } else {
                delivery.lastError = attempt.error();
                if (attempt.delivery().attempts() >= config.webhook().maxAttempts()) {
                    delivery.status = DeliveryStatus.FAILED;
                } else {
                    delivery.nextAttemptAt = now.plus(backoff(attempt.delivery().attempts()));
                }
            }
        }
    }

    Duration backoff(int attempts) {
        Duration wait = config.webhook().initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(config.webhook().maxBackoff()) > 0 ? config.webhook().maxBackoff() : wait;
    }
}
