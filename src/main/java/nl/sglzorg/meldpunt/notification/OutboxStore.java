package nl.sglzorg.meldpunt.notification;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.sglzorg.meldpunt.common.MeldpuntConfig;
import nl.sglzorg.meldpunt.ticket.EventType;
import nl.sglzorg.meldpunt.ticket.TicketEvent;

/**
 * The outbox's short transactions. A claim reserves due e-mails for one dispatcher by moving their
 * due time past a lease; {@code FOR UPDATE SKIP LOCKED} lets several dispatchers claim side by side
 * without ever claiming the same row.
 */
@ApplicationScoped
public class OutboxStore {

    /** What a dispatcher needs to send one e-mail, detached from the database. */
    public record Claimed(long id, Long ticketId, String recipient, String subject, String text, String html,
            int attempts, Instant createdAt) {
    }

    @Inject
    Clock clock;

    @Inject
    MeldpuntConfig config;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Claimed> claimDue(int limit) {
        Instant now = Instant.now(clock);
        @SuppressWarnings("unchecked")
        List<Number> ids = Panache.getEntityManager()
                .createNativeQuery("select id from outbox_email where status = 'PENDING' and next_attempt_at <= ?1"
                        + " order by id limit ?2 for update skip locked")
                .setParameter(1, now).setParameter(2, limit).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Instant leaseEnd = now.plus(config.mail().claimLease());
        List<OutboxEmail> emails = OutboxEmail.list("id in ?1 order by id", ids.stream().map(Number::longValue).toList());
        return emails.stream().map(email -> {
            email.attempts++;
            email.nextAttemptAt = leaseEnd;
            return new Claimed(email.id, email.ticketId, email.recipient, email.subject, email.textBody,
                    email.htmlBody, email.attempts, email.createdAt);
        }).toList();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void markSent(Claimed claimed) {
        OutboxEmail email = OutboxEmail.findById(claimed.id());
        Instant now = Instant.now(clock);
        email.status = EmailStatus.SENT;
        email.sentAt = now;
        email.lastError = null;
        if (email.ticketId != null) {
            TicketEvent.record(email.ticketId, EventType.EMAIL_SENT, TicketEvent.SYSTEM, now, null,
                    email.recipientLabel, email.subject, false);
        }
    }

    /** Schedules the next attempt with exponential backoff, or parks the e-mail after the last one. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean markFailed(Claimed claimed, String error) {
        OutboxEmail email = OutboxEmail.findById(claimed.id());
        Instant now = Instant.now(clock);
        email.lastError = error;
        if (email.attempts >= config.mail().maxAttempts()) {
            email.status = EmailStatus.FAILED;
            if (email.ticketId != null) {
                TicketEvent.record(email.ticketId, EventType.EMAIL_FAILED, TicketEvent.SYSTEM, now, null,
                        email.recipientLabel, email.subject + " — " + error, false);
            }
            return true;
        }
        email.nextAttemptAt = now.plus(backoff(email.attempts));
        return false;
    }

    /**
     * A parked (FAILED) e-mail is tried again at once, with a fresh count of attempts. A pending one
     * is left alone: a dispatcher may be sending it right now, and a retry must never send it twice.
     */
    @Transactional
    public Optional<OutboxEmail> retry(long id) {
        Optional<OutboxEmail> found = OutboxEmail.findByIdOptional(id);
        found.filter(e -> e.status == EmailStatus.FAILED).ifPresent(email -> {
            email.status = EmailStatus.PENDING;
            email.attempts = 0;
            email.nextAttemptAt = Instant.now(clock);
        });
        return found;
    }

    Duration backoff(int attempts) {
        Duration wait = config.mail().initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(config.mail().maxBackoff()) > 0 ? config.mail().maxBackoff() : wait;
    }

    /** Pending count, parked count, and the age of the oldest pending e-mail, for metrics and health. */
    @Transactional
    public Backlog backlog() {
        long pending = OutboxEmail.count("status", EmailStatus.PENDING);
        long failed = OutboxEmail.count("status", EmailStatus.FAILED);
        Optional<OutboxEmail> oldest = OutboxEmail.find("status = ?1 order by createdAt", EmailStatus.PENDING)
                .firstResultOptional();
        Duration age = oldest.map(e -> Duration.between(e.createdAt, Instant.now(clock))).orElse(Duration.ZERO);
        return new Backlog(pending, failed, age);
    }

    public record Backlog(long pending, long failed, Duration oldestPendingAge) {
    }
}
